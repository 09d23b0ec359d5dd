import type { Request, Router } from 'express';
import type { z } from 'zod';
import { validationError } from './errors.ts';

type Method = 'get' | 'post' | 'patch' | 'delete';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: Request;
}

/** An answer with a status other than the route's usual one. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/**
 * One API route: its schemas (which validate the request and document it in OpenAPI) and a handler
 * that calls a service. Routes are thin: parse, call, answer.
 */
export interface RouteDeclaration<P = unknown, Q = unknown, B = unknown> {
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
  /** The error statuses this route may answer with, beside 400 and 5xx. */
  errors?: readonly number[];
  handler(input: RouteInput<P, Q, B>): Promise<unknown>;
}

export function route<P = undefined, Q = undefined, B = undefined>(
  declaration: RouteDeclaration<P, Q, B>,
): RouteDeclaration {
  return declaration as unknown as RouteDeclaration;
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'body' | 'query' | 'params'): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, where);
  return parsed.data;
}

export function mountRoutes(router: Router, routes: readonly RouteDeclaration[]): void {
  for (const declaration of routes) {
    router[declaration.method](declaration.path, async (request, response) => {
      const params = parse(declaration.params, request.params, 'params');
      const query = parse(declaration.query, request.query, 'query');
      const body = parse(declaration.body, request.body ?? {}, 'body');
      const result = await declaration.handler({ params, query, body, request });
      if (result instanceof Reply) response.status(result.status).json(result.body);
      else response.status(declaration.status ?? 200).json(result);
    });
  }
}
