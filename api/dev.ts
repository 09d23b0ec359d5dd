import path from 'node:path';
import express from 'express';
import { createServer as createViteServer } from 'vite';
import { prepareGraph } from '../seed/first-start.ts';
import { createApp } from './app.ts';
import { loadConfig, repoRoot } from './config.ts';
import { openGraph } from './db/open.ts';

/** `npm run dev`: the API plus Vite's dev server (hot reload) on one port. */
async function main(): Promise<void> {
  const config = loadConfig();
  const opened = await openGraph(config, console.log);
  await prepareGraph(opened.graph, console.log);
  const vite = await createViteServer({
    configFile: path.join(repoRoot, 'vite.config.ts'),
    server: { middlewareMode: true },
    appType: 'spa',
  });
  const app = express();
  app.use(createApp({ graph: opened.graph, contentSecurityPolicy: false }));
  app.use(vite.middlewares);
  const server = app.listen(config.PORT, () => {
    console.log(`patmap (development, hot reload) at http://localhost:${config.PORT}`);
  });
  const stop = async () => {
    server.close();
    await vite.close();
    await opened.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`patmap could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
