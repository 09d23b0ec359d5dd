import { linkEvidence, recordWithLabel } from '../../analysis/filters.ts';

/**
 * Cypher for the monthly meeting: its list, its lock, and what its agenda and pack read from the declared
 * model. Every value is a $parameter; `$policeIntelligence` hides handling code C records and links.
 */

const visible = (n: string) => `($policeIntelligence OR coalesce(${n}.gradingHandling, 'P') <> 'C')`;
const linkVisible = (r: string) => `($policeIntelligence OR coalesce(${r}.gradingHandling, 'P') <> 'C')`;

export const listMeetings = `
MATCH (meeting:Meeting)
WHERE $status IS NULL OR meeting.status = $status
WITH meeting ORDER BY meeting.heldOn DESC, meeting.createdAt DESC
WITH collect(meeting) AS meetings
RETURN size(meetings) AS total,
  [meeting IN meetings[toInteger($offset)..toInteger($offset) + toInteger($limit)] | meeting {.*}] AS items`;

/**
 * Takes the meeting's write lock without changing it, so a level or action recorded through it cannot
 * interleave with closing it; the lock is held until the transaction ends.
 */
export const lockMeeting = `
MATCH (meeting:Meeting {id: $id})
SET meeting._lock = true
REMOVE meeting._lock
RETURN meeting {.*} AS meeting`;

/** The meeting and the closed one before it, whose closing is where "since the previous meeting" starts. */
export const meetingWithPrevious = `
MATCH (meeting:Meeting {id: $id})
RETURN meeting {.*} AS meeting,
  COLLECT {
    MATCH (previous:Meeting {status: 'closed'})
    WHERE previous.id <> meeting.id AND previous.heldOn <= meeting.heldOn
      AND (meeting.closedAt IS NULL OR previous.closedAt < meeting.closedAt)
    RETURN previous {.id, .title, .heldOn, .closedAt, .snapshot}
    ORDER BY previous.heldOn DESC, previous.closedAt DESC LIMIT 1
  }[0] AS previous`;

/** The newest closed meeting: escalation alerts count from its closing. */
export const latestClosedMeeting = `
MATCH (meeting:Meeting {status: 'closed'})
RETURN meeting {.id, .heldOn, .closedAt} AS meeting
ORDER BY meeting.closedAt DESC LIMIT 1`;

/** What a meeting recorded: the level decisions agreed at it and the actions raised at it, with whom each is about. */
export const meetingRecords = `
MATCH (meeting:Meeting {id: $id})
RETURN
  COLLECT {
    MATCH (decision:LevelDecision)-[:RECORDED_AT]->(meeting)
    MATCH (decision)-[:DECIDES_LEVEL_OF]->(youngPerson:Entity:YoungPerson)
    WHERE ${visible('youngPerson')}
    RETURN {decision: decision {.*}, youngPerson: ${recordWithLabel('youngPerson')}}
    ORDER BY decision.createdAt
  } AS decisions,
  COLLECT {
    MATCH (action:Action)-[:RAISED_AT]->(meeting)
    MATCH (action)-[:TARGETS]->(target:Entity)
    WHERE ${visible('target')}
    RETURN {action: action {.*}, target: ${recordWithLabel('target')}}
    ORDER BY action.createdAt
  } AS actions`;

/**
 * Risk assessments awaiting discussion (no DISCUSSED_AT link yet), oldest first; for a closed meeting, the
 * ones it discussed. Read from the declared model: RiskAssessment -[:ASSESSES]-> YoungPerson.
 */
export const agendaAssessments = `
MATCH (assessment:RiskAssessment)-[:ASSESSES]->(youngPerson:Entity:YoungPerson)
WHERE ${visible('youngPerson')}
  AND CASE WHEN $closed THEN EXISTS { (assessment)-[:DISCUSSED_AT]->(:Meeting {id: $meetingId}) }
      ELSE NOT EXISTS { (assessment)-[:DISCUSSED_AT]->(:Meeting) } END
RETURN assessment {.*} AS assessment, ${recordWithLabel('youngPerson')} AS youngPerson
ORDER BY assessment.assessedOn, assessment.createdAt`;

/**
 * Every young person at level 3, 2 or 1, highest first, with what changed since their last review or the
 * previous meeting (whichever is earlier): level decisions taken elsewhere, links created, missing
 * episodes recorded; their open actions (and those raised at this meeting), their current plan, their
 * newest assessment's suggestion, and the level agreed at this meeting, if any.
 */
export const agendaYoungPeople = `
MATCH (youngPerson:Entity:YoungPerson)
WHERE youngPerson.levelOfConcern IN [1, 2, 3] AND youngPerson.archivedAt IS NULL AND ${visible('youngPerson')}
WITH youngPerson,
  COLLECT {
    MATCH (decision:LevelDecision)-[:DECIDES_LEVEL_OF]->(youngPerson)
    WHERE NOT EXISTS { (decision)-[:RECORDED_AT]->(:Meeting {id: $meetingId}) }
    RETURN decision {.*} ORDER BY decision.createdAt DESC LIMIT 1
  }[0] AS lastReview
WITH youngPerson, lastReview,
  CASE
    WHEN lastReview IS NULL THEN datetime($previousClosedAt)
    WHEN $previousClosedAt IS NULL THEN lastReview.createdAt
    WHEN lastReview.createdAt < datetime($previousClosedAt) THEN lastReview.createdAt
    ELSE datetime($previousClosedAt)
  END AS changedSince
RETURN ${recordWithLabel('youngPerson')} AS youngPerson, lastReview, changedSince AS since,
  COLLECT {
    MATCH (decision:LevelDecision)-[:DECIDES_LEVEL_OF]->(youngPerson)
    WHERE (changedSince IS NULL OR decision.createdAt > changedSince)
      AND ($until IS NULL OR decision.createdAt <= datetime($until))
      AND NOT EXISTS { (decision)-[:RECORDED_AT]->(:Meeting {id: $meetingId}) }
    RETURN decision {.*} ORDER BY decision.createdAt
  } AS levelChanges,
  COLLECT {
    MATCH (youngPerson)-[link]-(other:Entity)
    WHERE (changedSince IS NULL OR link.createdAt > changedSince)
      AND ($until IS NULL OR link.createdAt <= datetime($until))
      AND ${linkVisible('link')} AND ${visible('other')}
    RETURN {link: ${linkEvidence('link')}, createdAt: link.createdAt, other: ${recordWithLabel('other')}}
    ORDER BY link.createdAt DESC LIMIT toInteger($listLimit)
  } AS newLinks,
  COUNT {
    MATCH (youngPerson)-[link]-(other:Entity)
    WHERE (changedSince IS NULL OR link.createdAt > changedSince)
      AND ($until IS NULL OR link.createdAt <= datetime($until))
      AND ${linkVisible('link')} AND ${visible('other')}
  } AS newLinkCount,
  COLLECT {
    MATCH (youngPerson)-[involved:INVOLVED_IN]->(episode:Entity:Event {type: 'missing-episode'})
    WHERE (changedSince IS NULL OR episode.createdAt > changedSince)
      AND ($until IS NULL OR episode.createdAt <= datetime($until))
      AND ${linkVisible('involved')} AND ${visible('episode')}
    RETURN episode {
      .id, .title, .occurredOn, .endedOn, .returnInterviewOffered, .returnInterviewDone,
      foundAt: COLLECT {
        MATCH (episode)-[at:HAPPENED_AT]->(place:Entity:Location)
        WHERE ${linkVisible('at')} AND ${visible('place')}
        RETURN place {.id, .name}
      }[0],
      withAdults: COLLECT {
        MATCH (adult:Entity:PersonOfInterest)-[adultInvolved:INVOLVED_IN]->(episode)
        WHERE ${linkVisible('adultInvolved')} AND ${visible('adult')}
        RETURN adult {.id, .name} ORDER BY adult.name
      }
    }
    ORDER BY episode.occurredOn DESC
  } AS missingEpisodes,
  COLLECT {
    MATCH (action:Action)-[:TARGETS]->(youngPerson)
    WHERE action.status = 'open' OR EXISTS { (action)-[:RAISED_AT]->(:Meeting {id: $meetingId}) }
    RETURN action {.*, raisedHere: EXISTS { (action)-[:RAISED_AT]->(:Meeting {id: $meetingId}) }}
    ORDER BY action.dueOn, action.createdAt
  } AS actions,
  COLLECT {
    MATCH (plan:Plan)-[:PLAN_FOR]->(youngPerson)
    WHERE plan.endedOn IS NULL OR plan.endedOn >= date($today)
    RETURN plan {.*} ORDER BY plan.startedOn DESC LIMIT 1
  }[0] AS plan,
  COLLECT {
    MATCH (assessment:RiskAssessment)-[:ASSESSES]->(youngPerson)
    RETURN assessment {.id, .assessedOn, .suggestedLevel, .suggestionReasons}
    ORDER BY assessment.assessedOn DESC, assessment.createdAt DESC LIMIT 1
  }[0] AS latestAssessment,
  COLLECT {
    MATCH (decision:LevelDecision)-[:DECIDES_LEVEL_OF]->(youngPerson)
    WHERE EXISTS { (decision)-[:RECORDED_AT]->(:Meeting {id: $meetingId}) }
    RETURN decision {.*} ORDER BY decision.createdAt DESC LIMIT 1
  }[0] AS agreedHere
ORDER BY youngPerson.levelOfConcern DESC, youngPerson.reference`;

/** The current cases by level, as the pack's table counts them: not archived, and visible to the viewer. */
export const casesByLevel = `
MATCH (youngPerson:Entity:YoungPerson)
WHERE youngPerson.levelOfConcern IN [1, 2, 3] AND youngPerson.archivedAt IS NULL AND ${visible('youngPerson')}
RETURN youngPerson.levelOfConcern AS level, count(*) AS count`;

/** The records of the pack's network picture that the viewer may see. */
export const recordsById = `
MATCH (record:Entity)
WHERE record.id IN $ids AND ${visible('record')}
RETURN ${recordWithLabel('record')} AS record`;

/** The visible links among those records, for the picture. */
export const linksAmong = `
MATCH (from:Entity)-[link]->(to:Entity)
WHERE from.id IN $ids AND to.id IN $ids AND ${linkVisible('link')}
RETURN ${linkEvidence('link')} AS link
ORDER BY link.id LIMIT toInteger($linkLimit)`;

/** Keeps the closing snapshot on the meeting, beside (not inside) the audited change. */
export const keepSnapshot = `
MATCH (meeting:Meeting {id: $id})
SET meeting.snapshot = $snapshot`;

/** An action the actor may see: its target is not police-only intelligence, unless they are police. */
export const visibleAction = `
MATCH (action:Action {id: $id})-[:TARGETS]->(target:Entity)
WHERE ${visible('target')}
RETURN action.id AS id`;
