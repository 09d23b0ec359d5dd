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

/** A property searched by, and whether it holds a list (aliases, phones …) rather than one value. */
export interface SearchedProperty {
  name: string;
  list: boolean;
}

const propertyName = (name: string) => {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`Unexpected property name ${name}`);
  return name;
};

/**
 * One page of a label's records, sorted by `sortBy`, with the total: those containing $search (lower case,
 * spaces removed) in one of `searchBy`, spaces ignored on the record's side too. The properties are written
 * into the query (names from the schema only): reading n[key] for each key and checking on every record
 * whether it held a list cost Neo4j about 2.5 times as much.
 */
export function listEntities(searchBy: readonly SearchedProperty[], sortBy: string): string {
  const contains = (value: string) => `replace(toLower(toString(${value})), ' ', '') CONTAINS $search`;
  const matches = searchBy.map(({ name, list }) =>
    list
      ? `any(value IN coalesce(n.${propertyName(name)}, []) WHERE ${contains('value')})`
      : contains(`n.${propertyName(name)}`),
  );
  return `
MATCH (n:«Label»)
WHERE ($includeArchived OR n.archivedAt IS NULL)
  AND ($policeIntelligence OR coalesce(n.gradingHandling, 'P') <> 'C')
  AND ($search IS NULL OR ${matches.length ? matches.join('\n    OR ') : 'false'})
WITH n ORDER BY toLower(toString(n.${propertyName(sortBy)})), n.id
WITH collect(n) AS matched
RETURN size(matched) AS total,
  [n IN matched[toInteger($offset)..toInteger($offset + $limit)] | n {.*}] AS items`;
}

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
