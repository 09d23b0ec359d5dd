import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectGraph, type Graph } from '../../api/db/neo4j.ts';
import { applySchema } from '../../api/db/schema.ts';
import { retiredIndexes } from '../../graph-schema/cypher.ts';

let graph: Graph;

beforeAll(() => {
  graph = connectGraph(inject('neo4j'));
});

afterAll(async () => {
  await graph?.close();
});

const indexNames = async () =>
  (await graph.read<{ name: string }>('SHOW INDEXES YIELD name RETURN name')).map((row) => row.name);

describe('applying the schema', () => {
  it('drops the full-text index earlier versions made, and keeps the declared ones', async () => {
    // As a database made before search moved to the analysis mirror has it.
    await graph.write(
      'CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:YoungPerson|PersonOfInterest|Location) ON EACH [n.name]',
    );
    expect(await indexNames()).toContain('entity_search');

    await applySchema(graph);

    const names = await indexNames();
    for (const retired of retiredIndexes) expect(names).not.toContain(retired);
    expect(names).toContain('entity_id_unique');
    // Applying it again changes nothing and fails on nothing.
    await applySchema(graph);
    expect((await indexNames()).sort()).toEqual([...names].sort());
  });
});
