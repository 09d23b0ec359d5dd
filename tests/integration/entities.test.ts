import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locationInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number };
type ErrorBody = { error: { code: string; message: string; details?: { field: string }[] } };

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const kinds = [
  {
    path: '/api/young-people',
    make: () => youngPersonInput({ school: 'Test School (fictional)' }),
    change: { name: 'Test Child Renamed', legalStatus: 'child-in-need' },
    bad: { field: 'levelOfConcern', value: 4 },
    optional: 'school',
  },
  {
    path: '/api/persons-of-interest',
    make: () => personOfInterestInput({ phones: ['07700 900999'], description: 'Test description' }),
    change: { name: 'Test Adult Renamed', knownPerpetrator: true },
    bad: { field: 'phones', value: 'not a list' },
    optional: 'description',
  },
  {
    path: '/api/locations',
    make: () => locationInput({ address: '1 Test Street' }),
    change: { name: 'Test Place Renamed', type: 'takeaway' },
    bad: { field: 'type', value: 'volcano' },
    optional: 'address',
  },
] as const;

describe.each(kinds)('$path', ({ path, make, change, bad, optional }) => {
  it('creates a record with version 1 and reads it back', async () => {
    const input = make();
    const created = await api.request<Row>('POST', path, input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...input, version: 1, createdBy: 'analyst' });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const read = await api.request<Row>('GET', `${path}/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('updates with the version read, and refuses a stale version with 409 and the current record', async () => {
    const created = await api.request<Row>('POST', path, make());
    const updated = await api.request<Row>('PATCH', `${path}/${created.body.id}`, { ...change, version: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ ...change, version: 2 });

    const stale = await api.request<ErrorBody & { error: { details: { currentVersion: number } } }>(
      'PATCH',
      `${path}/${created.body.id}`,
      { name: 'Test Lost Update', version: 1 },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect(stale.body.error.details.currentVersion).toBe(2);
    const after = await api.request<Row>('GET', `${path}/${created.body.id}`);
    expect(after.body.name).toBe(change.name);
  });

  it('clears an optional property with null', async () => {
    const created = await api.request<Row>('POST', path, make());
    expect(created.body[optional]).toBeDefined();
    const cleared = await api.request<Row>('PATCH', `${path}/${created.body.id}`, { [optional]: null, version: 1 });
    expect(cleared.status).toBe(200);
    expect(cleared.body[optional]).toBeUndefined();
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const input = { ...make(), [bad.field]: bad.value };
    const before = await api.request<{ total: number }>('GET', `${path}?limit=1&includeArchived=true`);
    const refused = await api.request<ErrorBody>('POST', path, input);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_input');
    expect(refused.body.error.details?.map((d) => d.field)).toContain(bad.field);
    const unknownField = await api.request<ErrorBody>('POST', path, { ...make(), favouriteColour: 'blue' });
    expect(unknownField.status).toBe(400);
    const after = await api.request<{ total: number }>('GET', `${path}?limit=1&includeArchived=true`);
    expect(after.body.total).toBe(before.body.total);
  });

  it('refuses a bad update with 400 and leaves the record as it was', async () => {
    const created = await api.request<Row>('POST', path, make());
    const refused = await api.request<ErrorBody>('PATCH', `${path}/${created.body.id}`, {
      [bad.field]: bad.value,
      version: 1,
    });
    expect(refused.status).toBe(400);
    const noVersion = await api.request<ErrorBody>('PATCH', `${path}/${created.body.id}`, { name: 'x' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.details?.map((d) => d.field)).toContain('version');
    const after = await api.request<Row>('GET', `${path}/${created.body.id}`);
    expect(after.body).toEqual(created.body);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = crypto.randomUUID();
    const read = await api.request<ErrorBody>('GET', `${path}/${unknown}`);
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('not_found');
    expect((await api.request('PATCH', `${path}/${unknown}`, { name: 'x', version: 1 })).status).toBe(404);
    expect((await api.request('POST', `${path}/${unknown}/archive`, { reason: 'x', version: 1 })).status).toBe(404);
    expect((await api.request('GET', `${path}/not-an-id`)).status).toBe(400);
  });

  it('archives with a reason, hides archived records from the default list, and refuses a second archive', async () => {
    const created = await api.request<Row>('POST', path, make());
    const caption = String(created.body.name);
    const archived = await api.request<Row>('POST', `${path}/${created.body.id}/archive`, {
      reason: 'Test: no longer of concern',
      version: 1,
    });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ archiveReason: 'Test: no longer of concern', version: 2 });
    expect(typeof archived.body.archivedAt).toBe('string');
    const listed = await api.request<{ items: Row[] }>('GET', `${path}?search=${encodeURIComponent(caption)}`);
    expect(listed.body.items.map((r) => r.id)).not.toContain(created.body.id);
    const withArchived = await api.request<{ items: Row[] }>(
      'GET',
      `${path}?includeArchived=true&search=${encodeURIComponent(caption)}`,
    );
    expect(withArchived.body.items.map((r) => r.id)).toContain(created.body.id);
    const again = await api.request<ErrorBody>('POST', `${path}/${created.body.id}/archive`, {
      reason: 'again',
      version: 2,
    });
    expect(again.status).toBe(409);
    expect((await api.request('POST', `${path}/${created.body.id}/archive`, { version: 2 })).status).toBe(400);
  });

  it('lists by search with paging', async () => {
    const tag = `Zebra${Math.floor(Math.random() * 1e6)}`;
    for (const n of [1, 2, 3]) {
      await api.request('POST', path, { ...make(), name: `${tag} ${n}` });
    }
    const page = await api.request<{ items: Row[]; total: number }>('GET', `${path}?search=${tag}&limit=2`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(3);
    expect(page.body.items.map((r) => r.name)).toEqual([`${tag} 1`, `${tag} 2`]);
    const next = await api.request<{ items: Row[] }>('GET', `${path}?search=${tag}&limit=2&offset=2`);
    expect(next.body.items.map((r) => r.name)).toEqual([`${tag} 3`]);
    expect((await api.request('GET', `${path}?limit=0`)).status).toBe(400);
    expect((await api.request('GET', `${path}?limit=many`)).status).toBe(400);
  });
});

describe('young people specifics', () => {
  it('archiving sets the level of concern to "archived"', async () => {
    const created = await api.request<Row>('POST', '/api/young-people', youngPersonInput({ levelOfConcern: 2 }));
    const archived = await api.request<Row>('POST', `/api/young-people/${created.body.id}/archive`, {
      reason: 'Test: closed',
      version: 1,
    });
    expect(archived.body.levelOfConcern).toBe('archived');
  });

  it('refuses a duplicate reference with 409 and creates nothing', async () => {
    const first = youngPersonInput();
    expect((await api.request('POST', '/api/young-people', first)).status).toBe(201);
    const duplicate = await api.request<ErrorBody>('POST', '/api/young-people', {
      ...youngPersonInput(),
      reference: first.reference,
    });
    expect(duplicate.status).toBe(409);
    const found = await api.request<{ total: number }>(
      'GET',
      `/api/young-people?search=${encodeURIComponent(first.reference)}`,
    );
    expect(found.body.total).toBe(1);
  });

  it('stores dates as dates and returns them as YYYY-MM-DD', async () => {
    const created = await api.request<Row>(
      'POST',
      '/api/young-people',
      youngPersonInput({ dateOfBirth: '2012-02-29' }),
    );
    expect(created.body.dateOfBirth).toBe('2012-02-29');
    const [row] = await api.graph.read<{ type: string }>(
      'MATCH (n:YoungPerson {id: $id}) RETURN valueType(n.dateOfBirth) AS type',
      { id: created.body.id },
    );
    expect(row?.type).toBe('DATE NOT NULL');
    expect(
      (await api.request('POST', '/api/young-people', youngPersonInput({ dateOfBirth: '2012-02-30' }))).status,
    ).toBe(400);
  });

  it('one of two concurrent updates from the same version wins; the other gets 409', async () => {
    const created = await api.request<Row>('POST', '/api/young-people', youngPersonInput());
    const attempts = await Promise.all(
      ['Test Writer A', 'Test Writer B', 'Test Writer C'].map((name) =>
        api.request<Row>('PATCH', `/api/young-people/${created.body.id}`, { name, version: 1 }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const after = await api.request<Row>('GET', `/api/young-people/${created.body.id}`);
    expect(after.body.version).toBe(2);
  });
});

describe('values that cannot be right are refused with 400 and write nothing', () => {
  // Factory names repeat across test files sharing the database; these are counted, so they must not.
  const unique = (prefix: string) => `${prefix} ${crypto.randomUUID().slice(0, 8)}`;
  const count = async (label: string, name: string) => {
    const [row] = await api.graph.read<{ n: number }>(`MATCH (x:${label} {name: $name}) RETURN count(x) AS n`, {
      name,
    });
    return Number(row?.n);
  };

  it('a date of birth in the future, and dates outside 1900 to 2100', async () => {
    const future = youngPersonInput({ name: unique('Test Child'), dateOfBirth: '2099-05-01' });
    const refused = await api.request<ErrorBody>('POST', '/api/young-people', future);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error.details)).toContain('not in the future');
    expect(await count('YoungPerson', future.name)).toBe(0);
    const adult = personOfInterestInput({ name: unique('Test Adult'), dateOfBirth: '0000-01-01' });
    expect((await api.request('POST', '/api/persons-of-interest', adult)).status).toBe(400);
    expect(await count('PersonOfInterest', adult.name)).toBe(0);
    const created = await api.request<Row>('POST', '/api/young-people', youngPersonInput());
    const farFuture = await api.request('PATCH', `/api/young-people/${created.body.id}`, {
      dateOfBirth: '2200-01-01',
      version: 1,
    });
    expect(farFuture.status).toBe(400);
    expect((await api.request<Row>('GET', `/api/young-people/${created.body.id}`)).body.version).toBe(1);
  });

  it('names carrying control characters or a text-direction override', async () => {
    for (const name of ['Test Ann\u202eSmith', 'Test Ann\u0007', 'Test Ann\nSmith']) {
      const refused = await api.request<ErrorBody>('POST', '/api/persons-of-interest', personOfInterestInput({ name }));
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'name' })]);
      expect(await count('PersonOfInterest', name)).toBe(0);
    }
    const description = 'Test: seen twice.\n\tOnce at the station.';
    const kept = await api.request<Row>('POST', '/api/persons-of-interest', personOfInterestInput({ description }));
    expect(kept.status).toBe(201);
    expect(kept.body.description).toBe(description);
  });

  it('a latitude without its longitude, on create and as a change would leave the record', async () => {
    const halfPlaced = locationInput({ name: unique('Test Place'), latitude: 51.5 });
    const refused = await api.request<ErrorBody>('POST', '/api/locations', halfPlaced);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'longitude' })]);
    expect(await count('Location', halfPlaced.name)).toBe(0);
    const placed = await api.request<Row>('POST', '/api/locations', locationInput({ latitude: 51.5, longitude: -0.1 }));
    expect(placed.status).toBe(201);
    const cleared = await api.request<ErrorBody>('PATCH', `/api/locations/${placed.body.id}`, {
      longitude: null,
      version: 1,
    });
    expect(cleared.status).toBe(400);
    expect(cleared.body.error.details).toEqual([expect.objectContaining({ field: 'longitude' })]);
    const both = await api.request<Row>('PATCH', `/api/locations/${placed.body.id}`, {
      latitude: null,
      longitude: null,
      version: 1,
    });
    expect(both.status).toBe(200);
    expect(both.body.latitude).toBeUndefined();
  });
});

describe('search by name, alias, reference, phone or postcode', () => {
  it('finds an adult by alias or phone, a place by postcode and a young person by reference, spaces ignored', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const phone = `07700 9${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
    const adult = (
      await api.request<Row>(
        'POST',
        '/api/persons-of-interest',
        personOfInterestInput({ aliases: [`Test ${tag}`], phones: [phone] }),
      )
    ).body;
    const postcode = `ZZ${Math.floor(Math.random() * 90) + 10} ${Math.floor(Math.random() * 9)}QX`;
    const place = (await api.request<Row>('POST', '/api/locations', locationInput({ postcode }))).body;
    const child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput())).body;
    const ids = async (path: string, search: string) =>
      (await api.request<{ items: Row[] }>('GET', `${path}?search=${encodeURIComponent(search)}`)).body.items.map(
        (r) => r.id,
      );
    expect(await ids('/api/persons-of-interest', tag)).toEqual([adult.id]);
    expect(await ids('/api/persons-of-interest', phone.replace(' ', ''))).toEqual([adult.id]);
    expect(await ids('/api/locations', postcode.replace(' ', '').toLowerCase())).toContain(place.id);
    expect(await ids('/api/young-people', String(child.reference))).toEqual([child.id]);
  });

  it('never lets a member search young people by name', async () => {
    const member = await api.client('member');
    const child = (await api.request<Row>('POST', '/api/young-people', youngPersonInput())).body;
    const byName = await member.request<{ total: number }>(
      'GET',
      `/api/young-people?search=${encodeURIComponent(String(child.name))}`,
    );
    expect(byName.body.total).toBe(0);
    const byReference = await member.request<{ items: Row[] }>(
      'GET',
      `/api/young-people?search=${String(child.reference)}`,
    );
    expect(byReference.body.items.map((r) => r.id)).toEqual([child.id]);
  });
});
