/**
 * Cypher for plans. A plan is current from its start until the end of its last day. A young person with
 * handling code C, and their plans, are seen by $policeIntelligence viewers only.
 */

const visibleChild = "($policeIntelligence OR coalesce(child.gradingHandling, 'P') <> 'C')";

export const plansOf = `
MATCH (child:YoungPerson {id: $youngPerson})
WHERE ${visibleChild}
CALL (child) {
  OPTIONAL MATCH (plan:Plan)-[:PLAN_FOR]->(child)
  WITH plan ORDER BY plan.startedOn DESC, plan.id
  RETURN collect(plan {.*}) AS plans
}
RETURN child {.*} AS youngPerson, plans`;

export const planOf = `
MATCH (plan:Plan {id: $id})-[:PLAN_FOR]->(child:YoungPerson)
WHERE ${visibleChild}
RETURN child.id AS youngPerson`;

/** Young people at risk (level 1–3, not archived) with no plan current today, highest level first. */
export const withoutPlan = `
MATCH (child:YoungPerson)
WHERE child.levelOfConcern IN [1, 2, 3] AND child.archivedAt IS NULL
  AND ${visibleChild}
  AND NOT EXISTS {
    MATCH (plan:Plan)-[:PLAN_FOR]->(child)
    WHERE plan.startedOn <= date($today) AND (plan.endedOn IS NULL OR plan.endedOn >= date($today))
  }
WITH child ORDER BY child.levelOfConcern DESC, child.reference
WITH collect(child {.*}) AS matched
RETURN size(matched) AS total, matched[toInteger($offset)..toInteger($offset + $limit)] AS items`;
