/** Cypher for the entity service. «Label» is filled from the schema; $label is checked against it. */

export const createEntity = `
CREATE (n:Entity:$($label))
SET n = $properties, n.createdAt = datetime(), n.updatedAt = datetime()
RETURN n {.*} AS record`;

export const getEntity = `
MATCH (n:Entity {id: $id})
WHERE $label IN labels(n)
  AND ($policeIntelligence OR coalesce(n.gradingHandling, 'P') <> 'C')
RETURN n {.*} AS record`;

/** A page of a label's records by id, as the viewer may see them (the list's order is the caller's). */
export const entitiesById = `
MATCH (n:Entity)
WHERE n.id IN $ids AND $label IN labels(n)
  AND ($policeIntelligence OR coalesce(n.gradingHandling, 'P') <> 'C')
RETURN n {.*} AS record`;

/** Takes the node's write lock before reading its version, so two writers cannot both pass the check. */
export const lockEntity = `
MATCH (n:Entity {id: $id})
WHERE $label IN labels(n)
  AND ($policeIntelligence OR coalesce(n.gradingHandling, 'P') <> 'C')
SET n._lock = true
RETURN n.version AS version, n {.*} AS record`;

export const updateEntity = `
MATCH (n:Entity {id: $id})
SET n += $changes, n.version = n.version + 1, n.updatedAt = datetime()
REMOVE n._lock
RETURN n {.*} AS record`;
