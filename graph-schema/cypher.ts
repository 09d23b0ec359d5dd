import { caseworkDeclarations } from './casework/index.ts';
import { entityLabel, nodeDeclarations, relationshipDeclarations } from './index.ts';

/** Labels the system keeps beside the declared ones (accounts, sessions, the audit log, saved views), and their keys. */
const systemKeys = [
  ['User', 'username'],
  ['UserSession', 'id'],
  ['AuditEvent', 'seq'],
  ['AuditHead', 'key'],
  ['PatmapMeta', 'key'],
  ['SavedView', 'id'],
] as const;

/**
 * The constraints and indexes the schema implies, as idempotent Cypher statements. Labels, types and
 * property names come from the declarations alone, never from user input.
 */
export function schemaStatements(): string[] {
  const statements = [`CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:${entityLabel}) REQUIRE n.id IS UNIQUE`];
  for (const node of nodeDeclarations) {
    for (const property of node.unique) {
      statements.push(
        `CREATE CONSTRAINT ${snake(node.label)}_${snake(property)}_unique IF NOT EXISTS ` +
          `FOR (n:${node.label}) REQUIRE n.${property} IS UNIQUE`,
      );
    }
    for (const property of node.indexed) {
      statements.push(
        `CREATE INDEX ${snake(node.label)}_${snake(property)} IF NOT EXISTS FOR (n:${node.label}) ON (n.${property})`,
      );
    }
  }
  for (const relationship of relationshipDeclarations) {
    const name = snake(relationship.type);
    statements.push(
      `CREATE CONSTRAINT ${name}_id_unique IF NOT EXISTS FOR ()-[r:${relationship.type}]-() REQUIRE r.id IS UNIQUE`,
      `CREATE INDEX ${name}_first_seen IF NOT EXISTS FOR ()-[r:${relationship.type}]-() ON (r.firstSeen)`,
    );
  }
  for (const casework of caseworkDeclarations) {
    statements.push(
      `CREATE CONSTRAINT ${snake(casework.label)}_id_unique IF NOT EXISTS FOR (n:${casework.label}) REQUIRE n.id IS UNIQUE`,
    );
    for (const property of casework.indexed) {
      statements.push(
        `CREATE INDEX ${snake(casework.label)}_${snake(property)} IF NOT EXISTS FOR (n:${casework.label}) ON (n.${property})`,
      );
    }
  }
  for (const [label, key] of systemKeys) {
    statements.push(
      `CREATE CONSTRAINT ${snake(label)}_${snake(key)}_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.${key} IS UNIQUE`,
    );
  }
  for (const name of retiredIndexes) statements.push(`DROP INDEX ${name} IF EXISTS`);
  return statements;
}

/**
 * Indexes earlier versions made that nothing reads any more, dropped where a database still has them: every
 * write to a record of their labels paid for them. `entity_search` was a full-text index over the searchable
 * properties; name search reads the analysis mirror instead (api/entities/record-search.ts).
 */
export const retiredIndexes = ['entity_search'] as const;

function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/__+/g, '_')
    .toLowerCase();
}

const labelSlot = '«Label»';
const typeSlot = '«TYPE»';

/**
 * A query for one declared label, so the planner can use that label's indexes (a `$($label)` parameter
 * cannot be planned that way). The label is checked against the schema before it is put in.
 */
export function cypherForLabel(query: string, label: string): string {
  if (!nodeDeclarations.some((node) => node.label === label)) throw new Error(`Undeclared node label ${label}`);
  return query.replaceAll(labelSlot, label);
}

/** A query for one declared relationship type, checked against the schema before it is put in. */
export function cypherForType(query: string, type: string): string {
  if (!relationshipDeclarations.some((relationship) => relationship.type === type)) {
    throw new Error(`Undeclared relationship type ${type}`);
  }
  return query.replaceAll(typeSlot, type);
}

/** The same query once per declared relationship type, joined by UNION ALL, for index seeks on each type. */
export function cypherForEachType(query: string): string {
  return relationshipDeclarations.map((relationship) => cypherForType(query, relationship.type)).join('\nUNION ALL\n');
}
