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

/** Which of these records are under a disruption that has not expired. */
export const disruptedAmong = `
MATCH (d:Disruption)-[:DISRUPTS]->(subject)
WHERE subject.id IN $ids AND (d.expiresOn IS NULL OR d.expiresOn >= date($today))
RETURN DISTINCT subject.id AS id`;
