import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { inject } from 'vitest';
import { type AppOptions, createApp } from '../../api/app.ts';
import type { Role } from '../../api/auth/roles.ts';
import { connectGraph, type Graph } from '../../api/db/neo4j.ts';

export interface TestResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like client: keeps its session cookie and sends the app's Origin on changes. */
export interface TestClient {
  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse<T>>;
  cookie: string | undefined;
}

export interface TestApi extends TestClient {
  graph: Graph;
  origin: string;
  /** What the app logged as errors; closing fails if any was an internal error. */
  serverErrors: string[];
  url(path: string): string;
  /** A new client signed in as the test account of that role (or anonymous). */
  client(role?: Role): Promise<TestClient>;
  close(): Promise<void>;
}

export const testPassword = () => inject('testPassword');

/**
 * The real app on a free port, talking to the test project's real Neo4j (or to the graph given). Its own
 * `request` is signed in as `analyst`.
 */
export async function startTestApi(
  graph: Graph = connectGraph(inject('neo4j')),
  options: Partial<AppOptions> & { signIn?: Role | false } = {},
): Promise<TestApi> {
  const serverErrors: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => serverErrors.push(line) });
  const server = createApp({ graph, logger, ...options }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const url = (path: string) => `${origin}${path}`;

  const makeClient = (): TestClient => {
    const client: TestClient = {
      cookie: undefined,
      async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
        const response = await fetch(url(path), {
          method,
          headers: {
            origin,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(client.cookie ? { cookie: client.cookie } : {}),
            ...headers,
          },
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        });
        const setCookie = response.headers.get('set-cookie');
        if (setCookie) client.cookie = setCookie.split(';')[0];
        const text = await response.text();
        const isJson = response.headers.get('content-type')?.includes('json');
        return {
          status: response.status,
          body: (isJson && text ? JSON.parse(text) : text) as T,
          headers: response.headers,
        };
      },
    };
    return client;
  };

  const client = async (role?: Role) => {
    const made = makeClient();
    if (role) {
      const signedIn = await made.request('POST', '/api/auth/login', { username: role, password: testPassword() });
      if (signedIn.status !== 200) throw new Error(`Could not sign in as ${role}: ${signedIn.status}`);
    }
    return made;
  };

  const main = options.signIn === false ? makeClient() : await client(options.signIn ?? 'analyst');
  return {
    graph,
    origin,
    serverErrors,
    url,
    client,
    get cookie() {
      return main.cookie;
    },
    set cookie(value) {
      main.cookie = value;
    },
    request: (method, path, body, headers) => main.request(method, path, body, headers),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await graph.close();
      const internal = serverErrors.filter((line) => line.includes('internal_error'));
      if (internal.length) throw new Error(`The app hit internal errors:\n${internal.join('\n')}`);
    },
  };
}

/** Creates through the API as CLIENT and insists on 201: the setup step most casework tests begin with. */
export async function createdBy<T>(client: TestClient, path: string, body: unknown): Promise<T> {
  const created = await client.request<T>('POST', path, body);
  if (created.status !== 201)
    throw new Error(`POST ${path} answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body;
}
