import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { nodeDeclarations } from '../graph-schema/index.ts';
import type { Graph } from './db/neo4j.ts';
import { entityRoutes } from './entities/entities.routes.ts';
import { entityService } from './entities/entities.service.ts';
import { healthRoutes } from './health/health.route.ts';
import { errorHandler, HttpError } from './http/errors.ts';
import { mountRoutes, type RouteDeclaration } from './http/route.ts';
import { linkRoutes } from './links/links.routes.ts';
import { linkService } from './links/links.service.ts';
import { networkRoutes } from './network/network.route.ts';
import { networkService } from './network/network.service.ts';
import { openApiDocument } from './openapi/openapi.ts';
import { schemaRoutes } from './schema/schema.route.ts';

export interface AppOptions {
  graph: Graph;
  /** The built web app to serve, if any. */
  webRoot?: string | undefined;
  log?: (message: string) => void;
}

export const apiVersion = '0.1.0';

/** Every API route, listed once: the router, the OpenAPI document and the tests all read this list. */
export function apiRoutes(graph: Graph): RouteDeclaration[] {
  return [
    ...healthRoutes(graph),
    ...schemaRoutes(),
    ...nodeDeclarations.flatMap((declaration) => entityRoutes(declaration, entityService(graph, declaration))),
    ...linkRoutes(linkService(graph)),
    ...networkRoutes(networkService(graph)),
  ];
}

export function createApp({ graph, webRoot, log }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '1mb' }));

  const routes = apiRoutes(graph);
  const openApi = openApiDocument(routes, apiVersion);
  const router = express.Router();
  mountRoutes(router, routes);
  router.get('/api/openapi.json', (_request, response) => {
    response.json(openApi);
  });
  router.use('/api', () => {
    throw new HttpError(404, 'not_found', 'No such API route');
  });
  app.use(router);

  if (webRoot && existsSync(path.join(webRoot, 'index.html'))) {
    app.use(express.static(webRoot, { index: 'index.html' }));
    app.get('/{*path}', (_request, response) => {
      response.sendFile(path.join(webRoot, 'index.html'));
    });
  }
  app.use(errorHandler(log));
  return app;
}
