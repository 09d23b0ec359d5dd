import { z } from 'zod';
import { errorSchema } from '../http/errors.ts';
import type { RouteDeclaration } from '../http/route.ts';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const errorStatusText: Record<number, string> = {
  400: 'Invalid input',
  404: 'Not found',
  409: 'Conflict: stale version or duplicate value',
  413: 'Body too large',
  503: 'The database is not answering',
};

/** The OpenAPI 3.1 document, derived from the same route declarations and zod schemas that validate requests. */
export function openApiDocument(routes: readonly RouteDeclaration[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const declaration of routes) {
    const path = declaration.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters = [
      ...objectParameters(declaration.params, 'path'),
      ...objectParameters(declaration.query, 'query'),
    ];
    const errors = new Set([400, 503, ...(declaration.errors ?? [])]);
    const responses: Record<string, unknown> = {
      [String(declaration.status ?? 200)]: {
        description: 'Success',
        content: { 'application/json': { schema: jsonSchema(declaration.response, 'output') } },
      },
    };
    for (const status of [...errors].sort()) {
      responses[String(status)] = {
        description: errorStatusText[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    paths[path] ??= {};
    paths[path][declaration.method] = {
      summary: declaration.summary,
      tags: [declaration.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(declaration.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(declaration.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'patmap API',
      version,
      description: 'Network mapping and link analysis for child sexual exploitation operations groups.',
    },
    paths,
    components: { schemas: { Error: jsonSchema(errorSchema, 'output') } },
  };
}

function objectParameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || !property.safeParse(undefined).success,
    schema: jsonSchema(property, 'input'),
  }));
}
