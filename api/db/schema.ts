import { schemaStatements } from '../../graph-schema/cypher.ts';
import type { Graph } from './neo4j.ts';

/** Applies the constraints and indexes the schema declares; safe to run at every start. */
export async function applySchema(graph: Graph): Promise<void> {
  for (const statement of schemaStatements()) {
    await graph.write(statement);
  }
  await graph.write('CALL db.awaitIndexes(120)');
}
