// What one request costs, by kind: Neo4j queries and transactions it runs, and the CPU time the app and Neo4j
// spend on it, measured one request at a time after a warm-up, on the 10k synthetic network.
// npx tsx bench/request-costs.ts [requests per kind]
import { rmSync } from 'node:fs';
import path from 'node:path';
import { usersService } from '../api/auth/users.service.ts';
import { repoRoot } from '../api/config.ts';
import { freePort, startLocalNeo4j } from '../api/db/local-neo4j.ts';
import { connectGraph, type Graph } from '../api/db/neo4j.ts';
import { applySchema } from '../api/db/schema.ts';
import { loadSynthetic } from '../seed/load-synthetic.ts';
import { generateSynthetic } from '../seed/synthetic.ts';
import { processCpuMs } from './proc-cpu.ts';
import { serveApp } from './serve.ts';
import { markdownTable, ms } from './stats.ts';

const runs = Number(process.argv[2] ?? 40);
const dataDir = path.join(repoRoot, '.patmap', `bench-costs-${process.pid}`);
const password = `neo4j-${crypto.randomUUID()}`;

/** The graph, counting the statements and transactions that pass through it. */
function counting(graph: Graph) {
  const counts = { statements: 0, readTx: 0, writeTx: 0, texts: new Map<string, number>() };
  const note = (query: string) => {
    counts.statements += 1;
    const key = query.trim().split('\n').slice(0, 2).join(' ').slice(0, 90);
    counts.texts.set(key, (counts.texts.get(key) ?? 0) + 1);
  };
  const wrapped: Graph = {
    ...graph,
    read: (query, params, options) => {
      counts.readTx += 1;
      note(query);
      return graph.read(query, params, options);
    },
    write: (query, params, options) => {
      counts.writeTx += 1;
      note(query);
      return graph.write(query, params, options);
    },
    writeTransaction: (work, options) => {
      counts.writeTx += 1;
      return graph.writeTransaction(
        (tx) =>
          work({
            run: (query, params) => {
              note(query);
              return tx.run(query, params);
            },
          }),
        options,
      );
    },
  };
  return { wrapped, counts };
}

const neo4j = await startLocalNeo4j({ dataDir, boltPort: await freePort(), password, heap: '2g' });
const base = connectGraph({ uri: neo4j.uri, user: 'neo4j', password });
try {
  await applySchema(base);
  const network = generateSynthetic({ youngPeople: 3_000, adults: 4_000, locations: 3_000, groups: 80, seed: 7 });
  await loadSynthetic(base, network, { batchSize: 1_000, concurrency: 1 });
  const userPassword = `costs-${crypto.randomUUID()}`;
  await usersService(base).create({ username: 'costs', role: 'police', password: userPassword }, 'bench');
  const { wrapped, counts } = counting(base);
  const app = await serveApp({ graph: wrapped });
  const login = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify({ username: 'costs', password: userPassword }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const adult = (i: number) => network.personsOfInterest[(i * 7919) % network.personsOfInterest.length]?.id;
  const child = (i: number) => network.youngPeople[(i * 7919) % network.youngPeople.length]?.id;
  /** A request of one kind, the i-th: a path, or a change with its method and body. */
  type Sent = string | { method: 'PATCH' | 'POST'; path: string; body: unknown };
  const versions = new Map<string, number>();
  const kinds: [string, (i: number) => Sent][] = [
    ['health', () => '/api/health'],
    ['who am I', () => '/api/auth/me'],
    ['young person', (i) => `/api/young-people/${child(i)}`],
    ['person of interest', (i) => `/api/persons-of-interest/${adult(i)}`],
    ['name search', (i) => `/api/persons-of-interest?search=Adult%20${String(i).padStart(3, '0')}&limit=20`],
    ["a record's links", (i) => `/api/links?entity=${child(i)}&limit=50`],
    ['1-hop neighbourhood', (i) => `/api/analysis/neighbourhood?ids=${adult(i)}&hops=1`],
    ['hotspots', () => '/api/analysis/hotspots?limit=20'],
    ['shared adults', () => '/api/analysis/shared-adults?limit=20'],
    [
      'network slice',
      (i) => `/api/network?from=2025-${String((i % 12) + 1).padStart(2, '0')}-01&nodeLimit=300&linkLimit=1000`,
    ],
    // The load test's two writes: one person of interest updated again and again, and new links.
    [
      'update a record',
      (i) => {
        const id = adult(0) ?? '';
        return {
          method: 'PATCH',
          path: `/api/persons-of-interest/${id}`,
          body: { version: versions.get(id) ?? 1, description: `Cost ${i}` },
        };
      },
    ],
    [
      'new link',
      (i) => ({
        method: 'POST',
        path: '/api/links',
        body: {
          type: 'CONTROLS',
          from: adult(i),
          to: child(i),
          sourceAgency: 'Police',
          sourceReference: 'COSTS',
          gradingSource: 2,
          gradingInformation: 'C',
          gradingHandling: 'P',
          firstSeen: '2026-01-01',
        },
      }),
    ],
  ];
  const rows: string[][] = [];
  const texts: string[] = [];
  for (const [kind, pathOf] of kinds) {
    const get = async (i: number) => {
      const sent = pathOf(i);
      const answer =
        typeof sent === 'string'
          ? await fetch(`${app.url}${sent}`, { headers: { cookie } })
          : await fetch(`${app.url}${sent.path}`, {
              method: sent.method,
              headers: { cookie, origin: app.url, 'content-type': 'application/json' },
              body: JSON.stringify(sent.body),
            });
      if (answer.status >= 300) throw new Error(`${kind}: ${answer.status} ${await answer.text()}`);
      const body = await answer.arrayBuffer();
      if (typeof sent !== 'string') {
        const record = JSON.parse(new TextDecoder().decode(body)) as { id: string; version: number };
        versions.set(record.id, record.version);
      }
      return body.byteLength;
    };
    for (let i = 0; i < 20; i++) await get(i);
    counts.statements = 0;
    counts.readTx = 0;
    counts.writeTx = 0;
    counts.texts.clear();
    const appBefore = process.cpuUsage();
    const neoBefore = processCpuMs(neo4j.pid);
    const started = performance.now();
    let bytes = 0;
    for (let i = 0; i < runs; i++) bytes += await get(i + 20);
    const wall = (performance.now() - started) / runs;
    const appCpu = process.cpuUsage(appBefore);
    rows.push([
      kind,
      (counts.readTx / runs).toFixed(1),
      (counts.writeTx / runs).toFixed(1),
      (counts.statements / runs).toFixed(1),
      ms(wall),
      ms((appCpu.user + appCpu.system) / 1000 / runs),
      ms((processCpuMs(neo4j.pid) - neoBefore) / runs),
      (bytes / runs / 1024).toFixed(1),
    ]);
    texts.push(`${kind}: ${[...counts.texts].map(([t, n]) => `${(n / runs).toFixed(1)}× ${t}`).join(' | ')}`);
  }
  console.log(
    markdownTable(
      ['request', 'read tx', 'write tx', 'statements', 'wall ms', 'app CPU ms', 'Neo4j CPU ms', 'KiB'],
      rows,
    ),
  );
  console.log(texts.join('\n'));
  await app.close();
} finally {
  await base.close();
  await neo4j.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
