import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { setAuditKey } from '../api/audit/audit.service.ts';
import { usersService } from '../api/auth/users.service.ts';
import { repoRoot } from '../api/config.ts';
import { freePort, startLocalNeo4j } from '../api/db/local-neo4j.ts';
import { connectGraph, type Graph } from '../api/db/neo4j.ts';
import { applySchema } from '../api/db/schema.ts';
import { wipeGraph } from '../seed/load-demo.ts';
import { loadSynthetic } from '../seed/load-synthetic.ts';
import { generateSynthetic } from '../seed/synthetic.ts';
import { layoutFor, viewportTextureAbove } from '../web/src/chart/layouts.ts';
import { serveApp } from './serve.ts';
import { markdownTable, ms, percentile } from './stats.ts';

/**
 * `npm run bench:web`: loads synthetic networks of about 500, 2,000 and 5,000 records into a Neo4j of its own,
 * opens the chart in headless Chromium and measures, from the start of the page's navigation, when the first
 * frame with the records is drawn and when the layout stops, then the frames per second while the chart is
 * panned every frame. Prints a Markdown table for the README. Each step has a timeout, so a run is bounded.
 */

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '500,2000,5000' },
    runs: { type: 'string', default: '3' },
    'pan-seconds': { type: 'string', default: '4' },
    'links-per-node': { type: 'string', default: '2.5' },
    seed: { type: 'string', default: '7' },
  },
});

const sizes = (values.sizes ?? '').split(',').map(Number);
const runs = Number(values.runs);
const panSeconds = Number(values['pan-seconds']);
const linksPerNode = Number(values['links-per-node']);
const seed = Number(values.seed);
if (!sizes.length || sizes.some((size) => !Number.isInteger(size) || size < 100 || size > 10_000))
  throw new Error('--sizes takes a list of record counts from 100 to 10000 (the network route caps at 10,000)');
if (!Number.isInteger(runs) || runs < 1 || runs > 10) throw new Error('--runs must be an integer from 1 to 10');
if (!(panSeconds >= 1 && panSeconds <= 30)) throw new Error('--pan-seconds must be from 1 to 30');
if (!(linksPerNode > 0 && linksPerNode <= 10)) throw new Error('--links-per-node must be above 0, at most 10');
if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** How long one chart may take to load and lay out before the run counts as failed. */
const loadTimeoutMs = 300_000;
const password = `bench-${crypto.randomUUID()}`;
const log = (line: string) => console.error(`[bench:web] ${line}`);

/** What one page load measured, in milliseconds from the start of navigation. */
interface PageRun {
  networkMs: number;
  firstRenderMs: number;
  layoutDoneMs: number;
  panFps: number;
  worstFrameMs: number;
  records: number;
  links: number;
  webgl: boolean;
}

interface SizeResult {
  size: number;
  runs: PageRun[];
  error?: string;
}

/** The share of records per side of the triangle, and enough planted groups to give the chart some clusters. */
function networkOf(size: number) {
  const youngPeople = Math.round(size * 0.3);
  const adults = Math.round(size * 0.4);
  return generateSynthetic({
    youngPeople,
    adults,
    locations: size - youngPeople - adults,
    groups: Math.max(1, Math.floor(size / 100)),
    linksPerNode,
    seed,
  });
}

async function main(): Promise<void> {
  // A fresh database gets a fresh audit key: the user's audit.key is never read or made.
  setAuditKey(randomBytes(32));
  const dataDir = path.join(repoRoot, '.patmap', `bench-web-${process.pid}`);
  const webRoot = path.join(repoRoot, '.patmap', `bench-web-dist-${process.pid}`);
  const neo4jPassword = `neo4j-${crypto.randomUUID()}`;
  log('building the web app …');
  await build({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: webRoot } });
  const neo4j = await startLocalNeo4j({
    dataDir,
    boltPort: await freePort(),
    password: neo4jPassword,
    heap: '2g',
    pageCache: '1g',
    log,
  });
  const graph = connectGraph({ uri: neo4j.uri, user: 'neo4j', password: neo4jPassword });
  let browser: Browser | undefined;
  try {
    await applySchema(graph);
    await usersService(graph).create({ username: 'bench', role: 'analyst', password }, 'bench');
    const server = await serveApp({ graph, webRoot });
    try {
      browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      const gpu = await webglRenderer(browser);
      const results: SizeResult[] = [];
      for (const size of sizes) {
        results.push(await benchSize(size, graph, server.url, browser));
        console.error(report(results, browser.version(), gpu));
      }
      console.log(report(results, browser.version(), gpu));
    } finally {
      await server.close();
    }
  } finally {
    await browser?.close();
    await graph.close();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(webRoot, { recursive: true, force: true });
  }
}

async function benchSize(size: number, graph: Graph, url: string, browser: Browser): Promise<SizeResult> {
  await wipeGraph(graph, 'bench');
  const network = networkOf(size);
  log(`${size}: loading ${size} records and ${network.links.length} links …`);
  await loadSynthetic(graph, network, { createdBy: 'bench' });
  const measured: PageRun[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const result = await measurePage(browser, url, size, network.links.length);
      log(
        `${size} run ${run + 1}: first render ${ms(result.firstRenderMs)} ms, layout done ${ms(result.layoutDoneMs)} ms, ` +
          `pan ${result.panFps.toFixed(1)} fps (${result.records} records, ${result.links} links drawn)`,
      );
      measured.push(result);
    }
    return { size, runs: measured };
  } catch (error) {
    return { size, runs: measured, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

/** Opens the chart in a fresh browser context, signed in, and measures one load and one pan. */
async function measurePage(browser: Browser, url: string, nodeLimit: number, linkLimit: number): Promise<PageRun> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    const cookie = await signIn(url);
    await context.addCookies([{ name: cookie.name, value: cookie.value, url }]);
    // tsx compiles with esbuild's keepNames, whose __name() calls go along into the page with these functions.
    await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    // Injected by the browser before the page's own scripts, so the strict CSP does not apply to it.
    await context.addInitScript(instrumentChart);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}/?nodeLimit=${nodeLimit}&linkLimit=${linkLimit}`);
    await page.waitForSelector('[data-layout="done"]', { timeout: loadTimeoutMs });
    await page
      .waitForFunction(() => window.patmapBench?.firstRenderMs !== undefined, undefined, { timeout: 10_000 })
      .catch(async (error: unknown) => {
        throw new Error(`${String(error).slice(0, 80)} ${errors.join('; ')}`);
      });
    const load = await page.evaluate(() => {
      const bench = window.patmapBench;
      const network = performance
        .getEntriesByType('resource')
        .find((entry) => new URL(entry.name).pathname === '/api/network') as PerformanceResourceTiming | undefined;
      return {
        firstRenderMs: bench?.firstRenderMs ?? Number.NaN,
        layoutDoneMs: bench?.layoutDoneMs ?? Number.NaN,
        networkMs: network?.responseEnd ?? Number.NaN,
        // Cytoscape adds a fourth, WebGL, layer to the chart when it renders with WebGL.
        webgl: document.querySelector('[data-testid="network-chart"] canvas[data-id$="-webgl"]') !== null,
        records: window.patmapChart?.nodes().length ?? 0,
        links: window.patmapChart?.edges().length ?? 0,
      };
    });
    const pan = await page.evaluate(panFor, panSeconds * 1000);
    if (errors.length) throw new Error(`the page failed: ${errors.join('; ')}`);
    return { ...load, ...pan };
  } finally {
    await context.close();
  }
}

interface ChartBench {
  firstRenderMs?: number;
  layoutDoneMs?: number;
}

declare global {
  interface Window {
    patmapBench?: ChartBench;
  }
}

/**
 * Runs in the page before its scripts. Cytoscape draws in animation frames, and its WebGL renderer emits no
 * `render` event, so the first frame with the records is taken as the frame after the one in which they were
 * added (an upper bound, within one frame). The layout is done at its `layoutstop`.
 */
function instrumentChart(): void {
  const bench: ChartBench = {};
  window.patmapBench = bench;
  let chart: Window['patmapChart'];
  Object.defineProperty(window, 'patmapChart', {
    configurable: true,
    get: () => chart,
    set(cy: Window['patmapChart']) {
      chart = cy;
      cy?.one('add', () => {
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            bench.firstRenderMs = performance.now();
          }),
        );
      });
      cy?.on('layoutstop', () => {
        bench.layoutDoneMs ??= performance.now();
      });
    },
  });
}

/**
 * Runs in the page: pans the chart a little every frame for `durationMs`, counting frames. Cytoscape redraws in
 * the frame loop, so a slow draw shows as fewer frames per second and a longer worst frame.
 */
function panFor(durationMs: number): Promise<{ panFps: number; worstFrameMs: number }> {
  const cy = window.patmapChart;
  if (!cy) throw new Error('No chart on the page');
  return new Promise((resolve) => {
    let frames = 0;
    let worst = 0;
    let start: number | undefined;
    let last = 0;
    const step = (now: number) => {
      if (start === undefined) start = now;
      else {
        frames += 1;
        worst = Math.max(worst, now - last);
      }
      last = now;
      // Back and forth, so the records stay on screen.
      const direction = Math.floor(frames / 60) % 2 === 0 ? 1 : -1;
      cy.panBy({ x: 6 * direction, y: 3 * direction });
      if (now - start < durationMs) requestAnimationFrame(step);
      else {
        resolve({ panFps: frames / ((now - start) / 1000), worstFrameMs: worst });
      }
    };
    requestAnimationFrame(step);
  });
}

async function webglRenderer(browser: Browser): Promise<string> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return 'no WebGL 2';
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      return info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'WebGL 2 (renderer not named)';
    });
  } finally {
    await page.close();
  }
}

async function signIn(url: string): Promise<{ name: string; value: string }> {
  const answer = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username: 'bench', password }),
  });
  const [name, value] = (answer.headers.get('set-cookie')?.split(';')[0] ?? '').split('=');
  if (answer.status !== 200 || !name || !value) throw new Error(`bench sign-in failed: ${answer.status}`);
  return { name, value };
}

const median = (samples: number[]) => (samples.length ? percentile(samples, 50) : Number.NaN);

function report(results: SizeResult[], chromiumVersion: string, gpu: string): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const rows = results.map((result) => {
    const pick = (key: keyof PageRun) => median(result.runs.map((run) => Number(run[key])));
    const first = result.runs[0];
    const layout = layoutFor(result.size) as { name: string };
    return [
      String(result.size),
      first ? `${first.records} / ${first.links}` : '–',
      `${layout.name}, ${first?.webgl ? 'WebGL' : 'canvas'}${result.size > viewportTextureAbove ? ', viewport texture' : ''}`,
      ms(pick('networkMs')),
      ms(pick('firstRenderMs')),
      ms(pick('layoutDoneMs')),
      pick('panFps').toFixed(1),
      ms(pick('worstFrameMs')),
      `${result.runs.length}${result.error ? ` (failed: ${result.error.slice(0, 80)})` : ''}`,
    ];
  });
  return [
    `patmap browser benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium ${chromiumVersion} headless, ` +
      `WebGL: ${gpu}, seed ${seed}, ${linksPerNode} links per record`,
    '',
    `Medians over the runs; milliseconds from the start of navigation (the page is signed in already); ` +
      `panning: ${panSeconds} s of panBy every animation frame.`,
    '',
    markdownTable(
      [
        'records',
        'drawn records / links',
        'layout, renderer',
        'network JSON ms',
        'first render ms',
        'layout done ms',
        'pan fps',
        'worst frame ms',
        'runs',
      ],
      rows,
    ),
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
