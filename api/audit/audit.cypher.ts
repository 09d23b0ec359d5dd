/** The audit log: an append-only chain of events, each holding the hash of the one before. */

/** Takes the head's write lock, so events are appended one at a time, in order. */
export const lockHead = `
MERGE (head:AuditHead {key: 'audit'})
  ON CREATE SET head.seq = 0, head.hash = $genesis
SET head._lock = true
RETURN head.seq AS seq, head.hash AS hash, head.keyCheck AS keyCheck`;

/**
 * Appends a run of events, already sealed in order, and moves the head to the last of them. The head also keeps a
 * check value of the audit key, so that a lost or different key is refused, not used.
 */
export const appendEvents = `
MATCH (head:AuditHead {key: 'audit'})
SET head.seq = $last.seq, head.hash = $last.hash, head.keyCheck = $keyCheck
REMOVE head._lock
WITH head
UNWIND $events AS event
CREATE (appended:AuditEvent)
SET appended = event`;

/**
 * Appends a run of events sealed after the head as this process last left it ($after), in one statement: the
 * head's lock is taken first, then the head is checked to be still that one (number, hash and key). When it is
 * not (another transaction appended meanwhile), nothing is written, and the head as it is comes back for the
 * caller to seal afresh after.
 */
export const appendEventsAfter = `
MATCH (head:AuditHead {key: 'audit'})
SET head._lock = true
WITH head, head.seq AS seq, head.hash AS hash, head.keyCheck AS keyCheck
REMOVE head._lock
WITH head, seq, hash, keyCheck, seq = $after.seq AND hash = $after.hash AND keyCheck = $keyCheck AS current
CALL (head, current) {
  WITH head, current
  WHERE current
  SET head.seq = $last.seq, head.hash = $last.hash
  WITH head
  UNWIND $events AS event
  CREATE (appended:AuditEvent)
  SET appended = event
  RETURN count(appended) AS appended
}
RETURN seq, hash, keyCheck, appended`;

export const searchEvents = `
MATCH (event:AuditEvent)
WHERE ($username IS NULL OR event.username = $username)
  AND ($action IS NULL OR event.action = $action)
  AND ($subjectId IS NULL OR event.subjectId = $subjectId)
  AND ($from IS NULL OR event.at >= $from)
  AND ($to IS NULL OR event.at < $to)
WITH event ORDER BY event.seq DESC
WITH collect(event) AS matched
RETURN size(matched) AS total,
  [event IN matched[toInteger($offset)..toInteger($offset + $limit)] | event {.*}] AS items`;

export const eventsFrom = `
MATCH (event:AuditEvent)
WHERE event.seq > $after
RETURN event {.*} AS event
ORDER BY event.seq
LIMIT toInteger($limit)`;

export const head = `
OPTIONAL MATCH (head:AuditHead {key: 'audit'})
RETURN head.seq AS seq, head.hash AS hash, head.keyCheck AS keyCheck`;

/**
 * The head of the log, and the changes to records and links after $after up to it: the feed the analysis
 * mirror keeps itself current by, in one round trip (nothing but the head is read when nothing changed).
 */
export const changesSince = `
OPTIONAL MATCH (head:AuditHead {key: 'audit'})
WITH coalesce(head.seq, 0) AS headSeq
CALL (headSeq) {
  MATCH (event:AuditEvent)
  WHERE event.seq > $after AND event.seq <= headSeq AND event.action IN $actions
  WITH event ORDER BY event.seq
  LIMIT toInteger($limit)
  RETURN collect(event {.seq, .action, .subjectType, .subjectId}) AS changes
}
RETURN headSeq, changes`;
