/**
 * Cypher for the casework store. «Label» and «TYPE» are filled from the casework declarations (checked against
 * them first); every value is a $parameter.
 */

export const createNode = `
CREATE (n:«Label»)
SET n = $properties, n.createdAt = datetime(), n.updatedAt = datetime()
RETURN n {.*} AS node`;

/** Links a new node to a network record the actor may see; nothing is returned when there is no such record. */
export const linkToRecord = `
MATCH (n:«Label» {id: $id})
MATCH (target:Entity {id: $targetId})
WHERE any(label IN labels(target) WHERE label IN $targetLabels)
  AND ($policeIntelligence OR coalesce(target.gradingHandling, 'P') <> 'C')
CREATE (n)-[:«TYPE»]->(target)
RETURN [label IN labels(target) WHERE label IN $targetLabels][0] AS label`;

/** Links a node to another casework node of the one label «Target». */
export const linkToCasework = `
MATCH (n:«Label» {id: $id})
MATCH (target:«Target» {id: $targetId})
CREATE (n)-[:«TYPE»]->(target)
RETURN '«Target»' AS label`;

export const unlink = `
MATCH (n:«Label» {id: $id})-[link:«TYPE»]->()
DELETE link`;

/** Takes the node's write lock before its version is read, so two writers cannot both pass the check. */
export const lockNode = `
MATCH (n:«Label» {id: $id})
SET n._lock = true
RETURN n {.*} AS node`;

export const updateNode = `
MATCH (n:«Label» {id: $id})
SET n += $changes, n.version = n.version + 1, n.updatedAt = datetime()
REMOVE n._lock
RETURN n {.*} AS node`;

export const getNode = `
MATCH (n:«Label» {id: $id})
RETURN n {.*} AS node`;
