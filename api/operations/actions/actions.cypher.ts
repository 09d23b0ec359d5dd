/**
 * Cypher for actions. Every value is a $parameter. An action is hidden from a viewer without
 * $policeIntelligence when its subject, or the young person whose plan it is in, is police-only.
 */

const visibleAction = `($policeIntelligence OR (coalesce(subject.gradingHandling, 'P') <> 'C'
    AND NOT EXISTS { (a)-[:PART_OF]->(:Plan)-[:PLAN_FOR]->(child) WHERE child.gradingHandling = 'C' }))`;

const actionView = `{
  action: a {.*},
  subject: subject {.*},
  subjectLabel: [label IN labels(subject) WHERE label <> 'Entity'][0],
  planId: head([(a)-[:PART_OF]->(plan:Plan) | plan.id]),
  meetingId: head([(a)-[:RAISED_AT]->(meeting:Meeting) | meeting.id])
}`;

export const listActions = `
MATCH (a:Action)-[:TARGETS]->(subject)
WHERE ($subject IS NULL OR subject.id = $subject
    OR EXISTS { (a)-[:PART_OF]->(:Plan)-[:PLAN_FOR]->(:YoungPerson {id: $subject}) })
  AND ($plan IS NULL OR EXISTS { (a)-[:PART_OF]->(:Plan {id: $plan}) })
  AND ($status IS NULL
    OR ($status = 'overdue' AND a.status = 'open' AND a.dueOn < date($today))
    OR ($status <> 'overdue' AND a.status = $status))
  AND ($agency IS NULL OR toLower(a.ownerAgency) = toLower($agency))
  AND ($dueBefore IS NULL OR a.dueOn < date($dueBefore))
  AND ${visibleAction}
WITH a, subject ORDER BY a.dueOn, a.id
WITH collect(${actionView}) AS matched
RETURN size(matched) AS total, matched[toInteger($offset)..toInteger($offset + $limit)] AS items`;

export const getAction = `
MATCH (a:Action {id: $id})-[:TARGETS]->(subject)
WHERE ${visibleAction}
RETURN ${actionView} AS view`;

/** The plan an action may join: one the viewer may see. */
export const visiblePlan = `
MATCH (plan:Plan {id: $plan})-[:PLAN_FOR]->(child:YoungPerson)
WHERE $policeIntelligence OR coalesce(child.gradingHandling, 'P') <> 'C'
RETURN plan.id AS id`;

/** A young person's current plan (started, not ended before today), the newest if there are several. */
export const currentPlanOf = `
MATCH (plan:Plan)-[:PLAN_FOR]->(:YoungPerson {id: $subject})
WHERE plan.startedOn <= date($today) AND (plan.endedOn IS NULL OR plan.endedOn >= date($today))
RETURN plan.id AS id
ORDER BY plan.startedOn DESC, plan.id
LIMIT 1`;

export const meetingStatus = `
MATCH (meeting:Meeting {id: $meeting})
RETURN coalesce(meeting.status, 'open') AS status`;
