/** Cypher for the disruption log. A disruption of a police-only subject is seen by $policeIntelligence viewers only. */

const visibleSubject = "($policeIntelligence OR coalesce(subject.gradingHandling, 'P') <> 'C')";

const disruptionView = `{
  disruption: d {.*},
  subject: subject {.*},
  subjectLabel: [label IN labels(subject) WHERE label <> 'Entity'][0]
}`;

export const listDisruptions = `
MATCH (d:Disruption)-[:DISRUPTS]->(subject)
WHERE ($subject IS NULL OR subject.id = $subject)
  AND (NOT $activeOnly OR d.expiresOn IS NULL OR d.expiresOn >= date($today))
  AND ${visibleSubject}
WITH d, subject ORDER BY d.servedOn DESC, d.id
WITH collect(${disruptionView}) AS matched
RETURN size(matched) AS total, matched[toInteger($offset)..toInteger($offset + $limit)] AS items`;

export const getDisruption = `
MATCH (d:Disruption {id: $id})-[:DISRUPTS]->(subject)
WHERE ${visibleSubject}
RETURN ${disruptionView} AS view`;

/**
 * Every record under a disruption that has not expired: a handful in a working network, so the chart can ask
 * while the mirror catches up rather than after it has chosen its records.
 */
export const activelyDisrupted = `
MATCH (d:Disruption)-[:DISRUPTS]->(subject)
WHERE d.expiresOn IS NULL OR d.expiresOn >= date($today)
RETURN DISTINCT subject.id AS id`;
