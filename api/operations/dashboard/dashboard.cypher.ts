/**
 * Cypher for the operations group's dashboard. Every value is a $parameter; `$policeIntelligence` false leaves out
 * records with handling code C, and any casework about them.
 */

const visible = (n: string) => `($policeIntelligence OR coalesce(${n}.gradingHandling, 'P') <> 'C')`;

/** A record as analyses summarise it (see api/analysis/summary.ts): enough to name and find it, never more. */
const summary = (n: string) =>
  `${n} {.id, .reference, .name, .title, .type, .levelOfConcern, .archivedAt, .occurredOn,
    label: [label IN labels(${n}) WHERE label IN $recordLabels][0]}`;

/** Casework hanging off a plan for a police-only young person is itself police-only. */
const planVisible = (action: string) => `($policeIntelligence OR NOT EXISTS {
    MATCH (${action})-[:PART_OF]->(:Plan)-[:PLAN_FOR]->(planned:YoungPerson) WHERE planned.gradingHandling = 'C'
  })`;

/**
 * Every young person the viewer may see, with what its level history is rebuilt from, oldest decision first. A
 * record written behind patmap's back may lack createdAt: all that is known is that it exists now.
 */
export const levelHistories = `
MATCH (youngPerson:Entity:YoungPerson)
WHERE ${visible('youngPerson')}
RETURN coalesce(date(youngPerson.createdAt), date(youngPerson.updatedAt), date()) AS createdOn,
  youngPerson.levelOfConcern AS levelOfConcern,
  date(youngPerson.archivedAt) AS archivedOn,
  youngPerson.dateOfBirth AS dateOfBirth,
  youngPerson.gender AS gender,
  COLLECT {
    MATCH (decision:LevelDecision)-[:DECIDES_LEVEL_OF]->(youngPerson)
    RETURN decision {.level, .previousLevel, .decidedOn}
    ORDER BY decision.decidedOn, decision.createdAt
  } AS decisions`;

/** Current cases whose review falls due on or before $dueBy (overdue ones included), soonest first. */
export const reviewsDue = `
MATCH (youngPerson:Entity:YoungPerson)
WHERE ${visible('youngPerson')} AND youngPerson.levelOfConcern IN [1, 2, 3]
  AND youngPerson.reviewDue IS NOT NULL AND youngPerson.reviewDue <= $dueBy
RETURN ${summary('youngPerson')} AS youngPerson, youngPerson.reviewDue AS reviewDue
ORDER BY youngPerson.reviewDue, youngPerson.reference`;

/** Open actions past their due date, with what each is about. */
export const overdueActions = `
MATCH (action:Action)-[:TARGETS]->(target:Entity)
WHERE action.status = 'open' AND action.dueOn < $today AND ${visible('target')} AND ${planVisible('action')}
RETURN action {.id, .what, .ownerName, .ownerAgency, .dueOn, .category} AS action, ${summary('target')} AS target
ORDER BY action.dueOn, action.id`;

/** Current cases with no plan that is still running (no end date, or ending today or later). */
export const withoutPlan = `
MATCH (youngPerson:Entity:YoungPerson)
WHERE ${visible('youngPerson')} AND youngPerson.levelOfConcern IN [1, 2, 3]
  AND NOT EXISTS {
    MATCH (plan:Plan)-[:PLAN_FOR]->(youngPerson) WHERE plan.endedOn IS NULL OR plan.endedOn >= $today
  }
RETURN ${summary('youngPerson')} AS youngPerson
ORDER BY youngPerson.levelOfConcern DESC, youngPerson.reference`;

/** Risk assessments no meeting has discussed yet, oldest first. */
export const awaitingDiscussion = `
MATCH (assessment:RiskAssessment)-[:ASSESSES]->(youngPerson:Entity:YoungPerson)
WHERE ${visible('youngPerson')} AND NOT EXISTS { MATCH (assessment)-[:DISCUSSED_AT]->(:Meeting) }
RETURN assessment {.id, .assessedOn, .assessorAgency, .suggestedLevel, .route} AS assessment,
  ${summary('youngPerson')} AS youngPerson
ORDER BY assessment.assessedOn, assessment.id`;

/** The next meeting still open, today or later. */
export const nextMeeting = `
MATCH (meeting:Meeting)
WHERE meeting.heldOn >= $today AND coalesce(meeting.status, 'open') = 'open'
RETURN meeting {.id, .heldOn, .title} AS meeting
ORDER BY meeting.heldOn, meeting.id
LIMIT 1`;
