import { caseworkDeclarations } from './casework/index.ts';
import { evidenceDates } from './evidence.ts';
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

/** A property name as written into Cypher: letters and digits only, as the schema declares them. */
export function checkedPropertyName(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`Unexpected property name ${name}`);
  return name;
}

/** The temporal properties of a link: DATE values, and instants (ZONED DATETIME) the system stamps. */
export interface Temporals {
  dates: readonly string[];
  instants: readonly string[];
}

/** What every link's temporal properties are: its evidence dates, its type's own dates, and the system's stamps. */
export const linkTemporals: Temporals = {
  dates: [...new Set([...evidenceDates, ...relationshipDeclarations.flatMap((relationship) => relationship.dates)])],
  instants: ['createdAt', 'updatedAt'],
};

/**
 * A map projection of every property of `variable`, with its temporal ones sent as the ISO text the API answers
 * with: a DATE as YYYY-MM-DD, an instant in UTC to the millisecond as `Date#toISOString` writes it (Neo4j's own
 * `toString` drops a fraction's trailing zeros). The driver turns a temporal value into an object through its 64-bit
 * integer emulation: measured on a record's 50 links at 20 callers at once, the app spent 1.73-1.89 ms of CPU a
 * request with the links' temporals as values, 0.76-0.84 ms as text, and Neo4j about the same either way. It is used
 * for links only: a single record has few temporals, and with the CASE for every label's dates a record read cost
 * more (0.66-0.74 ms of the app's CPU against 0.49-0.55, Neo4j's 0.44-0.54 against 0.30-0.40). A temporal property a record
 * does not have comes back null, where `.*` leaves it out: read the map through `withoutNulls` (`.*` itself never
 * gives a null, as Neo4j stores none). A value of another type than declared goes as it is.
 */
export function plainProjection(variable: string, temporals: Temporals, extra: readonly string[] = []): string {
  const property = (name: string) => `${variable}.${checkedPropertyName(name)}`;
  const dates = temporals.dates.map((name) => {
    const value = property(name);
    return `${name}: CASE WHEN ${value} IS :: DATE NOT NULL THEN toString(${value}) ELSE ${value} END`;
  });
  const instants = temporals.instants.map((name) => {
    const value = property(name);
    const second = `substring(toString(datetime.truncate('second', datetime({epochMillis: ${value}.epochMillis}))), 0, 19)`;
    const millisecond = `right('00' + toString(${value}.millisecond), 3)`;
    return `${name}: CASE WHEN ${value} IS :: ZONED DATETIME NOT NULL THEN ${second} + '.' + ${millisecond} + 'Z' ELSE ${value} END`;
  });
  return `${variable} {${['.*', ...dates, ...instants, ...extra].join(', ')}}`;
}
