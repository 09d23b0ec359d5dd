import { linkCounts, linkEvidence, recordCounts, recordWithLabel } from './filters.ts';

/**
 * Cypher for given records and the links among them, as the analyses count them (the meeting pack's network
 * reads its hotspots' and groups' records with it); the analyses themselves run on the in-memory mirror
 * (mirror/, walks.ts). Every query takes the filter parameters of filters.ts, so a link the viewer may not
 * see, or that falls outside the window or the grading, is never matched.
 */

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
