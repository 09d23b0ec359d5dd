import autocannon from 'autocannon';
import { percentile } from './stats.ts';

/**
 * The load generator of `npm run bench:load`, run as a second process so that its own work does not share the
 * app's event loop. Reads its plan as JSON on stdin, runs autocannon once per mix and concurrency against
 * 127.0.0.1 only, and writes one JSON result per run on stdout: throughput, latencies per kind of request, errors,
 * and every write the app acknowledged (for the parent to look for in the database afterwards).
 */

export interface LoadPlan {
  url: string;
  /** One session cookie per client: each client signs in once, and keeps its session. */
  cookies: string[];
  seconds: number;
  concurrencies: number[];
  mixes: MixName[];
  /** Records to read, by path; search terms; record pairs to link. */
  readPaths: string[];
  /** Persons of interest the writers update, one per client (at least as many as clients), so none is stale. */
  writable: { id: string; version: number }[];
  linkable: { adult: string; youngPerson: string }[];
}

export type MixName = 'read' | 'write' | 'mixed';
/** The share of writes in each mix. */
const writeShare: Record<MixName, number> = { read: 0, write: 1, mixed: 0.2 };

export interface AcknowledgedUpdate {
  id: string;
  version: number;
  description: string;
}

export interface RunResult {
  mix: MixName;
  connections: number;
  seconds: number;
  requests: number;
  throughput: number;
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
  latency: Record<'read' | 'write', { count: number; p50: number; p95: number; p99: number } | null>;
  updates: AcknowledgedUpdate[];
  links: string[];
}

/** The version each writable record is at, kept across runs: every acknowledged update moves it on. */
const versions = new Map<string, number>();

interface Client {
  cookie: string;
  writable: string;
  sent?: { kind: 'read' | 'update' | 'link'; at: number; description?: string };
  written: number;
}

async function run(plan: LoadPlan, mix: MixName, connections: number): Promise<RunResult> {
  const samples = { read: [] as number[], write: [] as number[] };
  const updates: AcknowledgedUpdate[] = [];
  const links: string[] = [];
  const statuses: Record<string, number> = {};
  let clientCount = 0;
  let readTurn = 0;
  let linkTurn = 0;
  const origin = plan.url;

  const result = await autocannon({
    url: plan.url,
    connections,
    duration: plan.seconds,
    pipelining: 1,
    initialContext: {},
    requests: [
      {
        setupRequest: (request, context) => {
          const client = context as unknown as Partial<Client>;
          if (!client.cookie) {
            // Each connection is one client: its own session, and its own record to update.
            const n = clientCount++;
            client.cookie = plan.cookies[n % plan.cookies.length] ?? '';
            client.writable = plan.writable[n % plan.writable.length]?.id ?? '';
            client.written = 0;
          }
          const headers = { cookie: client.cookie, origin, 'content-type': 'application/json' };
          const at = performance.now();
          if (Math.random() >= writeShare[mix]) {
            client.sent = { kind: 'read', at };
            const path = plan.readPaths[readTurn++ % plan.readPaths.length] ?? '/api/health';
            return { ...request, method: 'GET', path, headers, body: undefined };
          }
          if (Math.random() < 0.5) {
            const description = `Load test ${mix} ${connections}: update ${client.written ?? 0} of ${client.writable}`;
            client.written = (client.written ?? 0) + 1;
            client.sent = { kind: 'update', at, description };
            return {
              ...request,
              method: 'PATCH',
              path: `/api/persons-of-interest/${client.writable}`,
              headers,
              body: JSON.stringify({ version: versions.get(client.writable ?? ''), description }),
            };
          }
          const pair = plan.linkable[linkTurn++ % plan.linkable.length];
          client.sent = { kind: 'link', at };
          return {
            ...request,
            method: 'POST',
            path: '/api/links',
            headers,
            body: JSON.stringify({
              type: 'CONTROLS',
              from: pair?.adult,
              to: pair?.youngPerson,
              sourceAgency: 'Police',
              sourceReference: 'LOAD-TEST',
              gradingSource: 2,
              gradingInformation: 'C',
              gradingHandling: 'P',
              firstSeen: '2026-01-01',
            }),
          };
        },
        onResponse: (status, body, context) => {
          const client = context as unknown as Client;
          const sent = client.sent;
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (!sent) return;
          samples[sent.kind === 'read' ? 'read' : 'write'].push(performance.now() - sent.at);
          if (sent.kind === 'update' && status === 200) {
            const record = JSON.parse(body) as { id: string; version: number };
            versions.set(record.id, record.version);
            updates.push({ id: record.id, version: record.version, description: sent.description ?? '' });
          } else if (sent.kind === 'update' && status === 409) {
            // An earlier update whose answer timed out committed after all: carry on from the version now current.
            const current = (JSON.parse(body) as { error?: { details?: { currentVersion?: number } } }).error?.details;
            if (current?.currentVersion) versions.set(client.writable, current.currentVersion);
          } else if (sent.kind === 'link' && status === 201) {
            links.push((JSON.parse(body) as { id: string }).id);
          }
        },
      },
    ],
  });
  const summary = (values: number[]) =>
    values.length
      ? {
          count: values.length,
          p50: percentile(values, 50),
          p95: percentile(values, 95),
          p99: percentile(values, 99),
        }
      : null;
  return {
    mix,
    connections,
    seconds: plan.seconds,
    requests: result.requests.total,
    throughput: result.requests.total / result.duration,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses,
    latency: { read: summary(samples.read), write: summary(samples.write) },
    updates,
    links,
  };
}

/**
 * The versions the writable records are at now: a write still in flight when the last run's time ran out may
 * have committed without its answer being counted.
 */
async function refreshVersions(plan: LoadPlan): Promise<void> {
  for (const { id } of plan.writable) {
    const answer = await fetch(`${plan.url}/api/persons-of-interest/${id}`, {
      headers: { cookie: plan.cookies[0] ?? '' },
    });
    if (answer.status === 200) versions.set(id, ((await answer.json()) as { version: number }).version);
  }
}

async function main(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const plan = JSON.parse(input) as LoadPlan;
  for (const { id, version } of plan.writable) versions.set(id, version);
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(plan.url)) throw new Error(`Only 127.0.0.1 is load-tested, not ${plan.url}`);
  for (const mix of plan.mixes) {
    for (const connections of plan.concurrencies) {
      await refreshVersions(plan);
      process.stderr.write(`load: ${mix} at ${connections} clients for ${plan.seconds} s …\n`);
      process.stdout.write(`${JSON.stringify(await run(plan, mix, connections))}\n`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
