import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp } from '../../api/app.ts';
import { connectGraph, type Graph } from '../../api/db/neo4j.ts';

export interface TestApi {
  graph: Graph;
  /** What the app logged as server errors (5xx); closing fails if any was an internal error. */
  serverErrors: string[];
  url(path: string): string;
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** The real app on a free port, talking to the test project's real Neo4j (or to the graph given). */
export async function startTestApi(graph: Graph = connectGraph(inject('neo4j')), webRoot?: string): Promise<TestApi> {
  const serverErrors: string[] = [];
  const server = createApp({ graph, webRoot, log: (message) => serverErrors.push(message) }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  return {
    graph,
    serverErrors,
    url,
    async request<T>(method: string, path: string, body?: unknown) {
      const response = await fetch(url(path), {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await graph.close();
      const internal = serverErrors.filter((message) => message.startsWith('internal_error'));
      if (internal.length) throw new Error(`The app hit internal errors:\n${internal.join('\n')}`);
    },
  };
}
