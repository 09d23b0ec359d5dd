import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { classifyDatabaseError, QueryLimitError } from '../db/neo4j.ts';

/** An error the API answers with as `{"error": {"code", "message", "details"}}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) => new HttpError(404, 'not_found', `No ${what} with id ${id}`);

export const conflict = (message: string, details?: unknown) => new HttpError(409, 'conflict', message, details);

export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'bad_request', message, details);

export function validationError(error: z.ZodError, where: 'body' | 'query' | 'params'): HttpError {
  const details = error.issues.map((issue) => ({ field: issue.path.join('.') || where, message: issue.message }));
  const fields = [...new Set(details.map((d) => d.field))].join(', ');
  return new HttpError(400, 'invalid_input', `Invalid ${where}: ${fields}`, details);
}

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Turns anything thrown into a JSON error; never leaks a stack trace or Cypher. */
export function errorHandler(log: (message: string) => void = console.error): ErrorRequestHandler {
  return (error, _request, response, _next) => {
    const answer = toHttpError(error);
    if (answer.status >= 500) log(`${answer.code}: ${error instanceof Error ? error.message : String(error)}`);
    response
      .status(answer.status)
      .json({ error: { code: answer.code, message: answer.message, details: answer.details } });
  };
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof QueryLimitError) {
    return new HttpError(422, 'result_too_large', `${error.message}: narrow the request`);
  }
  const expressStatus = (error as { status?: unknown; type?: unknown }).status;
  if (typeof expressStatus === 'number' && expressStatus >= 400 && expressStatus < 500) {
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.parse.failed')
      return new HttpError(400, 'malformed_json', 'The request body is not valid JSON');
    if (type === 'entity.too.large') return new HttpError(413, 'body_too_large', 'The request body is too large');
    return new HttpError(expressStatus, 'bad_request', 'The request could not be read');
  }
  switch (classifyDatabaseError(error)) {
    case 'unavailable':
      return new HttpError(503, 'database_unavailable', 'The database is not answering; try again shortly');
    case 'timeout':
      return new HttpError(503, 'database_timeout', 'The database took too long to answer');
    case 'constraint':
      return new HttpError(409, 'conflict', 'A record with the same unique value already exists');
    default:
      return new HttpError(500, 'internal_error', 'Something went wrong on the server');
  }
}
