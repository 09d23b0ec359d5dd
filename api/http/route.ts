import type { Request, Router } from 'express';
import type { z } from 'zod';
import type { AuditEntry, AuditService } from '../audit/audit.service.ts';
import type { Permission } from '../auth/roles.ts';
import { type Viewer, viewerCan } from '../auth/viewer.ts';
import { HttpError, validationError } from './errors.ts';

type Method = 'get' | 'post' | 'patch' | 'delete';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: Request;
}

export type SignedInInput<P, Q, B> = RouteInput<P, Q, B> & { viewer: Viewer };

/** What a read route records in the audit log; who, when and from where are filled in. */
export type ReadAudit = Omit<AuditEntry, 'username' | 'role' | 'address'>;

interface RouteBase<P, Q, B> {
  method: Method;
  /** Express-style path, e.g. /api/young-people/:id */
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The status of a successful answer (200 unless said). */
  status?: number;
  response: z.ZodType;
  /** The error statuses this route may answer with, beside 400, 401, 403 and 5xx. */
  errors?: readonly number[];
  /**
   * The handler may give many callers one answer object, never changed once given (an analysis ranked once per
   * state of the network): its JSON is then written once per object, not once per caller.
   */
  sharedAnswers?: boolean;
}

/** A route anyone may call: sign-in and health, nothing else. */
export interface PublicRoute<P, Q, B> extends RouteBase<P, Q, B> {
  permission: 'public';
  handler(input: RouteInput<P, Q, B>): Promise<unknown>;
}

/** A route for signed-in users holding `permission` ('signed-in': any signed-in user). */
export interface ProtectedRoute<P, Q, B> extends RouteBase<P, Q, B> {
  permission: Permission | 'signed-in';
  handler(input: SignedInInput<P, Q, B>): Promise<unknown>;
  /** What to record after a successful read (views, searches); changes are audited by their services. */
  audit?: (input: SignedInInput<P, Q, B>, result: unknown) => ReadAudit | undefined;
}

/**
 * One API route: who may call it, its schemas (which validate the request and document it in OpenAPI),
 * and a handler that calls a service. Routes are thin: parse, call, answer.
 */
export type RouteDeclaration<P = unknown, Q = unknown, B = unknown> = PublicRoute<P, Q, B> | ProtectedRoute<P, Q, B>;

export function route<P = undefined, Q = undefined, B = undefined>(
  declaration: RouteDeclaration<P, Q, B>,
): RouteDeclaration {
  return declaration as unknown as RouteDeclaration;
}

/** An answer with a status (or headers) other than the route's usual ones. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string | string[]> = {},
  ) {}
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'body' | 'query' | 'params'): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, where);
  return parsed.data;
}

/** The request's params, query and body, each checked against the route's schema (400 naming the field). */
function parseInput(declaration: RouteDeclaration, request: Request): RouteInput<unknown, unknown, unknown> {
  return {
    params: parse(declaration.params, request.params, 'params'),
    query: parse(declaration.query, request.query, 'query'),
    body: parse(declaration.body, request.body ?? {}, 'body'),
    request,
  };
}

export interface RouteGuard {
  /** The signed-in viewer behind a request, if any. */
  authenticate(request: Request): Promise<Viewer | undefined>;
  audit: AuditService;
}

export const addressOf = (request: Request) => request.ip ?? request.socket.remoteAddress ?? 'unknown';

/**
 * The JSON of answers given to many callers (see `sharedAnswers`), kept as long as the answer itself, as the bytes
 * sent: an analysis answer runs to a few hundred KiB, and encoding its text afresh for every caller cost as much
 * again in garbage to collect.
 */
const sharedJson = new WeakMap<object, Buffer>();

/**
 * The JSON of each row of shared answers' `items`: a ranking after a change lists mostly the same row objects
 * as before (see keptRows in analysis/tallies.ts), and each is encoded once, not once per new answer.
 */
const rowJson = new WeakMap<object, string>();

export function sharedAnswerJson(answer: object): Buffer {
  const { items, ...rest } = answer as { items?: unknown };
  if (!Array.isArray(items)) return Buffer.from(JSON.stringify(answer));
  const rows = items.map((row: unknown) => {
    if (typeof row !== 'object' || row === null) return JSON.stringify(row) ?? 'null';
    let text = rowJson.get(row);
    if (text === undefined) {
      text = JSON.stringify(row);
      rowJson.set(row, text);
    }
    return text;
  });
  const others = JSON.stringify(rest);
  return Buffer.from(`{"items":[${rows.join(',')}]${others === '{}' ? '' : `,${others.slice(1, -1)}`}}`);
}

/** Mounts routes behind the guard: unauthenticated → 401, missing permission → 403 (audited), else the handler. */
export function mountRoutes(router: Router, routes: readonly RouteDeclaration[], guard: RouteGuard): void {
  for (const declaration of routes) {
    const json = declaration.sharedAnswers ? sharedJson : undefined;
    router[declaration.method](declaration.path, async (request, response) => {
      const send = (result: unknown) => {
        if (result instanceof Reply) {
          for (const [name, value] of Object.entries(result.headers)) response.setHeader(name, value);
          if (typeof result.body === 'string' && result.headers['content-type']) {
            response.status(result.status).send(result.body);
          } else {
            response.status(result.status).json(result.body);
          }
        } else if (json && typeof result === 'object' && result !== null) {
          let bytes = json.get(result);
          if (bytes === undefined) {
            bytes = sharedAnswerJson(result);
            json.set(result, bytes);
          }
          response
            .status(declaration.status ?? 200)
            .type('json')
            .send(bytes);
        } else {
          response.status(declaration.status ?? 200).json(result);
        }
      };
      if (declaration.permission === 'public') {
        send(await declaration.handler(parseInput(declaration, request)));
        return;
      }
      const viewer = await guard.authenticate(request);
      if (!viewer) throw new HttpError(401, 'not_signed_in', 'Sign in first');
      if (declaration.permission !== 'signed-in' && !viewerCan(viewer, declaration.permission)) {
        await guard.audit.record({
          action: 'denied',
          username: viewer.username,
          role: viewer.role,
          address: addressOf(request),
          details: { method: declaration.method.toUpperCase(), route: declaration.path, needs: declaration.permission },
        });
        throw new HttpError(403, 'forbidden', `Your role (${viewer.role}) may not do this`);
      }
      const input = { ...parseInput(declaration, request), viewer };
      const result = await declaration.handler(input);
      const entry = declaration.audit?.(input, result instanceof Reply ? result.body : result);
      if (entry) {
        await guard.audit.record({
          ...entry,
          username: viewer.username,
          role: viewer.role,
          address: addressOf(request),
        });
      }
      send(result);
    });
  }
}
