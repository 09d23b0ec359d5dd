import { cypherForLabel } from '../graph-schema/cypher.ts';
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
 * graph-schema's declarations; every value travels in $rows. Records are stored as the entity and link
 * services store them: declared dates as DATE, version 1, createdBy, createdAt and updatedAt.
 *
 * Properties are spelled out in the CREATE rather than `SET n = row`: a SET after a CREATE makes the
 * planner add Eager steps that hold every row of the batch, which slowed loading several times over.
 * A property missing from a row is null, and CREATE stores no property for null.
 */

export function createNodes(declaration: AnyNodeDeclaration): string {
  const properties = propertyMap(['id', ...Object.keys(writableShape(declaration).shape)], declaration.dates);
  return cypherForLabel(
    `
UNWIND $rows AS row
CREATE (n:Entity:«Label» {${properties}})
RETURN count(n) AS created`,
    declaration.label,
  );
}

/** Both ends are found through the Entity id constraint's index; a row whose end is missing creates nothing. */
export function createLinks(declaration: AnyRelationshipDeclaration): string {
  if (relationshipDeclaration(declaration.type) !== declaration) throw new Error(`Undeclared type ${declaration.type}`);
  const properties = propertyMap(
    ['id', ...Object.keys(evidenceShape.shape), ...Object.keys(declaration.shape.shape)],
    [...evidenceDates, ...declaration.dates],
  );
  return `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:${declaration.type} {${properties}}]->(b)
RETURN count(r) AS created`;
}

function propertyMap(names: readonly string[], dates: readonly string[]): string {
  const entries = names.map((name) => {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`Unexpected property name ${name}`);
    return `${name}: ${dates.includes(name) ? `date(row.${name})` : `row.${name}`}`;
  });
  const system = ['version: 1', 'createdBy: $createdBy', 'createdAt: datetime()', 'updatedAt: datetime()'];
  return [...entries, ...system].join(', ');
}
