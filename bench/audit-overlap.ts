// A/B of the analysis routes' audit write, in one process on one network: the routes as they are (the
// event written while the analysis runs) against the same routes with the event written after the answer
// is ready (as route.ts's `audit` hook does), timed in turn. npx tsx bench/audit-overlap.ts [runs]
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { algorithmRunner } from '../api/analysis/algorithm-runner.ts';
import { analysisQueries, analysisRoutes } from '../api/analysis/analysis.routes.ts';
import { analysisService } from '../api/analysis/analysis.service.ts';
import { analysisMirror } from '../api/analysis/mirror/mirror-sync.ts';
import { apiRoutes } from '../api/app.ts';
import { auditService } from '../api/audit/audit.service.ts';
import { usersService } from '../api/auth/users.service.ts';
import { systemVisibility } from '../api/auth/viewer.ts';
import { repoRoot } from '../api/config.ts';
import { freePort, startLocalNeo4j } from '../api/db/local-neo4j.ts';
import { connectGraph } from '../api/db/neo4j.ts';
import { applySchema } from '../api/db/schema.ts';
import { mountRoutes, type RouteDeclaration } from '../api/http/route.ts';
import { loadSynthetic } from '../seed/load-synthetic.ts';
import { generateSynthetic } from '../seed/synthetic.ts';
import { serveApp } from './serve.ts';
import { percentile } from './stats.ts';

const runs = Number(process.argv[2] ?? 30);
const dataDir = path.join(repoRoot, '.patmap', `bench-audit-${process.pid}`);
const password = `neo4j-${crypto.randomUUID()}`;
const neo4j = await startLocalNeo4j({ dataDir, boltPort: await freePort(), password, heap: '1g', pageCache: '1g' });
const graph = connectGraph({ uri: neo4j.uri, user: 'neo4j', password });
try {
  await applySchema(graph);
  const network = generateSynthetic({ youngPeople: 3_000, adults: 4_000, locations: 3_000, groups: 80, seed: 7 });
  await loadSynthetic(graph, network);
  const userPassword = `bench-${crypto.randomUUID()}`;
  await usersService(graph).create({ username: 'bench', role: 'police', password: userPassword }, 'bench');
  const audit = auditService(graph);
  const mirror = analysisMirror(graph, audit);
  await mirror.current();
  const algorithms = algorithmRunner();
  const { url, close } = await serveApp({ graph, mirror, algorithms });
  // The same routes with the event written after the answer, beside the app, on their own port.
  const service = analysisService(mirror, algorithms);
  const { services } = apiRoutes(graph, { mirror, algorithms });
  const after = analysisRoutes(service, { record: async () => undefined }).map(
    (declaration) =>
      ({
        ...declaration,
        audit: ({ query }: { query: unknown }) => ({
          action: 'analysis',
          subjectType: 'Analysis',
          subjectId: declaration.path.split('/').at(-1) as string,
          details: query,
        }),
      }) as RouteDeclaration,
  );
  const router = express.Router();
  mountRoutes(router, after, services);
  const old = express();
  old.set('query parser', 'simple');
  old.use(router);
  const server = old.listen(await freePort(), '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const oldUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username: 'bench', password: userPassword }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const [first, second] = network.groundTruth.groups;
  const source = first?.members[0] as string;
  const target = second?.members[0] as string;
  const around = first?.youngPeople[0] as string;
  const cases = [
    {
      name: 'paths',
      apiPath: `/api/analysis/paths?source=${source}&target=${target}`,
      inProcess: () => service.paths(analysisQueries.paths.parse({ source, target }), systemVisibility),
    },
    {
      name: '2-hop neighbourhood',
      apiPath: `/api/analysis/neighbourhood?ids=${around}&hops=2`,
      inProcess: () =>
        service.neighbourhood(analysisQueries.neighbourhood.parse({ ids: around, hops: '2' }), systemVisibility),
    },
  ];
  const get = async (base: string, apiPath: string) => {
    const answer = await fetch(`${base}${apiPath}`, { headers: { cookie } });
    if (answer.status !== 200) throw new Error(`${apiPath}: ${answer.status}`);
    await answer.json();
  };
  for (const c of cases) {
    const ways = {
      'in-process': c.inProcess,
      'API, audit alongside': () => get(url, c.apiPath),
      'API, audit after': () => get(oldUrl, c.apiPath),
      // What any signed-in request costs: HTTP, the middleware and the session check.
      'GET /api/auth/me': () => get(url, '/api/auth/me'),
      'GET /api/health': () => get(url, '/api/health'),
      'audit write alone': () => audit.record({ action: 'analysis', username: 'bench', details: { bench: true } }),
    };
    const samples = new Map<string, number[]>(Object.keys(ways).map((name) => [name, []]));
    for (let round = -3; round < runs; round++) {
      for (const [name, way] of Object.entries(ways)) {
        const start = performance.now();
        await way();
        if (round >= 0) samples.get(name)?.push(performance.now() - start);
      }
    }
    const base = percentile(samples.get('in-process') ?? [], 50);
    console.log(
      `${c.name}: ${[...samples]
        .map(
          ([name, xs]) =>
            `${name} p50 ${percentile(xs, 50).toFixed(1)} / p95 ${percentile(xs, 95).toFixed(1)} ms (${(percentile(xs, 50) / base).toFixed(2)}×)`,
        )
        .join('; ')}`,
    );
  }
  server.close();
  await close();
  await algorithms.close();
} finally {
  await graph.close();
  await neo4j.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
