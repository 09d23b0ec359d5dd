import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../api/auth/viewer.ts';
import { connectGraph, type Graph } from '../../api/db/neo4j.ts';
import { caseworkStore, presentCasework } from '../../api/operations/casework/casework-store.ts';
import { action, disruption, meeting } from '../../graph-schema/casework/index.ts';

let graph: Graph;
const analyst: Actor = { username: 'analyst', role: 'analyst' };
const actions = caseworkStore(action);
const meetings = caseworkStore(meeting);
const disruptions = caseworkStore(disruption);

async function youngPerson(handling: 'P' | 'C' = 'P'): Promise<string> {
  const id = crypto.randomUUID();
  await graph.write(
    `CREATE (:Entity:YoungPerson {id: $id, reference: $reference, name: 'Casework Test', levelOfConcern: 2,
      legalStatus: 'none', gradingHandling: $handling, version: 1})`,
    { id, reference: `CW-${Math.floor(Math.random() * 1e8)}`, handling },
  );
  return id;
}

const newAction = (target: string) => ({
  properties: {
    what: 'Visit the young person at school',
    ownerName: 'Social Worker One',
    ownerAgency: "Children's Social Care",
    dueOn: '2026-12-15',
    status: 'open',
    category: 'protect',
  },
  links: { TARGETS: target },
});

beforeAll(() => {
  graph = connectGraph(inject('neo4j'));
});
afterAll(async () => {
  await graph?.close();
});

describe('the casework store', () => {
  it('creates a node linked to its subject, keeps dates as DATE, and audits the creation', async () => {
    const subject = await youngPerson();
    const created = await graph.writeTransaction((tx) => actions.create(tx, newAction(subject), analyst));
    expect(created).toMatchObject({ version: 1, createdBy: 'analyst', dueOn: '2026-12-15', status: 'open' });
    const [row] = await graph.read<{ isDate: boolean; subject: string; audited: number }>(
      `MATCH (a:Action {id: $id})-[:TARGETS]->(s)
       OPTIONAL MATCH (e:AuditEvent {subjectId: $id, action: 'create'})
       RETURN a.dueOn IS :: DATE AS isDate, s.id AS subject, count(e) AS audited`,
      { id: created.id },
    );
    expect(row).toEqual({ isDate: true, subject, audited: 1 });
  });

  it('keeps lists of objects as JSON and gives them back as lists', async () => {
    const created = await graph.writeTransaction((tx) =>
      meetings.create(
        tx,
        {
          properties: {
            heldOn: '2026-12-03',
            title: 'CSE Operations Group',
            chair: 'Chair Person',
            attendees: [{ name: 'Officer One', agency: 'Police' }],
            learningLinks: [],
          },
          links: {},
        },
        analyst,
      ),
    );
    const read = await graph.writeTransaction((tx) => meetings.get(tx, created.id));
    expect(read.attendees).toEqual([{ name: 'Officer One', agency: 'Police' }]);
  });

  it('refuses a link to a record that does not exist, writing nothing', async () => {
    const missing = crypto.randomUUID();
    const before = await graph.read<{ n: number }>('MATCH (a:Action) RETURN count(a) AS n');
    await expect(graph.writeTransaction((tx) => actions.create(tx, newAction(missing), analyst))).rejects.toMatchObject(
      {
        status: 404,
      },
    );
    const after = await graph.read<{ n: number }>('MATCH (a:Action) RETURN count(a) AS n');
    expect(after).toEqual(before);
  });

  it('refuses a link to a label the declaration does not allow', async () => {
    const subject = await youngPerson();
    const input = {
      properties: { tactic: 'anpr-marker', agency: 'Police', servedOn: '2026-11-01', breaches: [] },
      links: { DISRUPTS: subject },
    };
    await expect(graph.writeTransaction((tx) => disruptions.create(tx, input, analyst))).rejects.toMatchObject({
      status: 404,
    });
  });

  it('lets only police link to a police-only record', async () => {
    const hidden = await youngPerson('C');
    await expect(graph.writeTransaction((tx) => actions.create(tx, newAction(hidden), analyst))).rejects.toMatchObject({
      status: 404,
    });
    const police: Actor = { username: 'police', role: 'police' };
    const created = await graph.writeTransaction((tx) => actions.create(tx, newAction(hidden), police));
    expect(created.id).toBeTruthy();
  });

  it('updates with the current version, and answers 409 with the current node to a stale one', async () => {
    const subject = await youngPerson();
    const created = await graph.writeTransaction((tx) => actions.create(tx, newAction(subject), analyst));
    const done = await graph.writeTransaction((tx) =>
      actions.update(tx, created.id, { version: 1, changes: { status: 'done', completedOn: '2026-12-10' } }, analyst),
    );
    expect(done).toMatchObject({ version: 2, status: 'done', completedOn: '2026-12-10', updatedBy: 'analyst' });
    await expect(
      graph.writeTransaction((tx) =>
        actions.update(tx, created.id, { version: 1, changes: { status: 'cancelled' } }, analyst),
      ),
    ).rejects.toMatchObject({ status: 409, details: { currentVersion: 2 } });
  });

  it('refuses an update its rule does not allow, changing nothing', async () => {
    const subject = await youngPerson();
    const created = await graph.writeTransaction((tx) => actions.create(tx, newAction(subject), analyst));
    const refuse = () => {
      throw Object.assign(new Error('closed'), { status: 409 });
    };
    await expect(
      graph.writeTransaction((tx) =>
        actions.update(tx, created.id, { version: 1, changes: { status: 'done' }, allow: refuse }, analyst),
      ),
    ).rejects.toThrow('closed');
    const read = await graph.writeTransaction((tx) => actions.get(tx, created.id));
    expect(read).toMatchObject({ version: 1, status: 'open' });
  });

  it('hides the properties that may identify a child from viewers without names', async () => {
    const subject = await youngPerson();
    const created = await graph.writeTransaction((tx) => actions.create(tx, newAction(subject), analyst));
    const shown = presentCasework(action, created, { names: false, policeIntelligence: false, revealed: new Set() });
    expect(shown.what).toBeUndefined();
    expect(shown).toMatchObject({ pseudonymised: true, ownerName: 'Social Worker One' });
  });
});
