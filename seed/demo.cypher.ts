export const demoState = `
OPTIONAL MATCH (meta:PatmapMeta {key: 'demo'})
CALL () { MATCH (n:Entity) RETURN count(n) > 0 AS hasData }
RETURN meta IS NOT NULL AS loadedBefore, hasData`;

export const markDemoLoaded = `
MERGE (meta:PatmapMeta {key: 'demo'})
SET meta.loadedAt = datetime()`;

export const wipeEverything = `
MATCH (n)
DETACH DELETE n`;
