/**
 * Cypher for backup and restore. Every property travels with its Neo4j type, as valueType() names it, so that
 * a DATE comes back a DATE, a DATETIME a DATETIME and an INTEGER an INTEGER. Labels and types are copied from
 * the backup file, which only this command writes; they are passed as $parameters, never spliced into the text.
 */

/** Sessions are left out: they are live credentials, and a restored database starts with everyone signed out. */
const skipped = 'UserSession';

/**
 * The audit head's write lock, held to the end of the backup: every audited change takes it, so none can commit
 * while the backup reads (Neo4j reads are read-committed, not a snapshot, so this is what makes it consistent).
 */
export const lockAuditHead = `
OPTIONAL MATCH (head:AuditHead {key: 'audit'})
SET head._lock = true
RETURN head.seq AS seq, head.hash AS hash`;

export const unlockAuditHead = `
OPTIONAL MATCH (head:AuditHead {key: 'audit'})
REMOVE head._lock`;

/** A value as JSON can carry it: strings, booleans and floats as they are, anything else as its string form. */
const portable = (value: string) => `CASE
    WHEN ${value} IS :: STRING OR ${value} IS :: BOOLEAN OR ${value} IS :: FLOAT THEN ${value}
    WHEN ${value} IS :: LIST<ANY> THEN [x IN ${value} |
      CASE WHEN x IS :: STRING OR x IS :: BOOLEAN OR x IS :: FLOAT THEN x ELSE toString(x) END]
    ELSE toString(${value}) END`;

/** The head's own backup lock (set above) is not part of the data. */
const propertiesOf = (entity: string, isHead: string) =>
  `[key IN keys(${entity}) WHERE NOT (${isHead} AND key = '_lock') |
    {key: key, type: valueType(${entity}[key]), value: ${portable(`${entity}[key]`)}}]`;

/** One page of nodes after $after, in elementId order (a stable order within the transaction). */
export const nodesPage = `
MATCH (n)
WHERE NOT n:${skipped} AND elementId(n) > $after
WITH n ORDER BY elementId(n) LIMIT toInteger($limit)
RETURN elementId(n) AS key, labels(n) AS labels, ${propertiesOf('n', 'n:AuditHead')} AS properties`;

export const relationshipsPage = `
MATCH (a)-[r]->(b)
WHERE NOT a:${skipped} AND NOT b:${skipped} AND elementId(r) > $after
WITH a, r, b ORDER BY elementId(r) LIMIT toInteger($limit)
RETURN elementId(r) AS key, type(r) AS type, elementId(a) AS start, elementId(b) AS end,
  ${propertiesOf('r', 'false')} AS properties`;

export const countNodes = 'MATCH (n) RETURN count(n) AS nodes';

/** A value of Neo4j type TYPE back from its portable form. */
const typed = (type: string, value: string) => `CASE ${type}
    WHEN 'INTEGER' THEN toInteger(${value})
    WHEN 'FLOAT' THEN toFloat(${value})
    WHEN 'DATE' THEN date(${value})
    WHEN 'LOCAL DATETIME' THEN localdatetime(${value})
    WHEN 'ZONED DATETIME' THEN datetime(${value})
    WHEN 'LOCAL TIME' THEN localtime(${value})
    WHEN 'ZONED TIME' THEN time(${value})
    WHEN 'DURATION' THEN duration(${value})
    ELSE ${value} END`;

const restoredValue = `CASE WHEN p.list THEN [x IN p.value | ${typed('p.type', 'x')}] ELSE ${typed('p.type', 'p.value')} END`;

/**
 * A restore under way: made (in a transaction of its own) before the first node is written and removed after the
 * last step, so a restore cut short (the command killed, the machine down) is known by it afterwards, and whatever
 * the database holds then is what that restore wrote.
 */
export const beginRestore = `
CREATE (m:PatmapMeta {key: 'restore', file: $file, startedAt: datetime()})
RETURN m.key AS key`;

export const unfinishedRestore = `
MATCH (m:PatmapMeta {key: 'restore'})
RETURN m.file AS file, toString(m.startedAt) AS startedAt`;

export const endRestore = `
MATCH (m:PatmapMeta {key: 'restore'})
DELETE m
RETURN count(m) AS ended`;

/** Restored nodes carry a temporary label and key until their relationships are made. */
export const restoringIndex =
  'CREATE INDEX patmap_restoring_key IF NOT EXISTS FOR (n:PatmapRestoring) ON (n._restoreKey)';
export const dropRestoringIndex = 'DROP INDEX patmap_restoring_key IF EXISTS';

export const createNodes = `
UNWIND $nodes AS node
CREATE (n:PatmapRestoring {_restoreKey: node.key})
SET n:$(node.labels)
WITH n, node
CALL (n, node) {
  UNWIND node.properties AS p
  SET n[p.key] = ${restoredValue}
}
RETURN count(n) AS created`;

export const createRelationships = `
UNWIND $relationships AS rel
MATCH (a:PatmapRestoring {_restoreKey: rel.start}), (b:PatmapRestoring {_restoreKey: rel.end})
CREATE (a)-[r:$(rel.type)]->(b)
WITH r, rel
CALL (r, rel) {
  UNWIND rel.properties AS p
  SET r[p.key] = ${restoredValue}
}
RETURN count(r) AS created`;

export const finishRestoring = `
MATCH (n:PatmapRestoring)
WITH n LIMIT toInteger($limit)
REMOVE n:PatmapRestoring, n._restoreKey
RETURN count(n) AS finished`;

/**
 * Undoes a failed or unfinished restore: the database was empty before it began. The restore's marker goes last
 * (endRestore), so that a cleanup cut short is still known for what it was.
 */
export const removeSome = `
MATCH (n) WHERE NOT (n:PatmapMeta AND n.key = 'restore')
WITH n LIMIT toInteger($limit)
DETACH DELETE n
RETURN count(n) AS removed`;
