export const demoState = `
OPTIONAL MATCH (meta:PatmapMeta {key: 'demo'})
CALL () { MATCH (n:Entity) RETURN count(n) > 0 AS hasData }
RETURN meta IS NOT NULL AS loadedBefore, hasData`;

export const markDemoLoaded = `
MERGE (meta:PatmapMeta {key: 'demo'})
SET meta.loadedAt = datetime()`;

/**
 * One batch of everything but the accounts and the audit log, which outlive any reload of the data.
 * Batched because one transaction deleting a large graph runs out of memory.
 */
export const wipeDataBatch = `
MATCH (n)
WHERE NOT n:User AND NOT n:UserSession AND NOT n:AuditEvent AND NOT n:AuditHead
WITH n LIMIT toInteger($limit)
DETACH DELETE n
RETURN count(*) AS deleted`;
