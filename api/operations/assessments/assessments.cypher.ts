/**
 * Cypher for risk assessments and reviews. A young person with handling code C, and everything about them, is
 * seen only with $policeIntelligence; every value is a $parameter.
 */

const visibleYoungPerson = `($policeIntelligence OR coalesce(youngPerson.gradingHandling, 'P') <> 'C')`;

/**
 * What a suggestion draws on beside the ticked indicators: the young person's logged missing episodes, and the
 * adults flagged as known perpetrators linked to them (directly, or through an event both were involved in),
 * each with when that contact was first and last seen. $evidencePolice says whether police-only links count.
 */
export const suggestionContext = `
MATCH (youngPerson:Entity:YoungPerson {id: $id})
WHERE ${visibleYoungPerson}
RETURN youngPerson {.id, .reference, .leadProfessional, .leadAgency, .gradingHandling} AS youngPerson,
  COLLECT {
    MATCH (youngPerson)-[involved:INVOLVED_IN]->(episode:Entity:Event {type: 'missing-episode'})
    WHERE $evidencePolice OR (coalesce(involved.gradingHandling, 'P') <> 'C'
      AND coalesce(episode.gradingHandling, 'P') <> 'C')
    RETURN DISTINCT episode.occurredOn
  } AS missingEpisodes,
  COLLECT {
    CALL (youngPerson) {
      MATCH (youngPerson)-[link]-(adult:Entity:PersonOfInterest {knownPerpetrator: true})
      WHERE $evidencePolice OR (coalesce(link.gradingHandling, 'P') <> 'C'
        AND coalesce(adult.gradingHandling, 'P') <> 'C')
      RETURN adult, link.firstSeen AS firstSeen, coalesce(link.lastSeen, link.firstSeen) AS lastSeen
      UNION
      MATCH (youngPerson)-[mine:INVOLVED_IN]->(event:Entity:Event)<-[theirs:INVOLVED_IN]-
        (adult:Entity:PersonOfInterest {knownPerpetrator: true})
      WHERE $evidencePolice OR (coalesce(mine.gradingHandling, 'P') <> 'C'
        AND coalesce(theirs.gradingHandling, 'P') <> 'C' AND coalesce(event.gradingHandling, 'P') <> 'C'
        AND coalesce(adult.gradingHandling, 'P') <> 'C')
      RETURN adult, event.occurredOn AS firstSeen, coalesce(event.endedOn, event.occurredOn) AS lastSeen
    }
    RETURN {adult: adult.id, firstSeen: firstSeen, lastSeen: lastSeen} AS contact
  } AS contacts`;

const assessmentView = `assessment {.*,
  youngPersonId: youngPerson.id,
  meetingId: meeting.id,
  discussedOn: meeting.heldOn,
  meetingStatus: meeting.status
}`;

const youngPersonSummary = `youngPerson {.id, .reference, .name, .levelOfConcern, .reviewDue}`;

/** One assessment, with the young person it is about and the meeting that discussed it. */
export const getAssessment = `
MATCH (assessment:RiskAssessment {id: $id})-[:ASSESSES]->(youngPerson:Entity:YoungPerson)
WHERE ${visibleYoungPerson}
OPTIONAL MATCH (assessment)-[:DISCUSSED_AT]->(meeting:Meeting)
RETURN ${assessmentView} AS assessment, ${youngPersonSummary} AS youngPerson`;

/** A young person's assessments, newest first. */
export const assessmentsOfYoungPerson = `
MATCH (youngPerson:Entity:YoungPerson {id: $id})
WHERE ${visibleYoungPerson}
RETURN ${youngPersonSummary} AS youngPerson,
  COLLECT {
    MATCH (assessment:RiskAssessment)-[:ASSESSES]->(youngPerson)
    OPTIONAL MATCH (assessment)-[:DISCUSSED_AT]->(meeting:Meeting)
    RETURN ${assessmentView}
    ORDER BY assessment.assessedOn DESC, assessment.createdAt DESC
  } AS assessments`;

/** Every assessment the viewer may see (or only those not yet discussed at a meeting), oldest first, a page at a time. */
export const listAssessments = `
MATCH (assessment:RiskAssessment)-[:ASSESSES]->(youngPerson:Entity:YoungPerson)
WHERE ${visibleYoungPerson}
  AND ($awaitingDiscussion IS NULL
    OR $awaitingDiscussion = (NOT EXISTS { (assessment)-[:DISCUSSED_AT]->(:Meeting) }))
OPTIONAL MATCH (assessment)-[:DISCUSSED_AT]->(meeting:Meeting)
WITH assessment, youngPerson, meeting
ORDER BY assessment.assessedOn, assessment.createdAt, assessment.id
WITH collect({assessment: ${assessmentView}, youngPerson: ${youngPersonSummary}}) AS matched
RETURN size(matched) AS total, matched[toInteger($offset)..toInteger($offset + $limit)] AS items`;

/** Active young people whose review falls due on or before $until, soonest (most overdue) first. */
export const reviewsDue = `
MATCH (youngPerson:Entity:YoungPerson)
WHERE ${visibleYoungPerson}
  AND youngPerson.levelOfConcern IN [1, 2, 3]
  AND youngPerson.reviewDue <= date($until)
WITH youngPerson ORDER BY youngPerson.reviewDue, youngPerson.reference
WITH collect(youngPerson {.id, .reference, .name, .levelOfConcern, .reviewDue, .leadProfessional, .leadAgency}) AS due
RETURN size(due) AS total,
  size([item IN due WHERE item.reviewDue < date($today)]) AS overdue,
  due[0..toInteger($limit)] AS items`;

/** How many active young people have no review date yet (no level agreed since they were recorded). */
export const withoutReviewDate = `
MATCH (youngPerson:Entity:YoungPerson)
WHERE ${visibleYoungPerson}
  AND youngPerson.levelOfConcern IN [1, 2, 3]
  AND youngPerson.reviewDue IS NULL
RETURN count(youngPerson) AS count`;

/** Notes on an assessment the action its CAF referral created (the action's own declaration has no link back). */
export const setCafAction = `
MATCH (assessment:RiskAssessment {id: $id})
SET assessment.cafActionId = $actionId`;
