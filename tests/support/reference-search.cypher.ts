/**
 * A name search as Cypher alone: how patmap listed and searched records before it read them from the analysis
 * mirror. The differential test checks the mirror finds the same records in the same order.
 */

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
