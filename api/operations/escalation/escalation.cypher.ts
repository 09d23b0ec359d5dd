import { linkEvidence, recordWithLabel } from '../../analysis/filters.ts';

/**
 * Cypher for escalation alerts. `$since` and `$until` bound the window (ISO instants, null for open ends);
 * `$policeIntelligence` hides handling code C records and links from everyone but the police.
 */

const visible = (n: string) => `($policeIntelligence OR coalesce(${n}.gradingHandling, 'P') <> 'C')`;
const current = (youngPerson: string) =>
  `${youngPerson}.archivedAt IS NULL AND ${youngPerson}.levelOfConcern IN [1, 2, 3] AND ${visible(youngPerson)}`;
const inWindow = (at: string) =>
  `($since IS NULL OR ${at} > datetime($since)) AND ($until IS NULL OR ${at} <= datetime($until))`;

/** Level decisions in the window that raised a young person's level (or reopened an archived case). */
export const levelRises = `
MATCH (decision:LevelDecision)-[:DECIDES_LEVEL_OF]->(youngPerson:Entity:YoungPerson)
WHERE ${inWindow('decision.createdAt')} AND ${current('youngPerson')}
  AND decision.level IN [1, 2, 3]
  AND (decision.previousLevel = 'archived' OR (decision.previousLevel IN [1, 2] AND decision.level > decision.previousLevel))
  AND ($excludeMeetingId IS NULL OR NOT EXISTS { (decision)-[:RECORDED_AT]->(:Meeting {id: $excludeMeetingId}) })
RETURN ${recordWithLabel('youngPerson')} AS youngPerson,
  decision {.id, .level, .previousLevel, .decidedOn, .createdAt} AS decision
ORDER BY decision.createdAt`;

/** Links created in the window between a current young person and an adult, both visible, with the link visible. */
export const newAdultLinks = `
MATCH (youngPerson:Entity:YoungPerson)-[link]-(adult:Entity:PersonOfInterest)
WHERE ${inWindow('link.createdAt')} AND ${current('youngPerson')} AND ${visible('adult')} AND ${visible('link')}
RETURN ${recordWithLabel('youngPerson')} AS youngPerson, ${recordWithLabel('adult')} AS adult,
  ${linkEvidence('link')} AS link, link.createdAt AS createdAt,
  COLLECT {
    MATCH (adult)-[otherLink]-(other:Entity:YoungPerson)
    WHERE other <> youngPerson AND other.levelOfConcern = 3 AND other.archivedAt IS NULL
      AND ${visible('other')} AND ${visible('otherLink')}
    RETURN {youngPerson: ${recordWithLabel('other')}, linkId: otherLink.id, linkType: type(otherLink)}
    ORDER BY other.reference
  } AS levelThreeYoungPeople
ORDER BY link.createdAt`;
