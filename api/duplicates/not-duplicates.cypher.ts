/**
 * Cypher for not-a-duplicate decisions: (:NotDuplicateDecision)-[:CONCERNS]->(a), -[:DISTINCT_FROM]->(b). «Label» is
 * filled from the schema; every value is a $parameter. A viewer without $policeIntelligence sees no decision about a
 * record with handling code C.
 */

const visible = (n: string) => `($policeIntelligence OR coalesce(${n}.gradingHandling, 'P') <> 'C')`;

/** Takes both records' write locks, so two analysts cannot record the same judgement twice at once. */
export const lockRecords = `
MATCH (n:Entity)
WHERE n.id IN $ids AND ${visible('n')}
SET n._lock = true
REMOVE n._lock
RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Entity'][0] AS label, n {.*} AS record`;

const pair = `(decision:NotDuplicateDecision)-[:CONCERNS]->(a:Entity), (decision)-[:DISTINCT_FROM]->(b:Entity)`;

/** The standing decision that keeps these two apart, whichever way round it was recorded. */
export const standingBetween = `
MATCH ${pair}
WHERE decision.reversedAt IS NULL
  AND ((a.id = $first AND b.id = $second) OR (a.id = $second AND b.id = $first))
RETURN decision {.*} AS decision
LIMIT 1`;

/** The pairs of one label kept apart, for the proposals to leave out. */
export const keptApart = `
MATCH ${pair}
WHERE decision.reversedAt IS NULL AND a:«Label» AND b:«Label»
RETURN a.id AS first, b.id AS second`;

/** The decisions about records of one label this viewer may see, newest first. */
export const listDecisions = `
MATCH ${pair}
WHERE a:«Label» AND b:«Label» AND ${visible('a')} AND ${visible('b')}
  AND ($includeReversed OR decision.reversedAt IS NULL)
RETURN decision {.*} AS decision, [a {.*}, b {.*}] AS records,
  [l IN labels(a) WHERE l <> 'Entity'][0] AS label
ORDER BY decision.createdAt DESC
LIMIT toInteger($limit)`;

/** One decision with its two records, when the viewer may see both. */
export const getDecision = `
MATCH ${pair}
WHERE decision.id = $id AND ${visible('a')} AND ${visible('b')}
RETURN decision {.*} AS decision, [a {.*}, b {.*}] AS records,
  [l IN labels(a) WHERE l <> 'Entity'][0] AS label`;
