import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiRoutes } from '../../api/app.ts';
import * as auditCypher from '../../api/audit/audit.cypher.ts';
import { appendAudit, auditService } from '../../api/audit/audit.service.ts';
import { type AuditEvent, eventHash } from '../../api/audit/audit-chain.ts';
import { type Role, rolePermissions, roles } from '../../api/auth/roles.ts';
import { defaultSessionPolicy, sessionsService } from '../../api/auth/sessions.service.ts';
import { usersService } from '../../api/auth/users.service.ts';
import type { Graph, QueryOptions } from '../../api/db/neo4j.ts';
import { linkInput, locationInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi, type TestClient, testPassword } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number };
type ErrorBody = { error: { code: string; message: string } };

let api: TestApi;
const clients = {} as Record<Role, TestClient>;
let anonymous: TestClient;

beforeAll(async () => {
  api = await startTestApi();
  for (const role of roles) clients[role] = await api.client(role);
  anonymous = await api.client();
});
afterAll(async () => {
  await api?.close();
});

describe('every route, enumerated from the router', () => {
  const { routes } = apiRoutes(api?.graph ?? ({} as never));
  const concrete = (path: string) => path.replace(/:id/g, crypto.randomUUID());
  const protectedRoutes = routes.filter((r) => r.permission !== 'public');

  it('has routes to check, and only sign-in and health are public', () => {
    expect(protectedRoutes.length).toBeGreaterThan(15);
    expect(
      routes
        .filter((r) => r.permission === 'public')
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/api/auth/login', '/api/health']);
  });

  it.each(protectedRoutes.map((r) => [r.method.toUpperCase(), r.path] as const))(
    '%s %s answers 401 without a session',
    async (method, path) => {
      const answer = await anonymous.request<ErrorBody>(method, concrete(path), method === 'GET' ? undefined : {});
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('not_signed_in');
    },
  );

  const matrix = protectedRoutes.flatMap((r) =>
    roles.map((role) => [role, r.method.toUpperCase(), r.path, r.permission] as const),
  );
  it.each(matrix)('%s → %s %s follows the permission table', async (role, method, path, permission) => {
    const allowed = permission === 'signed-in' || rolePermissions[role].includes(permission as never);
    const client = method === 'POST' && path === '/api/auth/logout' ? await api.client(role) : clients[role];
    const answer = await client.request<ErrorBody>(method, concrete(path), method === 'GET' ? undefined : {});
    if (allowed) expect([401, 403]).not.toContain(answer.status);
    else expect(answer.status).toBe(403);
  });
});

describe('police-only intelligence (handling code C)', () => {
  let child: Row;
  let adult: Row;
  let secretAdult: Row;
  let secretLink: Row;
  let openLink: Row;

  beforeAll(async () => {
    const police = clients.police;
    child = (await police.request<Row>('POST', '/api/young-people', youngPersonInput({ levelOfConcern: 3 }))).body;
    adult = (await police.request<Row>('POST', '/api/persons-of-interest', personOfInterestInput())).body;
    secretAdult =
      // A name no other test's record contains, since the search below matches by substring.
      (
        await police.request<Row>(
          'POST',
          '/api/persons-of-interest',
          personOfInterestInput({ name: `Test Secret ${crypto.randomUUID()}`, gradingHandling: 'C' }),
        )
      ).body;
    secretLink = (
      await police.request<Row>(
        'POST',
        '/api/links',
        linkInput({ type: 'CONTROLS', from: adult.id, to: child.id, gradingHandling: 'C' }),
      )
    ).body;
    openLink = (
      await police.request<Row>('POST', '/api/links', linkInput({ type: 'DRIVES', from: adult.id, to: child.id }))
    ).body;
    await police.request(
      'POST',
      '/api/links',
      linkInput({ type: 'SUPPLIES', from: secretAdult.id, to: child.id, supplied: ['money'] }),
    );
  });

  it('is there for the police', async () => {
    const links = await clients.police.request<{ items: Row[] }>('GET', `/api/links?entity=${child.id}`);
    expect(links.body.items.map((l) => l.type).sort()).toEqual(['CONTROLS', 'DRIVES', 'SUPPLIES']);
    expect((await clients.police.request('GET', `/api/persons-of-interest/${secretAdult.id}`)).status).toBe(200);
  });

  it.each(['analyst', 'member'] as const)(
    'is invisible to the %s in entity reads, links, network and counts',
    async (role) => {
      const client = clients[role];
      expect((await client.request('GET', `/api/persons-of-interest/${secretAdult.id}`)).status).toBe(404);
      const search = await client.request<{ total: number }>(
        'GET',
        `/api/persons-of-interest?search=${encodeURIComponent(String(secretAdult.name))}`,
      );
      expect(search.body.total).toBe(0);
      const links = await client.request<{ items: Row[]; total: number }>('GET', `/api/links?entity=${child.id}`);
      expect(links.body.items.map((l) => l.id)).toEqual([openLink.id]);
      expect(links.body.total).toBe(1);
      expect((await client.request('GET', `/api/links/${secretLink.id}`)).status).toBe(404);
      const all = await client.request<{ items: Row[] }>('GET', '/api/links?limit=500');
      expect(all.body.items.map((l) => l.id)).not.toContain(secretLink.id);
      const network = await client.request<{ nodes: { id: string }[]; links: { id: string }[] }>('GET', '/api/network');
      expect(network.body.nodes.map((n) => n.id)).not.toContain(secretAdult.id);
      expect(network.body.links.map((l) => l.id)).not.toContain(secretLink.id);
      expect(network.body.links.map((l) => l.id)).toContain(openLink.id);
    },
  );

  it('stays police-only, with its other values, when the police edit one field', async () => {
    const secret = (
      await clients.police.request<Row>(
        'POST',
        '/api/persons-of-interest',
        personOfInterestInput({ gradingHandling: 'C', phones: ['07700 900123'], aliases: ['Test Alias'] }),
      )
    ).body;
    const edited = await clients.police.request<Row>('PATCH', `/api/persons-of-interest/${secret.id}`, {
      description: 'Test: seen again',
      version: 1,
    });
    expect(edited.body).toMatchObject({ gradingHandling: 'C', phones: ['07700 900123'], aliases: ['Test Alias'] });
    expect((await clients.analyst.request('GET', `/api/persons-of-interest/${secret.id}`)).status).toBe(404);
  });

  it('cannot be linked to, changed or removed by an analyst', async () => {
    const analyst = clients.analyst;
    const link = await analyst.request(
      'POST',
      '/api/links',
      linkInput({ type: 'ASSOCIATE_OF', from: secretAdult.id, to: adult.id }),
    );
    expect(link.status).toBe(404);
    expect(
      (await analyst.request('PATCH', `/api/persons-of-interest/${secretAdult.id}`, { name: 'x', version: 1 })).status,
    ).toBe(404);
    expect((await analyst.request('DELETE', `/api/links/${secretLink.id}?version=1`)).status).toBe(404);
    expect((await clients.police.request('GET', `/api/links/${secretLink.id}`)).status).toBe(200);
  });
});

describe('pseudonymised view for the operations group', () => {
  let child: Row;
  beforeAll(async () => {
    child = (
      await clients.analyst.request<Row>(
        'POST',
        '/api/young-people',
        youngPersonInput({ name: 'Test Pseudonym Child', school: 'Test School' }),
      )
    ).body;
  });

  it('shows a member young people by reference code, without identifying details', async () => {
    const read = await clients.member.request<Row>('GET', `/api/young-people/${child.id}`);
    expect(read.body).toMatchObject({ name: child.reference, reference: child.reference, pseudonymised: true });
    expect(read.body.school).toBeUndefined();
    expect(read.body.dateOfBirth).toBeUndefined();
    const byName = await clients.member.request<{ total: number }>('GET', '/api/young-people?search=Pseudonym');
    expect(byName.body.total).toBe(0);
    const byReference = await clients.member.request<{ items: Row[] }>(
      'GET',
      `/api/young-people?search=${child.reference}`,
    );
    expect(byReference.body.items.map((r) => r.name)).toEqual([child.reference]);
    const network = await clients.member.request<{ nodes: { id: string; record: Row }[] }>('GET', '/api/network');
    expect(network.body.nodes.find((n) => n.id === child.id)?.record.name).toBe(child.reference);
  });

  it('reveals a name for the session only with a reason, and logs it', async () => {
    const member = await api.client('member');
    expect((await member.request('POST', `/api/young-people/${child.id}/reveal`, {})).status).toBe(400);
    const revealed = await member.request<Row>('POST', `/api/young-people/${child.id}/reveal`, {
      reason: 'Test: discussing at the meeting',
    });
    expect(revealed.status).toBe(200);
    expect(revealed.body.name).toBe('Test Pseudonym Child');
    expect((await member.request<Row>('GET', `/api/young-people/${child.id}`)).body.name).toBe('Test Pseudonym Child');
    expect((await clients.member.request<Row>('GET', `/api/young-people/${child.id}`)).body.name).toBe(child.reference);
    const log = await clients.admin.request<{ items: { action: string; reason: string; username: string }[] }>(
      'GET',
      `/api/audit?action=reveal&subjectId=${child.id}`,
    );
    expect(log.body.items).toEqual([
      expect.objectContaining({ username: 'member', reason: 'Test: discussing at the meeting' }),
    ]);
  });
});

describe('sign-in', () => {
  it('says the same for an unknown account and a wrong password', async () => {
    const unknown = await anonymous.request<ErrorBody>('POST', '/api/auth/login', {
      username: 'nobody-here',
      password: 'wrong',
    });
    const wrong = await anonymous.request<ErrorBody>('POST', '/api/auth/login', {
      username: 'member',
      password: 'wrong',
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('sets an HttpOnly, SameSite=Strict cookie and says who is signed in', async () => {
    const client = await api.client();
    const signedIn = await client.request('POST', '/api/auth/login', { username: 'police', password: testPassword() });
    expect(signedIn.headers.get('set-cookie')).toMatch(/^patmap_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const me = await client.request<{ username: string; role: string }>('GET', '/api/auth/me');
    expect(me.body).toMatchObject({ username: 'police', role: 'police' });
  });

  it('renews the session id at sign-in, so a planted cookie is useless (no fixation)', async () => {
    const client = await api.client();
    client.cookie = 'patmap_session=planted-by-an-attacker';
    await client.request('POST', '/api/auth/login', { username: 'analyst', password: testPassword() });
    expect(client.cookie).not.toBe('patmap_session=planted-by-an-attacker');
    const attacker = await api.client();
    attacker.cookie = 'patmap_session=planted-by-an-attacker';
    expect((await attacker.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('answers a malformed cookie with 401, not 500', async () => {
    const client = await api.client();
    client.cookie = 'patmap_session=%E0%A4%A';
    expect((await client.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('ends the session on the server at sign-out', async () => {
    const client = await api.client('analyst');
    const stolen = client.cookie;
    expect((await client.request('POST', '/api/auth/logout')).status).toBe(200);
    const replay = await api.client();
    replay.cookie = stolen;
    expect((await replay.request('GET', '/api/auth/me')).status).toBe(401);
  });
});

describe('the session check', () => {
  let quick: TestApi;
  beforeAll(async () => {
    quick = await startTestApi(undefined, {
      signIn: false,
      sessionPolicy: { ...defaultSessionPolicy, recheckMs: 100 },
    });
  });
  afterAll(async () => {
    await quick?.close();
  });

  /** The graph, counting the session reads that pass through it. */
  const countingReads = (graph: Graph) => {
    const counted = { reads: 0 };
    const wrapped: Graph = {
      ...graph,
      read: (query, params, options) => {
        if (query.includes('UserSession')) counted.reads += 1;
        return graph.read(query, params, options);
      },
    };
    return { wrapped, counted };
  };

  it('reads a session once for requests in quick succession, and forgets it at once when it ends here', async () => {
    const { wrapped, counted } = countingReads(api.graph);
    const sessions = sessionsService(wrapped, { idleMs: 60_000, absoluteMs: 60_000, recheckMs: 60_000 });
    const { token, id } = await sessions.start('analyst');
    const viewers = [await sessions.resolve(token), await sessions.resolve(token), await sessions.resolve(token)];
    expect(viewers.map((viewer) => viewer?.username)).toEqual(['analyst', 'analyst', 'analyst']);
    expect(counted.reads).toBe(1);
    await sessions.reveal(id, 'a-subject');
    expect([...((await sessions.resolve(token))?.revealed ?? [])]).toEqual(['a-subject']);
    expect(counted.reads).toBe(2);
    await sessions.end(id);
    expect(await sessions.resolve(token)).toBeUndefined();
  });

  it('sees within recheckMs a session ended elsewhere (another app instance, the command line)', async () => {
    const client = await quick.client('member');
    expect((await client.request('GET', '/api/auth/me')).status).toBe(200);
    // What another instance's sign-out does: the database alone (the session is stored by its token's hash).
    const token = decodeURIComponent(client.cookie?.split('=')[1] ?? '');
    const id = createHash('sha256').update(token).digest('hex');
    await quick.graph.write('MATCH (s:UserSession {id: $id}) DELETE s', { id });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await client.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('does not rely on a session read before a change that committed while the read was on its way', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrive: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    let holding = true;
    const slow: Graph = {
      ...api.graph,
      read: async <Row>(query: string, params?: Record<string, unknown>, options?: QueryOptions) => {
        const rows = await api.graph.read<Row>(query, params, options);
        if (holding && query.includes('UserSession')) {
          arrive();
          await held;
        }
        return rows;
      },
    };
    const sessions = sessionsService(slow, { idleMs: 60_000, absoluteMs: 60_000, recheckMs: 60_000 });
    const { token, id } = await sessions.start('analyst');
    const before = sessions.resolve(token); // reads the session as it is, then waits
    await arrived;
    await sessions.end(id);
    holding = false;
    release();
    expect((await before)?.username).toBe('analyst'); // it was asked before the sign-out
    expect(await sessions.resolve(token)).toBeUndefined(); // but is not remembered past it
  });
});

describe('account administration', () => {
  it('lets an admin create, list, re-role and disable accounts; disabling ends the sessions', async () => {
    const username = `test-${Math.floor(Math.random() * 1e8)}`;
    const password = 'a long test password';
    const created = await clients.admin.request('POST', '/api/users', { username, role: 'member', password });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ username, role: 'member', disabled: false });
    expect((await clients.admin.request('POST', '/api/users', { username, role: 'member', password })).status).toBe(
      409,
    );
    expect(
      (await clients.admin.request('POST', '/api/users', { username: 'x', role: 'member', password })).status,
    ).toBe(400);
    const listed = await clients.admin.request<{ items: { username: string; passwordHash?: string }[] }>(
      'GET',
      '/api/users',
    );
    expect(listed.body.items.map((u) => u.username)).toContain(username);
    expect(listed.body.items.every((u) => u.passwordHash === undefined)).toBe(true);

    const user = await api.client();
    expect((await user.request('POST', '/api/auth/login', { username, password })).status).toBe(200);
    const promoted = await clients.admin.request('PATCH', `/api/users/${username}`, { role: 'analyst' });
    expect(promoted.body).toMatchObject({ username, role: 'analyst' });
    expect((await user.request('GET', '/api/auth/me')).status).toBe(401);

    expect((await user.request('POST', '/api/auth/login', { username, password })).status).toBe(200);
    expect((await clients.admin.request('PATCH', `/api/users/${username}`, { disabled: true })).status).toBe(200);
    expect((await user.request('GET', '/api/auth/me')).status).toBe(401);
    const refused = await user.request<ErrorBody>('POST', '/api/auth/login', { username, password });
    expect(refused.status).toBe(401);
    expect((await clients.admin.request('PATCH', `/api/users/${username}`, {})).status).toBe(400);
    expect((await clients.admin.request('PATCH', '/api/users/nobody-at-all', { disabled: true })).status).toBe(404);
  });

  it("refuses an admin's disabling or demoting their own account; a reset from the command line enables one", async () => {
    const username = `test-admin-${Math.floor(Math.random() * 1e8)}`;
    const password = 'a long test password';
    const users = usersService(api.graph);
    await users.create({ username, role: 'admin', password }, 'test');
    const self = await api.client();
    expect((await self.request('POST', '/api/auth/login', { username, password })).status).toBe(200);
    for (const change of [{ disabled: true }, { role: 'member' }, { role: 'analyst', disabled: true }]) {
      const refused = await self.request<ErrorBody>('PATCH', `/api/users/${username.toUpperCase()}`, change);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain('your own account');
    }
    // Nothing changed, and the session the refused changes came through still holds.
    expect(await users.find(username)).toMatchObject({ role: 'admin', disabled: false });
    expect((await self.request('GET', '/api/auth/me')).status).toBe(200);
    // Another admin may disable it; `npm run user:create -- --reset` enables it again with a new password.
    expect((await clients.admin.request('PATCH', `/api/users/${username}`, { disabled: true })).status).toBe(200);
    expect((await self.request('POST', '/api/auth/login', { username, password })).status).toBe(401);
    const reset = await users.save({ username, role: 'admin', password: 'another long password' }, 'command-line', {
      replace: true,
    });
    expect(reset).toMatchObject({ username, role: 'admin', disabled: false });
    const again = await self.request('POST', '/api/auth/login', { username, password: 'another long password' });
    expect(again.status).toBe(200);
  });
});

describe('with tight limits', () => {
  let tight: TestApi;
  beforeAll(async () => {
    tight = await startTestApi(undefined, {
      signIn: false,
      loginLimits: { perAccount: 3, perAddress: 100, windowSeconds: 60, lockoutSeconds: 60 },
      sessionPolicy: { idleMs: 300, absoluteMs: 60_000 },
    });
  });
  afterAll(async () => {
    await tight?.close();
  });

  it('locks an account out after repeated failures, even with the right password', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await tight.request('POST', '/api/auth/login', { username: 'police', password: 'guess' })).status).toBe(
        401,
      );
    }
    const locked = await tight.request<ErrorBody>('POST', '/api/auth/login', {
      username: 'police',
      password: testPassword(),
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    const ghost: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      ghost.push((await tight.request('POST', '/api/auth/login', { username: 'no-such-user', password: 'x' })).status);
    }
    expect(ghost).toEqual([401, 401, 401, 429]);
  });

  it('sweeps expired sessions from the database, and only those', async () => {
    // The default policy, so the sweep leaves the other tests' live sessions alone.
    const sessions = sessionsService(tight.graph);
    const stale = await sessions.start('member');
    const live = await sessions.start('member');
    await tight.graph.write('MATCH (s:UserSession {id: $id}) SET s.lastSeenAt = 0', { id: stale.id });
    await sessions.endExpired();
    const rows = await tight.graph.read<{ id: string }>('MATCH (s:UserSession) WHERE s.id IN $ids RETURN s.id AS id', {
      ids: [stale.id, live.id],
    });
    expect(rows.map((row) => row.id)).toEqual([live.id]);
  });

  it('ends an idle session', async () => {
    const client = await tight.client('member');
    expect((await client.request('GET', '/api/auth/me')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await client.request('GET', '/api/auth/me')).status).toBe(401);
  });
});

describe('hardening', () => {
  it('refuses a change without an Origin header, or from another origin, with 403', async () => {
    const noOrigin = await clients.analyst.request<ErrorBody>('POST', '/api/locations', locationInput(), {
      origin: '',
    });
    expect(noOrigin.status).toBe(403);
    const foreign = await clients.analyst.request<ErrorBody>('POST', '/api/locations', locationInput(), {
      origin: 'https://evil.example.invalid',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('cross_origin');
  });

  it('behind a trusted proxy, sets Secure cookies and accepts the public origin', async () => {
    const proxied = await startTestApi(undefined, {
      signIn: false,
      trustProxy: 'loopback',
      allowedOrigins: ['https://patmap.example.invalid'],
    });
    try {
      const headers = { 'x-forwarded-proto': 'https', origin: 'https://patmap.example.invalid' };
      const signedIn = await proxied.request(
        'POST',
        '/api/auth/login',
        { username: 'analyst', password: testPassword() },
        headers,
      );
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('set-cookie')).toMatch(/; Secure$/);
      const created = await proxied.request('POST', '/api/locations', locationInput(), headers);
      expect(created.status).toBe(201);
    } finally {
      await proxied.close();
    }
  });

  it('sends a strict Content-Security-Policy and no framework banner', async () => {
    const answer = await anonymous.request('GET', '/api/health');
    expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(answer.headers.get('x-powered-by')).toBeNull();
  });

  it('tells browsers and proxies to keep no API answer, signed in or not', async () => {
    const analyst = await api.client('analyst');
    for (const answer of [
      await anonymous.request('GET', '/api/health'),
      await anonymous.request('GET', '/api/young-people'),
      await analyst.request('GET', '/api/young-people?limit=5'),
      await analyst.request('GET', '/api/analysis/shared-adults'),
    ]) {
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('etag')).toBeNull();
    }
  });

  const hostile = [
    "Test'}) MATCH (n) DETACH DELETE n //",
    '"; CALL dbms.components() //',
    '<script>alert("x")</script>',
    '<img src=x onerror=alert(1)>',
    'Te\u0301st \u202Eeman\u202C \u200B zero-width',
    'Ｔｅｓｔ 𝕿𝖊𝖘𝖙 👩🏽‍💻',
    `\${process.env.NEO4J_PASSWORD}`,
  ];
  it.each(hostile)('stores %j literally in every text field, or refuses it with 400', async (text) => {
    const input = youngPersonInput({
      name: text,
      ethnicity: text,
      school: text,
      placement: text,
      leadProfessional: text,
      leadAgency: text,
    });
    const created = await clients.analyst.request<Row>('POST', '/api/young-people', input);
    expect([201, 400]).toContain(created.status);
    if (created.status === 201) {
      const read = await clients.analyst.request<Row>('GET', `/api/young-people/${created.body.id}`);
      for (const field of ['name', 'ethnicity', 'school', 'placement', 'leadProfessional', 'leadAgency']) {
        expect(read.body[field]).toBe(text.trim());
      }
    }
  });

  it('refuses huge strings with 400 and never a 500', async () => {
    const huge = 'x'.repeat(100_000);
    const answer = await clients.analyst.request<ErrorBody>(
      'POST',
      '/api/persons-of-interest',
      personOfInterestInput({ description: huge }),
    );
    expect(answer.status).toBe(400);
    const search = await clients.analyst.request('GET', `/api/young-people?search=${'y'.repeat(5000)}`);
    expect(search.status).toBe(400);
  });

  it('logs requests without their query string (which may hold a searched name)', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write: (chunk, _encoding, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const logged = await startTestApi(undefined, { logger });
    await logged.request('GET', '/api/young-people?search=Test%20Secret%20Name');
    await logged.close();
    expect(lines.join('\n')).toContain('/api/young-people');
    expect(lines.join('\n')).not.toContain('Secret');
    expect(lines.join('\n')).not.toContain(testPassword());
  });
});

/**
 * Rewrites the audit chain from event SEQ to the head, as someone with write access to Neo4j could: in one
 * transaction holding the head's lock like appendAudit, so that events other test files append meanwhile chain
 * onto the result. RESEAL gives each event's new form from the previous one's new hash. Returns the old events.
 */
async function rewriteAuditChain(
  graph: Graph,
  seq: number,
  reseal: (event: AuditEvent, prevHash: string) => AuditEvent,
): Promise<AuditEvent[]> {
  return graph.writeTransaction(async (tx) => {
    await tx.run("MATCH (head:AuditHead {key: 'audit'}) SET head._lock = true");
    const rows = await tx.run<{ event: AuditEvent }>(
      'MATCH (e:AuditEvent) WHERE e.seq >= $seq RETURN e {.*} AS event ORDER BY e.seq',
      { seq },
    );
    const before = rows.map((row) => row.event);
    let previous = before[0]?.prevHash ?? '';
    const after = before.map((event) => {
      const resealed = reseal(event, previous);
      previous = resealed.hash;
      return resealed;
    });
    await tx.run('UNWIND $events AS event MATCH (e:AuditEvent {seq: event.seq}) SET e = event', { events: after });
    await tx.run("MATCH (head:AuditHead {key: 'audit'}) SET head.hash = $hash REMOVE head._lock", { hash: previous });
    return before;
  });
}

describe('the audit log', () => {
  it('records views, searches, changes with before and after, and denials', async () => {
    const created = await clients.analyst.request<Row>(
      'POST',
      '/api/locations',
      locationInput({ name: 'Test Audited Place' }),
    );
    await clients.analyst.request('PATCH', `/api/locations/${created.body.id}`, {
      name: 'Test Audited Place 2',
      version: 1,
    });
    await clients.member.request('GET', `/api/locations/${created.body.id}`);
    await clients.member.request('POST', '/api/locations', locationInput());
    type Event = { action: string; username: string; details: string | null };
    const events = await clients.admin.request<{ items: Event[] }>('GET', `/api/audit?subjectId=${created.body.id}`);
    const actions = events.body.items.map((e) => `${e.username}:${e.action}`);
    expect(actions).toEqual(['member:view', 'analyst:update', 'analyst:create']);
    const update = events.body.items.find((e) => e.action === 'update');
    const details = JSON.parse(update?.details ?? '{}') as { before: Row; after: Row };
    expect(details.before.name).toBe('Test Audited Place');
    expect(details.after.name).toBe('Test Audited Place 2');
    const denials = await clients.admin.request<{ items: Event[] }>('GET', '/api/audit?action=denied&username=member');
    expect(denials.body.items.length).toBeGreaterThan(0);
    const signIns = await clients.admin.request<{ total: number }>('GET', '/api/audit?action=sign-in&username=admin');
    expect(signIns.body.total).toBeGreaterThan(0);
  });

  it('keeps police-only and identifying details from the admin, but not from the police', async () => {
    const created = await clients.police.request<Row>(
      'POST',
      '/api/persons-of-interest',
      personOfInterestInput({ name: 'Test Restricted Adult', gradingHandling: 'C' }),
    );
    type Event = { details: string | null; restricted: boolean };
    const asAdmin = await clients.admin.request<{ items: Event[] }>('GET', `/api/audit?subjectId=${created.body.id}`);
    expect(asAdmin.body.items).toEqual([expect.objectContaining({ restricted: true, details: '[restricted]' })]);
    const csv = await clients.admin.request<string>('GET', `/api/audit/export?subjectId=${created.body.id}`);
    expect(csv.body).not.toContain('Test Restricted Adult');
    const asPolice = await clients.police.request<{ items: Event[] }>('GET', `/api/audit?subjectId=${created.body.id}`);
    expect(asPolice.status).toBe(403);
  });

  it('is searchable and exportable by admins only', async () => {
    expect((await clients.analyst.request('GET', '/api/audit')).status).toBe(403);
    const csv = await clients.admin.request<string>('GET', '/api/audit/export?action=sign-in');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe(
      'seq,at,username,role,action,subjectType,subjectId,reason,details,address,hash',
    );
    expect(csv.body).toContain(',sign-in,');
  });

  it('records events that arrive together by group commit, in the order they came, with the chain intact', async () => {
    const audit = auditService(api.graph);
    const run = `group-${crypto.randomUUID()}`;
    const subjects = Array.from({ length: 50 }, (_, i) => `${run}-${String(i).padStart(2, '0')}`);
    // The first call starts a commit of its own; the other 49 arrive while it runs and share the next one.
    await Promise.all(
      subjects.map((subjectId) => audit.record({ action: 'view', username: 'group-commit-test', subjectId })),
    );
    const rows = await api.graph.read<{ subjectId: string; at: string }>(
      'MATCH (e:AuditEvent) WHERE e.subjectId STARTS WITH $run RETURN e.subjectId AS subjectId, e.at AS at ORDER BY e.seq',
      { run },
    );
    expect(rows.map((r) => r.subjectId)).toEqual(subjects);
    expect(new Set(rows.map((r) => r.at)).size).toBeLessThanOrEqual(2);
    expect(await audit.verify()).toMatchObject({ intact: true });
  });

  it('appends after the end it last left in one statement, for changes too, sealing afresh after a moved head', async () => {
    const runs = { appendAfter: 0, lockHead: 0, append: 0 };
    const count = (query: string) => {
      if (query === auditCypher.appendEventsAfter) runs.appendAfter += 1;
      if (query === auditCypher.lockHead) runs.lockHead += 1;
      if (query === auditCypher.appendEvents) runs.append += 1;
    };
    const graph: Graph = {
      ...api.graph,
      write: (query, params, options) => {
        count(query);
        return api.graph.write(query, params, options);
      },
      writeTransaction: (work, options) =>
        api.graph.writeTransaction(
          (tx) =>
            work({
              run: (query, params) => {
                count(query);
                return tx.run(query, params);
              },
            }),
          options,
        ),
    };
    const audit = auditService(graph);
    const run = `after-${crypto.randomUUID()}`;
    const entry = (n: number) => ({ action: 'view' as const, username: 'x', subjectId: `${run}-${n}` });
    const since = (before: typeof runs) => ({
      appendAfter: runs.appendAfter - before.appendAfter,
      lockHead: runs.lockHead - before.lockHead,
      append: runs.append - before.append,
    });
    await audit.record(entry(1)); // the end is known from here on, whatever other tests left
    let before = { ...runs };
    await audit.record(entry(2));
    expect(since(before)).toEqual({ appendAfter: 1, lockHead: 0, append: 0 });
    // A change's transaction appends its event in one statement after the same end.
    before = { ...runs };
    await graph.writeTransaction((tx) => appendAudit(tx, entry(3)));
    expect(since(before)).toEqual({ appendAfter: 1, lockHead: 0, append: 0 });
    // A transaction that appended and then rolled back leaves the head short of the end this process expects: the
    // group commit finds it moved and goes after it; so does a change, in its own transaction, under the lock.
    const rolledBack = (n: number) =>
      graph.writeTransaction(async (tx) => {
        await appendAudit(tx, entry(n));
        throw new Error('rolled back');
      });
    await expect(rolledBack(4)).rejects.toThrow('rolled back');
    before = { ...runs };
    await audit.record(entry(5));
    expect(since(before)).toEqual({ appendAfter: 2, lockHead: 0, append: 0 });
    await expect(rolledBack(6)).rejects.toThrow('rolled back');
    before = { ...runs };
    await graph.writeTransaction((tx) => appendAudit(tx, entry(7)));
    expect(since(before)).toEqual({ appendAfter: 1, lockHead: 0, append: 1 });
    const rows = await api.graph.read<{ subjectId: string }>(
      'MATCH (e:AuditEvent) WHERE e.subjectId STARTS WITH $run RETURN e.subjectId AS subjectId ORDER BY e.seq',
      { run },
    );
    expect(rows.map((r) => r.subjectId)).toEqual([1, 2, 3, 5, 7].map((n) => `${run}-${n}`));
    const [head] = await api.graph.read<{ lock: unknown }>("MATCH (h:AuditHead {key: 'audit'}) RETURN h._lock AS lock");
    expect(head).toEqual({ lock: null });
    expect(await audit.verify()).toMatchObject({ intact: true });
  });

  it('fails only the event that cannot be written when it shares a group commit with others', async () => {
    const audit = auditService(api.graph);
    const run = `isolated-${crypto.randomUUID()}`;
    const entry = (n: number, details?: unknown) => ({
      action: 'view' as const,
      username: 'x',
      subjectId: `${run}-${n}`,
      details,
    });
    // JSON cannot hold a BigInt: sealing the third event throws, and its group is retried one event at a time.
    const outcomes = await Promise.allSettled([
      audit.record(entry(1)),
      audit.record(entry(2)),
      audit.record(entry(3, { size: 1n })),
      audit.record(entry(4)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const rows = await api.graph.read<{ subjectId: string }>(
      'MATCH (e:AuditEvent) WHERE e.subjectId STARTS WITH $run RETURN e.subjectId AS subjectId ORDER BY e.seq',
      { run },
    );
    expect(rows.map((r) => r.subjectId)).toEqual([`${run}-1`, `${run}-2`, `${run}-4`]);
    expect(await audit.verify()).toMatchObject({ intact: true });
  });

  it('is a hash chain whose check finds a modified event, and no route edits or deletes events', async () => {
    const audit = auditService(api.graph);
    const intact = await audit.verify();
    expect(intact.intact).toBe(true);
    const [victim] = await api.graph.read<{ seq: number; username: string }>(
      "MATCH (e:AuditEvent {action: 'sign-in'}) RETURN e.seq AS seq, e.username AS username ORDER BY e.seq DESC LIMIT 1",
    );
    expect(victim).toBeDefined();
    await api.graph.write('MATCH (e:AuditEvent {seq: $seq}) SET e.username = $forged', {
      seq: victim?.seq,
      forged: 'someone-else',
    });
    try {
      const broken = await audit.verify();
      expect(broken).toMatchObject({ intact: false, firstBreak: { seq: victim?.seq } });
      const viaApi = await clients.admin.request<{ intact: boolean }>('GET', '/api/audit/verify');
      expect(viaApi.body.intact).toBe(false);
    } finally {
      await api.graph.write('MATCH (e:AuditEvent {seq: $seq}) SET e.username = $username', victim ?? {});
    }
    expect((await audit.verify()).intact).toBe(true);
    const { routes } = apiRoutes(api.graph);
    expect(routes.filter((r) => r.path.startsWith('/api/audit') && r.method !== 'get')).toEqual([]);
  });

  it.each([
    ['keeps its chain marks', false, 'changed'],
    ['passes them off as written before the key', true, 'downgraded'],
  ] as const)(
    'is keyed: a forger who changes an event and re-chains all after it without the key, and %s, is found',
    async (_, stripChain, cause) => {
      const audit = auditService(api.graph);
      expect(await audit.verify()).toMatchObject({ intact: true });
      const [victim] = await api.graph.read<{ seq: number }>(
        "MATCH (e:AuditEvent {action: 'sign-in', chain: 'hmac-sha256'}) RETURN e.seq AS seq ORDER BY e.seq DESC LIMIT 1",
      );
      const victimSeq = victim?.seq ?? 0;
      expect(victimSeq).toBeGreaterThan(1);
      const originals = await rewriteAuditChain(api.graph, victimSeq, (event, prevHash) => {
        const { hash: _hash, chain, ...fields } = event;
        const forged = { ...fields, prevHash, ...(event.seq === victimSeq ? { username: 'someone-else' } : {}) };
        // Plain SHA-256 over the same fields, as the chain was before it was keyed: all a forger without the key has.
        return { ...forged, ...(stripChain ? {} : { chain }), hash: eventHash(forged, undefined) };
      });
      try {
        expect(await audit.verify()).toMatchObject({ intact: false, firstBreak: { seq: victimSeq, cause } });
        const viaApi = await clients.admin.request<{ intact: boolean; firstBreak: { seq: number } }>(
          'GET',
          '/api/audit/verify',
        );
        expect(viaApi.body).toMatchObject({ intact: false, firstBreak: { seq: victimSeq } });
      } finally {
        // Put the old events back and re-seal with the key, taking in any that other test files appended meanwhile.
        const before = new Map(originals.map((event) => [event.seq, event]));
        const key = Buffer.from(inject('auditKey'), 'hex');
        await rewriteAuditChain(api.graph, victimSeq, (event, prevHash) => {
          const restored = { ...(before.get(event.seq) ?? event), prevHash };
          return { ...restored, hash: eventHash(restored, key) };
        });
      }
      expect(await audit.verify()).toMatchObject({ intact: true });
    },
  );
});
