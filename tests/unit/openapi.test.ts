import { describe, expect, it } from 'vitest';
import { apiRoutes, apiVersion } from '../../api/app.ts';
import type { Graph } from '../../api/db/neo4j.ts';
import { openApiDocument } from '../../api/openapi/openapi.ts';

const unusedGraph = new Proxy({} as Graph, {
  get: () => () => Promise.reject(new Error('no database in a unit test')),
});

describe('OpenAPI document', () => {
  const { routes } = apiRoutes(unusedGraph);
  const document = openApiDocument(routes, apiVersion);

  it('is OpenAPI 3.1 and lists every declared route', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const route of routes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(document.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
  });

  it('documents request bodies from the zod schemas', () => {
    const create = document.paths['/api/young-people']?.post as {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
    };
    expect(create.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['reference', 'name', 'levelOfConcern']),
    );
  });

  it('documents path parameters and error answers', () => {
    const update = document.paths['/api/young-people/{id}']?.patch as {
      parameters: { name: string; in: string }[];
      responses: Record<string, unknown>;
    };
    expect(update.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path' }));
    expect(Object.keys(update.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
  });
});
