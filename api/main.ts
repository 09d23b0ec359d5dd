import path from 'node:path';
import { prepareGraph } from '../seed/first-start.ts';
import { algorithmRunner } from './analysis/algorithm-runner.ts';
import { analysisMirror } from './analysis/mirror/mirror-sync.ts';
import { createApp } from './app.ts';
import { auditService } from './audit/audit.service.ts';
import { sessionsService } from './auth/sessions.service.ts';
import { loadConfig, repoRoot } from './config.ts';
import { openGraph } from './db/open.ts';

/** `npm start`: Neo4j (local or configured), the schema, the demo on first start, then API and web on one port. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(line);
  const opened = await openGraph(config, log);
  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log('Stopping patmap …');
    stopRefreshing();
    server?.close();
    await opened.close();
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  let server: ReturnType<ReturnType<typeof createApp>['listen']> | undefined;
  let stopRefreshing = () => {};
  try {
    await prepareGraph(opened.graph, log);
    const mirror = analysisMirror(opened.graph, auditService(opened.graph), {
      onLoad: ({ records, links, seconds }) =>
        log(`Analysis mirror: ${records} records and ${links} links read into memory in ${seconds.toFixed(1)} s`),
    });
    const app = createApp({
      mirror,
      algorithms: algorithmRunner({ timeoutMs: config.PATMAP_ANALYSIS_TIMEOUT_SECONDS * 1000 }),
      graph: opened.graph,
      webRoot: path.join(repoRoot, 'web', 'dist'),
      trustProxy: config.PATMAP_TRUST_PROXY,
      allowedOrigins: config.PATMAP_ORIGIN ? [config.PATMAP_ORIGIN] : [],
    });
    server = app.listen(config.PORT);
    await new Promise<void>((resolve, reject) => {
      server?.once('listening', resolve);
      server?.once('error', reject);
    });
    // Expired sessions are refused when presented; this also clears those never presented again.
    setInterval(() => {
      sessionsService(opened.graph)
        .endExpired()
        .catch((error: unknown) => console.error(`Could not sweep expired sessions: ${String(error)}`));
    }, 15 * 60_000).unref();
    // Read the network into memory now, so the first analysis does not wait for it.
    mirror.current().catch((error: unknown) => console.error(`Could not read the analysis mirror: ${String(error)}`));
    if (config.PATMAP_MIRROR_REFRESH_SECONDS > 0) {
      stopRefreshing = mirror.keepCurrent(config.PATMAP_MIRROR_REFRESH_SECONDS * 1000, (problem) =>
        console.error(`patmap: ${problem}`),
      );
    }
    log(`patmap is running at http://localhost:${config.PORT} (Neo4j: ${opened.description}). Ctrl-C stops it.`);
  } catch (error) {
    console.error(`patmap could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

main().catch((error: unknown) => {
  console.error(`patmap could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
