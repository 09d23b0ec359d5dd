import { cypherForEachType } from '../../graph-schema/cypher.ts';

/**
 * Cypher for the import. Labels come from the schema ($label is checked against it, «TYPE» filled from it); every
 * value is a $parameter. A viewer without $policeIntelligence finds no record or link with handling code C.
 */

const visible = `($policeIntelligence OR coalesce(n.gradingHandling, 'P') <> 'C')`;
const labelOf = `[l IN labels(n) WHERE l <> 'Entity'][0]`;

/** Serialises imports: every commit takes this node's write lock first and holds it until it ends. */
export const lockImports = `
MERGE (m:PatmapMeta {key: 'import'})
SET m.lockedAt = datetime(), m.lockedBy = $username
RETURN m.key AS key`;

export const recordsById = `
MATCH (n:Entity) WHERE n.id IN $ids AND ${visible}
RETURN ${labelOf} AS label, n {.*} AS record`;

export const youngPeopleByReference = `
MATCH (n:YoungPerson) WHERE n.reference IN $references AND ${visible}
RETURN 'YoungPerson' AS label, n {.*} AS record`;

/** Names are few and records at most tens of thousands: one pass over the entities. */
export const recordsByName = `
MATCH (n:Entity) WHERE toLower(trim(coalesce(n.name, n.title, ''))) IN $names AND ${visible}
RETURN ${labelOf} AS label, n {.*} AS record`;

/** What the duplicate scorer reads of every record of one kind: the import's likely-duplicate check. */
export const duplicateCandidates = `
MATCH (n:$($label)) WHERE ${visible}
RETURN n {.id, .name, .title, .dateOfBirth, .aliases, .phones} AS record`;

export const linksById =
  'CALL () {\n' +
  cypherForEachType('MATCH (a:Entity)-[r:«TYPE»]->(b:Entity) WHERE r.id IN $ids RETURN a, r, b') +
  `
}
WITH a, r, b
WHERE $policeIntelligence OR (r.gradingHandling <> 'C'
  AND coalesce(a.gradingHandling, 'P') <> 'C' AND coalesce(b.gradingHandling, 'P') <> 'C')
RETURN r {.*, type: type(r), from: a.id, to: b.id} AS link`;

/** Links between the records a file names, so that a link without an id finds the one it stands for. */
export const linksBetween = `
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids AND r.id IS NOT NULL
  AND ($policeIntelligence OR (coalesce(r.gradingHandling, 'P') <> 'C'
    AND coalesce(a.gradingHandling, 'P') <> 'C' AND coalesce(b.gradingHandling, 'P') <> 'C'))
RETURN r {.*, type: type(r), from: a.id, to: b.id} AS link`;

/** archivedAt arrives as ISO text and is kept as a DATETIME, like the archive route's. */
export const createRecords = `
UNWIND $rows AS row
CREATE (n:Entity:$($label))
SET n = row, n.archivedAt = datetime(row.archivedAt), n.version = 1, n.createdBy = $username, n.createdAt = datetime(), n.updatedAt = datetime()
RETURN n {.*} AS record`;

/** Takes each node's write lock before comparing its version, so a change made since the plan is refused. */
export const updateRecords = `
UNWIND $rows AS row
MATCH (n:Entity {id: row.id}) WHERE $label IN labels(n)
SET n._lock = true
WITH n, row WHERE n.version = row.version
SET n += row.changes, n.version = n.version + 1, n.updatedAt = datetime(), n.updatedBy = $username
SET n.archivedAt = CASE WHEN row.changes.archivedAt IS NULL THEN n.archivedAt ELSE datetime(row.changes.archivedAt) END
REMOVE n._lock
RETURN n {.*} AS record`;

/** Takes a record's write lock and answers whether it is still at the version a change expects. */
export const atVersion = `
MATCH (n:Entity {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN n.version = $version AS current`;

export const createLinks = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
CREATE (a)-[r:«TYPE»]->(b)
SET r = row.properties, r.version = 1, r.createdBy = $username, r.createdAt = datetime(), r.updatedAt = datetime()
RETURN r {.*, type: type(r), from: a.id, to: b.id} AS link`;

export const updateLinks = `
UNWIND $rows AS row
MATCH (a:Entity)-[r:«TYPE» {id: row.id}]->(b:Entity)
SET r += row.changes, r.version = coalesce(r.version, 1) + 1, r.updatedAt = datetime(), r.updatedBy = $username
RETURN r {.*, type: type(r), from: a.id, to: b.id} AS link`;

/** After the level decision that archived an imported young person: the archive's time as its file gives it. */
export const keepArchivedAt = `
MATCH (n:YoungPerson {id: $id})
WITH n, n.archivedAt AS before
SET n.archivedAt = datetime($archivedAt)
RETURN before, n.archivedAt AS after`;
