import { linkCounts, linkEvidence, recordCounts, recordWithLabel } from '../../api/analysis/filters.ts';

/**
 * The whole-network analyses as Cypher alone: how patmap answered them before the in-memory mirror. The
 * differential test checks the mirror gives the same answers on a synthetic network, and the benchmark
 * times them beside the mirror. Every query takes the filter parameters of api/analysis/filters.ts.
 */

/**
 * How a link weighs: source evaluation and information assessment as the 3x5x2 grading describes them,
 * then halved for every $halfLifeDays since it was last seen before $asOf. Kept in Cypher so the weights
 * leave the database as one number per link.
 */
const weight = (r: string) => `
  CASE ${r}.gradingSource WHEN 1 THEN 1.0 WHEN 2 THEN 0.75 ELSE 0.5 END
  * CASE ${r}.gradingInformation WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.8 WHEN 'C' THEN 0.6 WHEN 'D' THEN 0.4 ELSE 0.2 END
  * 0.5 ^ (CASE WHEN coalesce(${r}.lastSeen, ${r}.firstSeen) > $asOf THEN 0
      ELSE duration.inDays(coalesce(${r}.lastSeen, ${r}.firstSeen), $asOf).days END / toFloat($halfLifeDays))`;

/** Persons of interest linked to at least $minYoungPeople young people, most and highest levels first. */
export const sharedAdults = `
MATCH (p:PersonOfInterest)-[r]-(y:YoungPerson)
WHERE ${linkCounts('r')} AND ${recordCounts('p')} AND ${recordCounts('y')}
WITH p, y, collect(r) AS links, max(coalesce(r.lastSeen, r.firstSeen)) AS seen
WITH p, collect({y: y, links: links}) AS pairs, max(seen) AS lastSeen,
  sum(CASE WHEN y.levelOfConcern IN [1, 2, 3] THEN y.levelOfConcern ELSE 0 END) AS levelScore
WHERE size(pairs) >= $minYoungPeople
ORDER BY size(pairs) DESC, levelScore DESC, lastSeen DESC, p.id
LIMIT toInteger($limit) + 1
CALL (pairs) {
  UNWIND pairs AS pair
  WITH pair.y AS y, pair.links AS links
  RETURN collect({youngPerson: ${recordWithLabel('y')}, links: [r IN links | ${linkEvidence('r')}]}) AS ties
}
RETURN ${recordWithLabel('p')} AS adult, size(pairs) AS youngPeople, levelScore, lastSeen, ties`;

/** Locations ranked by the people tied to them, with the most recent sighting. */
export const hotspots = `
MATCH (x:Entity)-[r]-(l:Location)
WHERE (x:YoungPerson OR x:PersonOfInterest) AND ${linkCounts('r')} AND ${recordCounts('x')} AND ${recordCounts('l')}
WITH l, x, collect(DISTINCT type(r)) AS ties, max(coalesce(r.lastSeen, r.firstSeen)) AS seen
ORDER BY seen DESC, x.id
WITH l, max(seen) AS lastSeen,
  collect(CASE WHEN x:YoungPerson THEN {x: x, ties: ties, seen: seen} END) AS youngPeople,
  collect(CASE WHEN x:PersonOfInterest THEN {x: x, ties: ties, seen: seen} END) AS adults
WHERE size(youngPeople) >= $minYoungPeople AND size(youngPeople) + size(adults) >= $minPeople
ORDER BY size(youngPeople) + size(adults) DESC, size(youngPeople) DESC, lastSeen DESC, l.id
LIMIT toInteger($limit) + 1
CALL (youngPeople) {
  UNWIND youngPeople[0..toInteger($memberLimit)] AS e
  WITH e.x AS x, e.ties AS ties, e.seen AS seen
  RETURN collect({record: ${recordWithLabel('x')}, ties: ties, lastSeen: seen}) AS shownYoungPeople
}
CALL (adults) {
  UNWIND adults[0..toInteger($memberLimit)] AS e
  WITH e.x AS x, e.ties AS ties, e.seen AS seen
  RETURN collect({record: ${recordWithLabel('x')}, ties: ties, lastSeen: seen}) AS shownAdults
}
RETURN ${recordWithLabel('l')} AS location, lastSeen, size(youngPeople) AS youngPeopleCount, size(adults) AS adultCount,
  shownYoungPeople AS youngPeople, shownAdults AS adults`;

/**
 * PAT triangles: a young person and a person of interest both tied to one location. A triangle is as
 * recent as the older of its two sides; "linked" says the adult is also tied to the young person directly.
 * A place with more than $hubLimit links the viewer may see (a shopping centre, a station) is left out: its triangles are
 * every visitor times every other, which says little and costs much; hotspots rank such places instead.
 */
export const triangles = `
MATCH (l:Location)
WHERE ${recordCounts('l')} AND COUNT { (l)-[h]-() WHERE h.gradingHandling <> 'C' OR $policeIntelligence } <= $hubLimit
MATCH (y:YoungPerson)-[ry]-(l)-[rp]-(p:PersonOfInterest)
WHERE ${linkCounts('ry')} AND ${linkCounts('rp')} AND ${recordCounts('y')} AND ${recordCounts('p')}
WITH y, l, p, collect(DISTINCT ry) AS youngPersonLinks, collect(DISTINCT rp) AS adultLinks,
  max(coalesce(ry.lastSeen, ry.firstSeen)) AS youngPersonSeen, max(coalesce(rp.lastSeen, rp.firstSeen)) AS adultSeen
WITH y, l, p, youngPersonLinks, adultLinks,
  CASE WHEN youngPersonSeen < adultSeen THEN youngPersonSeen ELSE adultSeen END AS seen,
  CASE WHEN y.levelOfConcern IN [1, 2, 3] THEN y.levelOfConcern ELSE 0 END AS level
WHERE level >= $minLevel
  AND (NOT $linkedOnly OR EXISTS { (y)-[d]-(p) WHERE ${linkCounts('d')} })
ORDER BY level DESC, seen DESC, y.id, p.id, l.id
LIMIT toInteger($limit) + 1
RETURN ${recordWithLabel('y')} AS youngPerson, ${recordWithLabel('p')} AS adult, ${recordWithLabel('l')} AS location, seen,
  [r IN youngPersonLinks | ${linkEvidence('r')}] AS youngPersonLinks,
  [r IN adultLinks | ${linkEvidence('r')}] AS adultLinks,
  [(y)-[d]-(p) WHERE ${linkCounts('d')} | ${linkEvidence('d')}] AS directLinks`;

/** Adults' ties to young people and places, grouped by the young person or place they share. */
export const adultTies = `
MATCH (p:PersonOfInterest)-[r]-(o:Entity)
WHERE (o:YoungPerson OR o:Location) AND ${linkCounts('r')} AND ${recordCounts('p')} AND ${recordCounts('o')}
WITH o, p, max(${weight('r')}) AS w
WITH o, collect(p.id) AS adults, collect(w) AS weights
WHERE size(adults) >= 2
RETURN o.id AS via, CASE WHEN o:YoungPerson THEN 'young-person' ELSE 'location' END AS kind, adults, weights`;

/** Direct links between adults (associates, family). */
export const adultLinks = `
MATCH (a:PersonOfInterest)-[r]->(b:PersonOfInterest)
WHERE ${linkCounts('r')} AND ${recordCounts('a')} AND ${recordCounts('b')}
RETURN a.id AS source, b.id AS target, ${weight('r')} AS weight, r.id AS link, type(r) AS type`;

/** Adults' phones and vehicles: the same number or registration on two records binds them. */
export const adultIdentifiers = `
MATCH (p:PersonOfInterest)
WHERE ${recordCounts('p')} AND (size(coalesce(p.phones, [])) > 0 OR size(coalesce(p.vehicles, [])) > 0)
RETURN p.id AS adult, coalesce(p.phones, []) AS phones, coalesce(p.vehicles, []) AS vehicles`;

/** Every counted link between records of the projected labels, one row per link. */
export const projectionLinks = `
MATCH (a:Entity)-[r]->(b:Entity)
WHERE any(l IN labels(a) WHERE l IN $labels) AND any(l IN labels(b) WHERE l IN $labels)
  AND ${linkCounts('r')} AND ${recordCounts('a')} AND ${recordCounts('b')}
RETURN a.id AS source, b.id AS target, ${weight('r')} AS weight,
  a:PersonOfInterest AS sourceIsAdult, b:PersonOfInterest AS targetIsAdult`;

/** The young people and locations each adult of a group is tied to, for the group's own story. */
export const groupContext = `
MATCH (p:PersonOfInterest)-[r]-(o:Entity)
WHERE p.id IN $members AND (o:YoungPerson OR o:Location)
  AND ${linkCounts('r')} AND ${recordCounts('o')}
WITH o, p, collect(${linkEvidence('r')}) AS links
WITH o, collect({adult: p.id, links: links}) AS ties
RETURN ${recordWithLabel('o')} AS record, ties`;

/** How many places the triangles left out for having more than $hubLimit links. */
export const triangleHubs = `
MATCH (l:Location)
WHERE ${recordCounts('l')} AND COUNT { (l)-[h]-() WHERE h.gradingHandling <> 'C' OR $policeIntelligence } > $hubLimit
RETURN count(l) AS skipped`;

/** The paths and neighbourhood analyses' walks as Cypher alone (the service walks the mirror: api/analysis/walks.ts). */

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
