/**
 * Cypher for the strategic group's report: the facts its anonymised counts are made from, over a period
 * ($from, $to: DATE). Nothing here leaves the service but counts. `$policeIntelligence` false leaves out records
 * with handling code C and any casework about them.
 */

const visible = (n: string) => `($policeIntelligence OR coalesce(${n}.gradingHandling, 'P') <> 'C')`;

/** Level decisions dated in the period, about young people the viewer may see. */
export const levelDecisions = `
MATCH (decision:LevelDecision)-[:DECIDES_LEVEL_OF]->(youngPerson:Entity:YoungPerson)
WHERE ${visible('youngPerson')} AND decision.decidedOn >= $from AND decision.decidedOn <= $to
RETURN decision.level AS level, decision.previousLevel AS previousLevel`;

/**
 * Missing episodes that began in the period, of young people the viewer may see (by links they may see), with
 * the young people's ids so that each is counted once; the ids never leave the service.
 */
export const missingEpisodes = `
MATCH (episode:Entity:Event {type: 'missing-episode'})
WHERE ${visible('episode')} AND episode.occurredOn >= $from AND episode.occurredOn <= $to
WITH episode, COLLECT {
  MATCH (youngPerson:Entity:YoungPerson)-[link:INVOLVED_IN]->(episode)
  WHERE ${visible('youngPerson')} AND ${visible('link')}
  RETURN youngPerson.id
} AS youngPeople
WHERE size(youngPeople) > 0
RETURN episode.endedOn AS endedOn,
  episode.returnInterviewOffered IS NOT NULL AS offered,
  date(episode.returnInterviewDone) AS done,
  youngPeople`;

/** Disruption served in the period, by tactic, against adults and places the viewer may see. */
export const disruptionTactics = `
MATCH (disruption:Disruption)-[:DISRUPTS]->(target:Entity)
WHERE ${visible('target')} AND disruption.servedOn >= $from AND disruption.servedOn <= $to
RETURN disruption.tactic AS tactic, count(DISTINCT disruption) AS count`;

/** Actions due in the period, about records the viewer may see, with what became of each. */
export const actionsDue = `
MATCH (action:Action)-[:TARGETS]->(target:Entity)
WHERE ${visible('target')} AND action.dueOn >= $from AND action.dueOn <= $to
  AND ($policeIntelligence OR NOT EXISTS {
    MATCH (action)-[:PART_OF]->(:Plan)-[:PLAN_FOR]->(planned:YoungPerson) WHERE planned.gradingHandling = 'C'
  })
RETURN action.ownerAgency AS agency, action.status AS status, action.dueOn AS dueOn, action.completedOn AS completedOn`;
