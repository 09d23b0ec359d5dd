/** Cypher for levels of concern: a young person's dated history, and the lock a new decision is taken under. */

/**
 * Takes the young person's write lock, and reads what a decision is checked against: the current level,
 * the newest decision's date, and the suggestion of the assessment it follows (or of the newest one).
 */
export const lockForDecision = `
MATCH (youngPerson:Entity:YoungPerson {id: $id})
WHERE $policeIntelligence OR coalesce(youngPerson.gradingHandling, 'P') <> 'C'
SET youngPerson._lock = true
WITH youngPerson,
  COLLECT {
    MATCH (decision:LevelDecision)-[:DECIDES_LEVEL_OF]->(youngPerson)
    RETURN decision.decidedOn ORDER BY decision.decidedOn DESC LIMIT 1
  }[0] AS latestDecidedOn,
  COLLECT {
    MATCH (assessment:RiskAssessment)-[:ASSESSES]->(youngPerson)
    WHERE $assessmentId IS NULL OR assessment.id = $assessmentId
    RETURN assessment {.id, .suggestedLevel} ORDER BY assessment.assessedOn DESC, assessment.createdAt DESC LIMIT 1
  }[0] AS assessment
RETURN youngPerson {.*} AS youngPerson, latestDecidedOn, assessment`;

export const updateYoungPerson = `
MATCH (youngPerson:YoungPerson {id: $id})
SET youngPerson += $changes, youngPerson.version = youngPerson.version + 1, youngPerson.updatedAt = datetime()
REMOVE youngPerson._lock
RETURN youngPerson {.*} AS youngPerson`;

/** The current level and the dated history, newest first, with the meeting and assessment behind each decision. */
export const levelHistory = `
MATCH (youngPerson:Entity:YoungPerson {id: $id})
WHERE $policeIntelligence OR coalesce(youngPerson.gradingHandling, 'P') <> 'C'
RETURN youngPerson {.id, .reference, .levelOfConcern, .reviewDue, .archivedAt, .archiveReason} AS youngPerson,
  COLLECT {
    MATCH (decision:LevelDecision)-[:DECIDES_LEVEL_OF]->(youngPerson)
    OPTIONAL MATCH (decision)-[:RECORDED_AT]->(meeting:Meeting)
    OPTIONAL MATCH (decision)-[:BASED_ON]->(assessment:RiskAssessment)
    RETURN decision {.*, meetingId: meeting.id, assessmentId: assessment.id}
    ORDER BY decision.decidedOn DESC, decision.createdAt DESC
  } AS history`;
