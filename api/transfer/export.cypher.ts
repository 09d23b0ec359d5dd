/**
 * Cypher for the export: the records of the chosen labels, then the links between them seen in the window. A viewer
 * without $policeIntelligence gets no record or link with handling code C.
 */

export const exportRecords = `
MATCH (n:Entity)
WHERE (size($labels) = 0 OR any(label IN labels(n) WHERE label IN $labels))
  AND ($includeArchived OR n.archivedAt IS NULL)
  AND ($policeIntelligence OR coalesce(n.gradingHandling, 'P') <> 'C')
WITH n, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
ORDER BY label, n.id
RETURN label, n {.*} AS record`;

export const exportLinks = `
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
  AND ($policeIntelligence OR r.gradingHandling <> 'C')
  AND ($from IS NULL OR coalesce(r.lastSeen, r.firstSeen) >= date($from))
  AND ($to IS NULL OR r.firstSeen <= date($to))
WITH a, r, b ORDER BY type(r), r.id
RETURN r {.*, type: type(r), from: a.id, to: b.id,
  fromLabel: [l IN labels(a) WHERE l <> 'Entity'][0], toLabel: [l IN labels(b) WHERE l <> 'Entity'][0]} AS link`;
