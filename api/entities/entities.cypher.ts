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

export const listEntities = `
MATCH (n:«Label»)
WHERE ($includeArchived OR n.archivedAt IS NULL)
  AND ($policeIntelligence OR coalesce(n.gradingHandling, 'P') <> 'C')
  AND ($search IS NULL OR any(key IN $searchBy WHERE any(value IN
    CASE WHEN n[key] IS :: LIST<ANY> THEN n[key] ELSE [n[key]] END
    WHERE replace(toLower(toString(value)), ' ', '') CONTAINS $search)))
WITH n ORDER BY toLower(toString(n[$sortBy])), n.id
WITH collect(n) AS matched
RETURN size(matched) AS total,
  [n IN matched[toInteger($offset)..toInteger($offset + $limit)] | n {.*}] AS items`;

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
