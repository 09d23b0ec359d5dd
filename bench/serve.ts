import type { AddressInfo } from 'node:net';
import { type AppOptions, createApp } from '../api/app.ts';
import { freePort } from '../api/db/local-neo4j.ts';
import { createLogger } from '../api/http/logger.ts';

/** The app on a free loopback port, quiet, for a benchmark to call over HTTP. */
export async function serveApp(options: Omit<AppOptions, 'logger'>) {
  const app = createApp({ ...options, logger: createLogger('silent') });
  const server = app.listen(await freePort(), '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
