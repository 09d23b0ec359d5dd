import { checkedPropertyName, cypherForLabel } from '../graph-schema/cypher.ts';
import { evidenceDates } from '../graph-schema/evidence.ts';
import {
  type AnyNodeDeclaration,
  type AnyRelationshipDeclaration,
  evidenceShape,
  relationshipDeclaration,
} from '../graph-schema/index.ts';
import { writableShape } from '../graph-schema/records.ts';

/**
 * Cypher for loading a synthetic network in batches: one statement per label and per link type, so
 * each is planned once with the label or type written in. Labels, types and property names come from
 * graph-schema's declarations; every value travels in $rows (and a batch of links' ends in $ends).
 * Records are stored as the entity and link services store them: declared dates as DATE, version 1,
 * createdBy, createdAt and updatedAt.
 *
 * Properties are spelled out in the CREATE rather than `SET n = row`: a SET after a CREATE makes the
 * planner add Eager steps that hold every row of the batch, which slowed loading several times over.
 * A property missing from a row is null, and CREATE stores no property for null.
 *
 * Each row is a list of values in the order of the statement's columns, not a map: a map repeats its
 * keys in every row, for the driver to pack and Neo4j to unpack, and that cost the loader about a third
 * of its Node CPU per link.
 */
export interface BatchStatement {
  query: string;
  /** The statement's parameters for one batch of records, besides $createdBy. */
  parameters(records: readonly object[]): Record<string, unknown>;
}

export function createNodes(declaration: AnyNodeDeclaration): BatchStatement {
  const columns = ['id', ...Object.keys(writableShape(declaration).shape)];
  const query = cypherForLabel(
    `
UNWIND $rows AS row
CREATE (n:Entity:«Label» {${propertyMap(columns, declaration.dates)}})
RETURN count(n) AS created`,
    declaration.label,
  );
  return { query, parameters: (records) => ({ rows: records.map((record) => rowOf(columns, record)) }) };
}

/**
 * Each record a batch's links join is found once, through the Entity id constraint's index, and a row
 * names its ends by their positions in $ends: in a batch of 5,000 links a third of the ends recur, and
 * each seek takes a lock. If any end is missing the batch creates nothing, and the loader says so.
 */
export function createLinks(declaration: AnyRelationshipDeclaration): BatchStatement {
  if (relationshipDeclaration(declaration.type) !== declaration) throw new Error(`Undeclared type ${declaration.type}`);
  const properties = ['id', ...Object.keys(evidenceShape.shape), ...Object.keys(declaration.shape.shape)];
  const columns = ['from', 'to', ...properties];
  const query = `
UNWIND range(0, size($ends) - 1) AS i
MATCH (n:Entity {id: $ends[i]})
WITH i, n ORDER BY i
WITH collect(n) AS ends
WHERE size(ends) = size($ends)
UNWIND $rows AS row
WITH ends[toInteger(row[0])] AS a, ends[toInteger(row[1])] AS b, row
CREATE (a)-[r:${declaration.type} {${propertyMap(columns, [...evidenceDates, ...declaration.dates], 2)}}]->(b)
RETURN count(r) AS created`;
  return {
    query,
    parameters: (records) => {
      const position = new Map<string, number>();
      const at = (id: unknown) => {
        const key = id as string;
        let found = position.get(key);
        if (found === undefined) {
          found = position.size;
          position.set(key, found);
        }
        return found;
      };
      const rows = records.map((record) => {
        const row = rowOf(columns, record);
        row[0] = at(row[0]);
        row[1] = at(row[1]);
        return row;
      });
      return { ends: [...position.keys()], rows };
    },
  };
}

/** A record as one row of a statement: its values in the statement's column order, null where it has none. */
function rowOf(columns: readonly string[], record: object): unknown[] {
  const values = record as Readonly<Record<string, unknown>>;
  return columns.map((column) => values[column] ?? null);
}

/** The CREATE's property map for `columns` from `first` on, each read from its position in the row. */
function propertyMap(columns: readonly string[], dates: readonly string[], first = 0): string {
  const entries = columns.slice(first).map((name, i) => {
    checkedPropertyName(name);
    const value = `row[${first + i}]`;
    return `${name}: ${dates.includes(name) ? `date(${value})` : value}`;
  });
  const system = ['version: 1', 'createdBy: $createdBy', 'createdAt: datetime()', 'updatedAt: datetime()'];
  return [...entries, ...system].join(', ');
}
