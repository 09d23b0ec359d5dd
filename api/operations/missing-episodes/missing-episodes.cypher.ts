/**
 * Cypher for missing episodes: an Event of type 'missing-episode', INVOLVED_IN from the young person and the
 * adults with them, HAPPENED_AT the place found. Link types are fixed here; every value is a $parameter.
 */

/** The records the episode would join, as the actor may see them. */
export const endpoints = `
MATCH (n:Entity)
WHERE n.id IN $ids
  AND ($policeIntelligence OR coalesce(n.gradingHandling, 'P') <> 'C')
RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Entity'][0] AS label, n.gradingHandling AS handling`;

export const createEpisode = `
CREATE (n:Entity:Event)
SET n = $properties, n.createdAt = datetime(), n.updatedAt = datetime()
RETURN n {.*} AS record`;

const linkAnswer = `r {.*, type: type(r), from: a.id, to: b.id,
  fromLabel: [l IN labels(a) WHERE l <> 'Entity'][0], toLabel: [l IN labels(b) WHERE l <> 'Entity'][0]} AS link`;

export const involvedIn = `
MATCH (a:Entity {id: $from}), (b:Event {id: $to})
CREATE (a)-[r:INVOLVED_IN]->(b)
SET r = $properties, r.createdAt = datetime(), r.updatedAt = datetime()
RETURN ${linkAnswer}`;

export const happenedAt = `
MATCH (a:Event {id: $from}), (b:Location {id: $to})
CREATE (a)-[r:HAPPENED_AT]->(b)
SET r = $properties, r.createdAt = datetime(), r.updatedAt = datetime()
RETURN ${linkAnswer}`;

const visible = (node: string, link: string) =>
  `($policeIntelligence OR (coalesce(${node}.gradingHandling, 'P') <> 'C' AND ${link}.gradingHandling <> 'C'))`;

/** A young person's missing episodes, newest first, with where they were found and the adults with them. */
export const episodesOf = `
MATCH (child:YoungPerson {id: $youngPerson})
WHERE $policeIntelligence OR coalesce(child.gradingHandling, 'P') <> 'C'
CALL (child) {
  OPTIONAL MATCH (child)-[involved:INVOLVED_IN]->(episode:Event {type: 'missing-episode'})
  WHERE ${visible('episode', 'involved')}
  WITH episode WHERE episode IS NOT NULL
  WITH DISTINCT episode ORDER BY episode.occurredOn DESC, episode.id
  RETURN collect({
    episode: episode {.*},
    foundAt: [(episode)-[found:HAPPENED_AT]->(place:Location) WHERE ${visible('place', 'found')} | place {.*}],
    withWhom: [(adult:PersonOfInterest)-[with:INVOLVED_IN]->(episode) WHERE ${visible('adult', 'with')} | adult {.*}]
  }) AS episodes
}
RETURN child {.*} AS youngPerson, episodes`;

/** The episode, if the actor may see it and it is a missing episode. */
export const getEpisode = `
MATCH (episode:Event {id: $id, type: 'missing-episode'})
WHERE $policeIntelligence OR coalesce(episode.gradingHandling, 'P') <> 'C'
RETURN episode {.*} AS episode`;
