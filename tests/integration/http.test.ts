import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGraph } from '../../api/db/neo4j.ts';
import { youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

describe('health', () => {
  it('reports that Neo4j answers, with its version', async () => {
    const health = await api.request<{
      status: string;
      neo4j: { answering: boolean; version: string; edition: string };
    }>('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.neo4j.answering).toBe(true);
    expect(health.body.neo4j.version).toMatch(/^5\.26\./);
  });
});

describe('when Neo4j does not answer', () => {
  let down: TestApi;
  beforeAll(async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
      });
    });
    down = await startTestApi(connectGraph({ uri: `bolt://127.0.0.1:${closedPort}`, user: 'neo4j', password: 'x' }), {
      signIn: false,
    });
    // A session cookie makes the app ask the database who it belongs to.
    down.cookie = 'patmap_session=some-session';
  });
  afterAll(async () => {
    await down?.close();
  });

  it('health answers 503', async () => {
    const health = await down.request<{ status: string; neo4j: { answering: boolean } }>('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', neo4j: { answering: false } });
  });

  it('reads and writes answer 503 with a clear error', async () => {
    const read = await down.request<{ error: { code: string } }>('GET', '/api/young-people');
    expect(read.status).toBe(503);
    expect(read.body.error.code).toBe('database_unavailable');
    const write = await down.request<{ error: { code: string } }>('POST', '/api/young-people', youngPersonInput());
    expect(write.status).toBe(503);
  });
});

describe('the API surface', () => {
  it('serves an OpenAPI 3.1 document', async () => {
    const document = await api.request<{ openapi: string; paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toBe('3.1.0');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/young-people', '/api/links/{id}', '/api/network', '/api/health']),
    );
  });

  it('serves the schema for the web app', async () => {
    const schema = await api.request<{ nodes: { label: string }[]; relationships: { type: string }[] }>(
      'GET',
      '/api/schema',
    );
    expect(schema.body.nodes.map((n) => n.label)).toEqual(['YoungPerson', 'PersonOfInterest', 'Location', 'Event']);
    expect(schema.body.relationships.length).toBeGreaterThan(5);
  });

  it('answers malformed JSON with 400 and an unknown route with 404, both as JSON errors', async () => {
    const malformed = await api.request<{ error: { code: string } }>('POST', '/api/young-people', '{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');
    const unknown = await api.request<{ error: { code: string } }>('GET', '/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });

  it('answers an oversized body with 413', async () => {
    const huge = await api.request<{ error: { code: string } }>('POST', '/api/young-people', {
      ...youngPersonInput(),
      name: 'x'.repeat(2_000_000),
    });
    expect(huge.status).toBe(413);
  });

  it('stores Cypher-looking text literally', async () => {
    const name = "Test'}) MATCH (n) DETACH DELETE n //";
    const created = await api.request<{ id: string; name: string }>(
      'POST',
      '/api/young-people',
      youngPersonInput({ name }),
    );
    expect(created.status).toBe(201);
    const read = await api.request<{ name: string }>('GET', `/api/young-people/${created.body.id}`);
    expect(read.body.name).toBe(name);
    expect(
      (await api.request<{ total: number }>('GET', '/api/young-people?includeArchived=true')).body.total,
    ).toBeGreaterThan(0);
  });
});
