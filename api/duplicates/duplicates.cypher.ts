/**
 * Cypher for duplicate proposals and merging. «Label» is filled from the schema; relationship types are copied
 * from the relationships themselves (type(r)), never from user input.
 */

/** The records of one label a viewer may see, for the scorer. */
export const candidates = `
MATCH (n:«Label»)
WHERE n.archivedAt IS NULL
  AND ($policeIntelligence OR coalesce(n.gradingHandling, 'P') <> 'C')
RETURN n {.*} AS record`;

/** Takes both records' write locks before their versions are read, so two merges cannot both pass the check. */
export const lockPair = `
MATCH (n:Entity)
WHERE n.id IN [$keep, $merge]
  AND ($policeIntelligence OR coalesce(n.gradingHandling, 'P') <> 'C')
SET n._lock = true
RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Entity'][0] AS label, n {.*} AS record`;

const linkShape = (r: string, a: string, b: string) => `${r} {.*, type: type(${r}), from: ${a}.id, to: ${b}.id,
  fromLabel: [l IN labels(${a}) WHERE l <> 'Entity'][0], toLabel: [l IN labels(${b}) WHERE l <> 'Entity'][0]}`;

/**
 * A link between the two records themselves would become a record linked to itself: it is removed (and kept in the
 * merge's audit details).
 */
export const removeLinksBetween = `
MATCH (kept:Entity {id: $keep})-[r]-(merged:Entity {id: $merge})
WITH r, startNode(r) AS a, endNode(r) AS b
WITH r, ${linkShape('r', 'a', 'b')} AS link
DELETE r
RETURN link`;

/**
 * Every other relationship of the merged record, whatever its type and whatever is at the other end (records,
 * events, casework nodes: TARGETS, DISRUPTS, ASSESSES, DECIDES_LEVEL_OF …), re-made on the kept record with the same
 * type, direction and properties (ids included), once removed from the merged one (ids are unique per type).
 */
export const repointRelationships = `
MATCH (kept:Entity {id: $keep}), (merged:Entity {id: $merge})
CALL (kept, merged) {
  MATCH (merged)-[r]->(other)
  WHERE other <> kept
  WITH r, other, type(r) AS type, properties(r) AS properties, ${linkShape('r', 'merged', 'other')} AS before
  DELETE r
  CREATE (kept)-[moved:$(type)]->(other)
  SET moved = properties
  RETURN moved, before, kept AS a, other AS b, other
  UNION ALL
  MATCH (merged)<-[r]-(other)
  WHERE other <> kept
  WITH r, other, type(r) AS type, properties(r) AS properties, ${linkShape('r', 'other', 'merged')} AS before
  DELETE r
  CREATE (kept)<-[moved:$(type)]-(other)
  SET moved = properties
  RETURN moved, before, other AS a, kept AS b, other
}
RETURN 'Entity' IN labels(other) AS isLink, before, ${linkShape('moved', 'a', 'b')} AS after,
  [l IN labels(other) WHERE l <> 'Entity'][0] AS otherLabel, other.id AS otherId,
  coalesce(other.gradingHandling, 'P') = 'C' OR coalesce(moved.gradingHandling, 'P') = 'C' AS policeOnly`;

export const updateKept = `
MATCH (kept:Entity {id: $keep})
SET kept += $changes, kept.version = kept.version + 1, kept.updatedAt = datetime()
REMOVE kept._lock
RETURN kept {.*} AS record`;

/** The merged record, once it has nothing left: DETACH only as a guard, since every relationship was moved. */
export const deleteMerged = `
MATCH (merged:Entity {id: $merge})
WITH merged, COUNT { (merged)--() } AS left
DETACH DELETE merged
RETURN left`;
