import { cypherForEachType } from '../../../graph-schema/cypher.ts';
import { nodeDeclarations } from '../../../graph-schema/index.ts';

/**
 * Cypher that fills the analysis mirror. Property names come from the schema's declarations alone: each
 * label's caption and pseudonym, the properties analyses rank, filter or bind adults by, and those searched.
 */

const recordProperties = [
  ...new Set([
    'id',
    ...nodeDeclarations.flatMap((declaration) => [declaration.caption, declaration.pseudonym ?? declaration.caption]),
    'reference',
    'levelOfConcern',
    'type',
    'knownPerpetrator',
    'archivedAt',
    'occurredOn',
    'gradingHandling',
    'phones',
    'vehicles',
    // What a name search looks in (see api/entities/record-search.ts).
    ...nodeDeclarations.flatMap((declaration) => declaration.searchable),
  ]),
];

/** Temporal values leave as ISO text: decoding a million of the driver's date objects costs seconds. */
const temporal = new Set(['archivedAt', 'occurredOn']);

const record = (n: string) =>
  `${n} {${recordProperties
    .map((p) => (temporal.has(p) ? `${p}: toString(${n}.${p})` : `.${p}`))
    .join(', ')}, label: [l IN labels(${n}) WHERE l <> 'Entity'][0]}`;

/** A link as one list, in the order of `linkColumns` (lists decode faster than maps, and there are many). */
const link = `[r.id, type(r), a.id, b.id, r.sourceAgency, r.sourceReference, r.gradingSource, r.gradingInformation,
  r.gradingHandling, toString(r.firstSeen), toString(r.lastSeen)] AS link`;

export const linkColumns = [
  'id',
  'type',
  'from',
  'to',
  'sourceAgency',
  'sourceReference',
  'gradingSource',
  'gradingInformation',
  'gradingHandling',
  'firstSeen',
  'lastSeen',
] as const;

export const allRecords = `
MATCH (n:Entity)
RETURN ${record('n')} AS record`;

export const recordsById = `
MATCH (n:Entity)
WHERE n.id IN $ids
RETURN ${record('n')} AS record`;

/** One link type at a time (the «TYPE» slot is filled from the schema), so no one result holds every link. */
export const linksOfType = `
MATCH (a:Entity)-[r:«TYPE»]->(b:Entity)
RETURN ${link}`;

/** One index seek per declared type: a relationship id index exists per type, not across types. */
export const linksById = cypherForEachType(`
MATCH (a:Entity)-[r:«TYPE»]->(b:Entity)
WHERE r.id IN $ids
RETURN ${link}`);
