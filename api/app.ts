import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import { nodeDeclarations } from '../graph-schema/index.ts';
import { type AlgorithmRunner, algorithmRunner } from './analysis/algorithm-runner.ts';
import { analysisRoutes } from './analysis/analysis.routes.ts';
import { analysisService } from './analysis/analysis.service.ts';
import { type AnalysisMirror, analysisMirror } from './analysis/mirror/mirror-sync.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { type AuditService, auditService } from './audit/audit.service.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { authService } from './auth/auth.service.ts';
import { readSessionToken } from './auth/cookie.ts';
import { type LoginLimits, loginLimiter } from './auth/login-limiter.ts';
import { revealRoutes } from './auth/reveal.routes.ts';
import { type SessionPolicy, sessionsService } from './auth/sessions.service.ts';
import { usersRoutes } from './auth/users.routes.ts';
import { usersService } from './auth/users.service.ts';
import type { Viewer } from './auth/viewer.ts';
import type { Graph } from './db/neo4j.ts';
import { duplicatesRoutes } from './duplicates/duplicates.routes.ts';
import { duplicatesService } from './duplicates/duplicates.service.ts';
import { notDuplicatesService } from './duplicates/not-duplicates.service.ts';
import { entityRoutes } from './entities/entities.routes.ts';
import { entityService } from './entities/entities.service.ts';
import { exportsRoutes } from './exports/exports.routes.ts';
import { healthRoutes } from './health/health.route.ts';
import { errorHandler, HttpError } from './http/errors.ts';
import { createLogger, type Logger, requestLogger } from './http/logger.ts';
import { requireSameOrigin } from './http/origin-check.ts';
import { mountRoutes, type RouteDeclaration, route } from './http/route.ts';
import { linkRoutes } from './links/links.routes.ts';
import { linkService } from './links/links.service.ts';
import { networkRoutes } from './network/network.route.ts';
import { networkService } from './network/network.service.ts';
import { openApiDocument } from './openapi/openapi.ts';
import { actionsRoutes } from './operations/actions/actions.routes.ts';
import { actionsService } from './operations/actions/actions.service.ts';
import { assessmentsRoutes } from './operations/assessments/assessments.routes.ts';
import { assessmentsService } from './operations/assessments/assessments.service.ts';
import { dashboardRoutes } from './operations/dashboard/dashboard.routes.ts';
import { dashboardService } from './operations/dashboard/dashboard.service.ts';
import { disruptionsRoutes } from './operations/disruptions/disruptions.routes.ts';
import { disruptionsService } from './operations/disruptions/disruptions.service.ts';
import { escalationRoutes } from './operations/escalation/escalation.routes.ts';
import { escalationService } from './operations/escalation/escalation.service.ts';
import { levelsRoutes } from './operations/levels/levels.routes.ts';
import { levelsService } from './operations/levels/levels.service.ts';
import { meetingsRoutes } from './operations/meetings/meetings.routes.ts';
import { meetingsService } from './operations/meetings/meetings.service.ts';
import { missingEpisodesRoutes } from './operations/missing-episodes/missing-episodes.routes.ts';
import { missingEpisodesService } from './operations/missing-episodes/missing-episodes.service.ts';
import { plansRoutes } from './operations/plans/plans.routes.ts';
import { plansService } from './operations/plans/plans.service.ts';
import { loadStrategicReportConfig } from './operations/reports/report-config.ts';
import { reportsRoutes } from './operations/reports/reports.routes.ts';
import { reportsService } from './operations/reports/reports.service.ts';
import { schemaRoutes } from './schema/schema.route.ts';
import { exportRoutes } from './transfer/export.routes.ts';
import { exportService } from './transfer/export.service.ts';
import { importRoutes } from './transfer/import.routes.ts';
import { importService } from './transfer/import.service.ts';
import { importBodyLimit } from './transfer/import-files.ts';
import { viewsRoutes } from './views/views.routes.ts';
import { viewsService } from './views/views.service.ts';

export interface AppOptions {
  graph: Graph;
  /** The built web app to serve, if any. */
  webRoot?: string | undefined;
  logger?: Logger;
  sessionPolicy?: SessionPolicy;
  loginLimits?: LoginLimits;
  /** Origins beside the app's own from which changes are accepted. */
  allowedOrigins?: readonly string[];
  /** Express's `trust proxy` (hop count, "loopback" or addresses), for the client address, TLS and host. */
  trustProxy?: string | undefined;
  /** Off only for Vite's dev server, whose hot reload injects inline scripts. */
  contentSecurityPolicy?: boolean;
  /** The in-memory network the whole-network analyses run on; made here if not given. */
  mirror?: AnalysisMirror;
  /** The worker the whole-network algorithms run in; made here (with a 30-second limit) if not given. */
  algorithms?: AlgorithmRunner;
}

export const apiVersion = '0.1.0';

export interface ApiServices {
  audit: AuditService;
  authenticate(request: express.Request): Promise<Viewer | undefined>;
}

/** Every API route, listed once: the router, the OpenAPI document and the tests all read this list. */
export function apiRoutes(
  graph: Graph,
  options: Pick<AppOptions, 'sessionPolicy' | 'loginLimits' | 'mirror' | 'algorithms'> = {},
) {
  const audit = auditService(graph);
  const mirror = options.mirror ?? analysisMirror(graph, audit);
  const algorithms = options.algorithms ?? algorithmRunner();
  const sessions = sessionsService(graph, options.sessionPolicy);
  const users = usersService(graph, sessions);
  const auth = authService({ users, sessions, limiter: loginLimiter(options.loginLimits), audit });
  const analysis = analysisService(mirror, algorithms);
  const dashboard = dashboardService(graph, analysis);
  const reportConfig = loadStrategicReportConfig();
  const escalation = escalationService(graph, analysis);
  const routes: RouteDeclaration[] = [
    ...healthRoutes(graph),
    ...authRoutes(auth),
    ...schemaRoutes(),
    ...nodeDeclarations.flatMap((declaration) => {
      const entities = entityService(graph, declaration, mirror);
      return [...entityRoutes(declaration, entities), ...revealRoutes(declaration, entities, sessions, audit)];
    }),
    ...linkRoutes(linkService(graph)),
    ...duplicatesRoutes(duplicatesService(graph), notDuplicatesService(graph)),
    ...networkRoutes(networkService(graph, mirror)),
    ...analysisRoutes(analysis, audit),
    ...levelsRoutes(levelsService(graph)),
    ...assessmentsRoutes(assessmentsService(graph)),
    ...dashboardRoutes(dashboard),
    ...reportsRoutes(reportsService(graph, dashboard, analysis, reportConfig), reportConfig),
    ...meetingsRoutes(meetingsService(graph, analysis, escalation)),
    ...escalationRoutes(escalation),
    ...viewsRoutes(viewsService(graph)),
    ...exportsRoutes(),
    ...importRoutes(importService(graph)),
    ...exportRoutes(exportService(graph)),
    ...auditRoutes(audit),
    ...usersRoutes(users),
    ...plansRoutes(plansService(graph)),
    ...actionsRoutes(actionsService(graph)),
    ...disruptionsRoutes(disruptionsService(graph)),
    ...missingEpisodesRoutes(missingEpisodesService(graph)),
  ];
  const services: ApiServices = {
    audit,
    async authenticate(request) {
      const token = readSessionToken(request);
      return token ? sessions.resolve(token) : undefined;
    },
  };
  return { routes, services };
}

export function createApp(options: AppOptions): express.Express {
  const { graph, webRoot } = options;
  const logger = options.logger ?? createLogger();
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (options.trustProxy)
    app.set('trust proxy', /^\d+$/.test(options.trustProxy) ? Number(options.trustProxy) : options.trustProxy);
  app.use(requestLogger(logger));
  app.use(
    helmet({
      contentSecurityPolicy:
        options.contentSecurityPolicy === false
          ? false
          : {
              directives: {
                defaultSrc: ["'self'"],
                scriptSrc: ["'self'"],
                styleSrc: ["'self'"],
                imgSrc: ["'self'", 'data:', 'blob:'],
                connectSrc: ["'self'"],
                objectSrc: ["'none'"],
                frameAncestors: ["'none'"],
                baseUri: ["'self'"],
                formAction: ["'self'"],
              },
            },
    }),
  );
  // API answers hold names and intelligence: no browser or proxy is to keep them, so no ETag is worked out either
  // (hashing each answer for a conditional request that never comes). The web app's files keep theirs.
  app.set('etag', false);
  app.use('/api', (_request, response, next) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', requireSameOrigin(options.allowedOrigins));
  app.use('/api/imports', express.json({ limit: importBodyLimit }));
  app.use(express.json({ limit: '1mb' }));

  const { routes, services } = apiRoutes(graph, options);
  const openApi = openApiDocument(routes, apiVersion);
  const allRoutes = [
    ...routes,
    route({
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This OpenAPI 3.1 document',
      tag: 'schema',
      permission: 'signed-in',
      response: z.record(z.string(), z.unknown()),
      handler: async () => openApi,
    }),
  ];
  const router = express.Router();
  mountRoutes(router, allRoutes, services);
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
  app.use(errorHandler((message) => logger.error(message)));
  return app;
}
