import { cypherForEachType, linkTemporals, plainProjection } from '../../graph-schema/cypher.ts';

/**
 * Cypher for the link service. $type is checked against the schema before a link is created. A viewer
 * without $policeIntelligence sees no link with handling code C, nor any link to a record with it.
 */

/** A link r from a to b as the API answers with it (dates as text: read it through `withoutNulls`). */
const link = plainProjection('r', linkTemporals, [
  'type: type(r)',
  'from: a.id',
  'to: b.id',
  "fromLabel: [l IN labels(a) WHERE l <> 'Entity'][0]",
  "toLabel: [l IN labels(b) WHERE l <> 'Entity'][0]",
]);

export const linkEndpoints = `
MATCH (n:Entity)
WHERE n.id IN [$from, $to]
  AND ($policeIntelligence OR coalesce(n.gradingHandling, 'P') <> 'C')
RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Entity'][0] AS label`;

export const createLink = `
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:$($type)]->(b)
SET r = $properties, r.createdAt = datetime(), r.updatedAt = datetime()
RETURN ${link} AS link`;

/**
 * The link with id $id as a, r, b, if the viewer may see it. One index seek per declared type: a relationship id
 * index exists per type, not across types.
 */
const visibleLinkById = `CALL () {
${cypherForEachType('MATCH (a:Entity)-[r:«TYPE» {id: $id}]->(b:Entity) RETURN a, r, b')}
}
WITH a, r, b
WHERE $policeIntelligence OR (r.gradingHandling <> 'C'
  AND coalesce(a.gradingHandling, 'P') <> 'C' AND coalesce(b.gradingHandling, 'P') <> 'C')`;

export const getLink = `${visibleLinkById}
RETURN ${link} AS link`;

/** The link, once this transaction holds its write lock: its version cannot change before the transaction ends. */
export const lockLink = `${visibleLinkById}
SET r._lock = true
REMOVE r._lock
RETURN ${link} AS link`;

export const deleteLink = `${visibleLinkById}
DELETE r
RETURN count(*) AS deleted`;

export const linksOfEntity = `
MATCH (n:Entity {id: $entity})-[r]-(m:Entity)
WHERE ($type IS NULL OR type(r) = $type)
  AND ($policeIntelligence OR (r.gradingHandling <> 'C'
    AND coalesce(n.gradingHandling, 'P') <> 'C' AND coalesce(m.gradingHandling, 'P') <> 'C'))
WITH r, startNode(r) AS a, endNode(r) AS b
ORDER BY r.firstSeen DESC, r.id
WITH collect(${link}) AS matched
RETURN size(matched) AS total, matched[toInteger($offset)..toInteger($offset + $limit)] AS items`;

export const allLinks = `
MATCH (a:Entity)-[r]->(b:Entity)
WHERE ($type IS NULL OR type(r) = $type)
  AND ($policeIntelligence OR (r.gradingHandling <> 'C'
    AND coalesce(a.gradingHandling, 'P') <> 'C' AND coalesce(b.gradingHandling, 'P') <> 'C'))
WITH r, a, b
ORDER BY r.firstSeen DESC, r.id
WITH collect(${link}) AS matched
RETURN size(matched) AS total, matched[toInteger($offset)..toInteger($offset + $limit)] AS items`;
