import type { Network } from '../../api/network/network.service.ts';
import type { SchemaDocument } from '../../graph-schema/document.ts';

export type { Network, SchemaDocument };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  if (!response.ok) throw new ApiError(response.status, body?.error?.message ?? `${path} answered ${response.status}`);
  return body as T;
}

export const fetchSchema = () => getJson<SchemaDocument>('/api/schema');

export const fetchNetwork = () => getJson<Network>('/api/network');
