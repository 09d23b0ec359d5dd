import { linkCounts, linkEvidence, recordCounts, recordWithLabel } from './filters.ts';

/**
 * Cypher for the analyses that walk a few hops out from given records (paths, neighbourhoods); the
 * whole-network rankings run on the in-memory mirror instead (mirror/). Every query takes the filter
 * parameters of filters.ts, so a link the viewer may not see, or that falls outside the window or the
 * grading, is never matched and never walked through.
 */

/** The two ends of a path, if the viewer may see them. */
export const endpoints = `
MATCH (n:Entity)
WHERE n.id IN [$source, $target] AND ${recordCounts('n')}
RETURN n.id AS id`;

/**
 * Shortest paths through links and records that count. Six hops is the hard bound of the search; the
 * caller's $maxHops (at most six) cuts it shorter.
 */
export const shortestPaths = `
MATCH (s:Entity {id: $source}), (t:Entity {id: $target})
MATCH path = ALL SHORTEST (s) ((a)-[r]-(b) WHERE ${linkCounts('r')} AND ${recordCounts('b')}){1,6} (t)
WHERE length(path) <= $maxHops
WITH path, [n IN nodes(path) | n.id] AS ids
ORDER BY ids
LIMIT toInteger($limit) + 1
RETURN [n IN nodes(path) | ${recordWithLabel('n')}] AS nodes, [r IN relationships(path) | ${linkEvidence('r')}] AS links`;

/** The records one hop from a frontier, through links that count. */
export const nextHop = `
MATCH (a:Entity)-[r]-(b:Entity)
WHERE a.id IN $frontier AND NOT b.id IN $seen AND ${linkCounts('r')} AND ${recordCounts('b')}
RETURN DISTINCT b.id AS id
ORDER BY id
LIMIT toInteger($limit)`;

export const recordsById = `
MATCH (n:Entity)
WHERE n.id IN $ids AND ${recordCounts('n')}
RETURN ${recordWithLabel('n')} AS record`;

export const linksAmong = `
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids AND ${linkCounts('r')}
WITH r ORDER BY r.id
LIMIT toInteger($linkLimit) + 1
RETURN ${linkEvidence('r')} AS link`;
