import type { Role } from '../../api/auth/roles.ts';
import type { Network } from '../../api/network/network.service.ts';
import type { ViewState } from '../../api/views/view-state.ts';
import type { SavedView, SavedViewSummary } from '../../api/views/views.service.ts';
import type { SchemaDocument } from '../../graph-schema/document.ts';

export type { Network, Role, SavedView, SavedViewSummary, SchemaDocument, ViewState };

export interface SignedInUser {
  username: string;
  role: Role;
  permissions: string[];
}

/** One field the API refused, from a 400's `details`. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

const isFieldProblem = (value: unknown): value is FieldProblem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as FieldProblem).field === 'string' &&
  typeof (value as FieldProblem).message === 'string';

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => undefined)) as
    | { error?: { message?: string; details?: unknown } }
    | undefined;
  if (!response.ok) {
    const details = answer?.error?.details;
    throw new ApiError(
      response.status,
      answer?.error?.message ?? `${path} answered ${response.status}`,
      Array.isArray(details) ? details.filter(isFieldProblem) : [],
    );
  }
  return answer as T;
}

export const fetchMe = () => call<SignedInUser>('GET', '/api/auth/me');

export const signIn = (username: string, password: string) =>
  call<SignedInUser>('POST', '/api/auth/login', { username, password });

export const signOut = () => call<{ signedOut: true }>('POST', '/api/auth/logout');

export const fetchSchema = () => call<SchemaDocument>('GET', '/api/schema');

const query = (params: Record<string, string>) => {
  const search = new URLSearchParams(params).toString();
  return search ? `?${search}` : '';
};

export interface NetworkLimits {
  nodeLimit?: string | undefined;
  linkLimit?: string | undefined;
}

/** The chart's elements; the limits default to the API's (2,000 records, 10,000 links). */
export const fetchNetwork = ({ nodeLimit, linkLimit }: NetworkLimits = {}) =>
  call<Network>(
    'GET',
    `/api/network${query({ ...(nodeLimit ? { nodeLimit } : {}), ...(linkLimit ? { linkLimit } : {}) })}`,
  );

export const revealYoungPerson = (id: string, reason: string) =>
  call<Record<string, unknown>>('POST', `/api/young-people/${id}/reveal`, { reason });

/** GET /api/analysis/<name> with its parameters. */
export const fetchAnalysis = <T>(name: string, params: Record<string, string>) =>
  call<T>('GET', `/api/analysis/${name}${query(params)}`);

export interface EntityPage {
  items: (Record<string, unknown> & { id: string })[];
  total: number;
}

/** One label's records matching a search (name, alias, reference, phone, postcode); audited as a search. */
export const searchEntities = (pathSegment: string, search: string) =>
  call<EntityPage>('GET', `/api/${pathSegment}${query({ search, limit: '20' })}`);

export const fetchEntity = (pathSegment: string, id: string) =>
  call<Record<string, unknown> & { id: string }>('GET', `/api/${pathSegment}/${id}`);

export interface LinkRecord extends Record<string, unknown> {
  id: string;
  type: string;
  from: string;
  to: string;
  fromLabel: string;
  toLabel: string;
}

export const fetchLinksOf = (id: string) =>
  call<{ items: LinkRecord[]; total: number }>('GET', `/api/links${query({ entity: id, limit: '500' })}`);

export const fetchViews = () => call<{ items: SavedViewSummary[] }>('GET', '/api/views');
export const fetchView = (id: string) => call<SavedView>('GET', `/api/views/${id}`);
export const createView = (name: string, state: ViewState) => call<SavedView>('POST', '/api/views', { name, state });
export const updateView = (id: string, name: string, state: ViewState, version: number) =>
  call<SavedView>('PATCH', `/api/views/${id}`, { name, state, version });
export const deleteView = (id: string) => call<{ deleted: true }>('DELETE', `/api/views/${id}`);

export const recordExport = (body: {
  format: 'png' | 'svg' | 'csv';
  records: string[];
  links: number;
  filters?: ViewState['filters'];
}) => call<{ recorded: true }>('POST', '/api/exports', body);

export interface Account {
  username: string;
  role: Role;
  disabled?: boolean;
}

export const fetchAccounts = () => call<{ items: Account[] }>('GET', '/api/users');
export const createAccount = (account: { username: string; role: Role; password: string }) =>
  call<Account>('POST', '/api/users', account);
/** A change of role, password or disabled flag; the API ends the account's sessions. */
export const changeAccount = (username: string, changes: { role?: Role; password?: string; disabled?: boolean }) =>
  call<Account>('PATCH', `/api/users/${encodeURIComponent(username)}`, changes);
