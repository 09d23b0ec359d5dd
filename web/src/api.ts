import type { Network } from '../../api/network/network.service.ts';
import type { SchemaDocument } from '../../graph-schema/document.ts';

export type { Network, SchemaDocument };

export interface SignedInUser {
  username: string;
  role: 'admin' | 'analyst' | 'police' | 'member';
  permissions: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  if (!response.ok)
    throw new ApiError(response.status, answer?.error?.message ?? `${path} answered ${response.status}`);
  return answer as T;
}

export const fetchMe = () => call<SignedInUser>('GET', '/api/auth/me');

export const signIn = (username: string, password: string) =>
  call<SignedInUser>('POST', '/api/auth/login', { username, password });

export const signOut = () => call<{ signedOut: true }>('POST', '/api/auth/logout');

export const fetchSchema = () => call<SchemaDocument>('GET', '/api/schema');

export const fetchNetwork = () => call<Network>('GET', '/api/network');

export const revealYoungPerson = (id: string, reason: string) =>
  call<Record<string, unknown>>('POST', `/api/young-people/${id}/reveal`, { reason });
