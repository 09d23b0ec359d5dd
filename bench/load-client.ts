import http from 'node:http';
import { percentile } from './stats.ts';

/**
 * The load generator of `npm run bench:load`, run as a second process so that its own work does not share the
 * app's event loop. Reads its plan as JSON on stdin and, per mix and concurrency, runs that many clients against
 * 127.0.0.1 only, each a closed loop on a kept-alive connection of its own: it sends a request, reads the whole
 * answer, records its latency, and sends the next. Each client keeps its own session and its own record to
 * update for the whole run. Writes one JSON result per run on stdout: throughput, latencies per kind of request,
 * errors, and every write the app acknowledged (for the parent to look for in the database afterwards).
 *
 * (autocannon did this before, but it clears a connection's context before every request when the request list
 * has one entry, so "each client updates its own record" did not hold: clients took turns over the records and
 * overwrote one another, which the app rightly refused with 409s.)
 */

export interface ReadPath {
  /** What kind of read this is, for the per-kind latencies: "record", "search", "hotspots", … */
  kind: string;
  path: string;
}

export interface LoadPlan {
  url: string;
  /** One session cookie per client: each client signs in once, and keeps its session. */
  cookies: string[];
  seconds: number;
  /**
   * Mean pause between one answer and a client's next request, in milliseconds (uniform from 0 to twice this):
   * 0 is a closed loop at full speed; a few seconds is what a person at a screen does.
   */
  thinkMs: number;
  concurrencies: number[];
  mixes: MixName[];
  /** The reads, taken in turn by all clients together. */
  readPaths: ReadPath[];
  /** Persons of interest the writers update, one per client (at least as many as clients), so none is stale. */
  writable: { id: string; version: number }[];
  linkable: { adult: string; youngPerson: string }[];
}

export type MixName = 'read' | 'write' | 'mixed';
/** The share of writes in each mix. */
const writeShare: Record<MixName, number> = { read: 0, write: 1, mixed: 0.2 };
/** A request not answered in this time is given up and counted as an error, as autocannon did. */
const requestTimeoutMs = 10_000;

export interface AcknowledgedUpdate {
  id: string;
  version: number;
  description: string;
}

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface RunResult {
  mix: MixName;
  connections: number;
  seconds: number;
  requests: number;
  throughput: number;
  /** Requests that got no answer: timed out, or the connection failed. */
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
  latency: Record<'read' | 'write', Latency | null>;
  /** Read latency by kind of read. */
  reads: Record<string, Latency>;
  updates: AcknowledgedUpdate[];
  links: string[];
}

/** The version each writable record is at, kept across runs: every acknowledged update moves it on. */
const versions = new Map<string, number>();

interface Answer {
  status: number;
  /** The answer's text, for the writes, whose answers are read back; a read's answer is read whole but not decoded. */
  body: string;
}

function send(
  agent: http.Agent,
  url: URL,
  request: { method: string; path: string; cookie: string; body?: string; decode?: boolean },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        timeout: requestTimeoutMs,
        headers: {
          cookie: request.cookie,
          origin: url.origin,
          ...(request.body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(request.body) }),
        },
      },
      (incoming) => {
        // An analysis answer runs to 200 KiB: decoding it to text the generator never looks at took the cores'
        // time from the app and Neo4j, which it shares them with.
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => {
          if (request.decode !== false) chunks.push(chunk);
        });
        incoming.once('end', () =>
          resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        incoming.once('error', reject);
      },
    );
    outgoing.once('timeout', () => outgoing.destroy(new Error('timed out')));
    outgoing.once('error', reject);
    outgoing.end(request.body);
  });
}

function summary(values: number[]): Latency | null {
  return values.length
    ? { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) }
    : null;
}

async function run(plan: LoadPlan, mix: MixName, connections: number, seconds = plan.seconds): Promise<RunResult> {
  const url = new URL(plan.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const samples = { read: [] as number[], write: [] as number[] };
  const readSamples = new Map<string, number[]>();
  const updates: AcknowledgedUpdate[] = [];
  const links: string[] = [];
  const statuses: Record<string, number> = {};
  let requests = 0;
  let errors = 0;
  let readTurn = 0;
  let linkTurn = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;

  async function client(n: number): Promise<void> {
    const cookie = plan.cookies[n % plan.cookies.length] ?? '';
    const writable = plan.writable[n % plan.writable.length]?.id ?? '';
    let written = 0;
    // People at screens do not all click in the same millisecond: with pauses, each client starts after one of its
    // own, so a run does not open with every client's first request at once (that burst alone set the p99).
    if (plan.thinkMs > 0) await pause();
    while (performance.now() < deadline) {
      const at = performance.now();
      try {
        if (Math.random() >= writeShare[mix]) {
          const read = plan.readPaths[readTurn++ % plan.readPaths.length] ?? { kind: 'health', path: '/api/health' };
          const answer = await send(agent, url, { method: 'GET', path: read.path, cookie, decode: false });
          const took = performance.now() - at;
          samples.read.push(took);
          const ofKind = readSamples.get(read.kind) ?? [];
          ofKind.push(took);
          readSamples.set(read.kind, ofKind);
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        } else if (Math.random() < 0.5) {
          const description = `Load test ${mix} ${connections}: update ${written++} of ${writable}`;
          const answer = await send(agent, url, {
            method: 'PATCH',
            path: `/api/persons-of-interest/${writable}`,
            cookie,
            body: JSON.stringify({ version: versions.get(writable), description }),
          });
          samples.write.push(performance.now() - at);
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          if (answer.status === 200) {
            const record = JSON.parse(answer.body) as { id: string; version: number };
            versions.set(record.id, record.version);
            updates.push({ id: record.id, version: record.version, description });
          } else if (answer.status === 409) {
            // An earlier update whose answer timed out committed after all: carry on from the version now current.
            const details = (JSON.parse(answer.body) as { error?: { details?: { currentVersion?: number } } }).error
              ?.details;
            if (details?.currentVersion) versions.set(writable, details.currentVersion);
          }
        } else {
          const pair = plan.linkable[linkTurn++ % plan.linkable.length];
          const answer = await send(agent, url, {
            method: 'POST',
            path: '/api/links',
            cookie,
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
          });
          samples.write.push(performance.now() - at);
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          if (answer.status === 201) links.push((JSON.parse(answer.body) as { id: string }).id);
        }
      } catch {
        errors += 1;
      }
      requests += 1;
      if (plan.thinkMs > 0) await pause();
    }
  }

  /** A pause of thinkMs on average (uniform from 0 to twice it), ending by the deadline. */
  async function pause(): Promise<void> {
    const ms = Math.min(Math.random() * 2 * plan.thinkMs, deadline - performance.now());
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  await Promise.all(Array.from({ length: connections }, (_, n) => client(n)));
  const duration = (performance.now() - started) / 1000;
  agent.destroy();
  const non2xx = Object.entries(statuses)
    .filter(([status]) => !status.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    mix,
    connections,
    seconds,
    requests,
    throughput: requests / duration,
    errors,
    non2xx,
    statuses,
    latency: { read: summary(samples.read), write: summary(samples.write) },
    reads: Object.fromEntries(
      [...readSamples].flatMap(([kind, values]) => {
        const latency = summary(values);
        return latency ? [[kind, latency]] : [];
      }),
    ),
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
