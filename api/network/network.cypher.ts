/** Cypher for the chart's elements: the entities, then the links between them seen in the window. */

/** `n.id IS NOT NULL` lets the planner walk the id index in order and stop at the limit, not sort every record. */
export const networkNodes = `
MATCH (n:Entity)
WHERE n.id IS NOT NULL AND ($includeArchived OR n.archivedAt IS NULL)
  AND ($policeIntelligence OR coalesce(n.gradingHandling, 'P') <> 'C')
WITH n ORDER BY n.id
LIMIT toInteger($limit)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n {.*} AS record`;

export const networkLinks = `
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
  AND ($policeIntelligence OR r.gradingHandling <> 'C')
  AND ($from IS NULL OR coalesce(r.lastSeen, r.firstSeen) >= date($from))
  AND ($to IS NULL OR r.firstSeen <= date($to))
WITH a, r, b ORDER BY r.id
LIMIT toInteger($linkLimit)
RETURN r {.*, type: type(r), from: a.id, to: b.id} AS link`;
