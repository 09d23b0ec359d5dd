import { z } from 'zod';
import { gradingInformation, handlingCodes } from '../../graph-schema/evidence.ts';
import { isNodeLabel, levelOfConcern, nodeDeclaration, nodeLabels } from '../../graph-schema/index.ts';
import { present } from '../auth/pseudonymise.ts';
import type { Visibility } from '../auth/viewer.ts';

/**
 * How analyses name a record: enough to list it and find it on the chart, never more. A young person
 * appears by reference code to a viewer without names, exactly as the record routes show it.
 */
export const entitySummary = z.object({
  id: z.uuid(),
  label: z.enum(nodeLabels),
  caption: z.string(),
  reference: z.string().optional(),
  levelOfConcern: levelOfConcern.optional(),
  type: z.string().optional().describe('A location’s or an event’s type'),
  occurredOn: z.iso.date().optional().describe('When an event happened'),
  knownPerpetrator: z.boolean().optional(),
  archived: z.boolean(),
  pseudonymised: z.boolean().optional(),
});
export type EntitySummary = z.infer<typeof entitySummary>;

export type LabelledRecord = Record<string, unknown> & { id: string; label: string };

export function summarise(record: LabelledRecord, visibility: Visibility): EntitySummary {
  if (!isNodeLabel(record.label)) throw new Error(`Undeclared node label ${record.label}`);
  const declaration = nodeDeclaration(record.label);
  const shown = present(declaration, record, visibility);
  const summary: EntitySummary = {
    id: record.id,
    label: record.label,
    caption: String(shown[declaration.caption] ?? record.id),
    archived: record.archivedAt !== undefined && record.archivedAt !== null,
  };
  if (typeof record.reference === 'string') summary.reference = record.reference;
  if (record.levelOfConcern !== undefined && record.levelOfConcern !== null) {
    summary.levelOfConcern = record.levelOfConcern as EntitySummary['levelOfConcern'];
  }
  if (typeof record.type === 'string') summary.type = record.type;
  if (typeof record.occurredOn === 'string') summary.occurredOn = record.occurredOn.slice(0, 10);
  if (typeof record.knownPerpetrator === 'boolean') summary.knownPerpetrator = record.knownPerpetrator;
  if (shown.pseudonymised === true) summary.pseudonymised = true;
  return summary;
}

/** The evidence on one link, as every analysis returns it. */
export const linkEvidence = z.object({
  id: z.uuid(),
  type: z.string(),
  from: z.uuid(),
  to: z.uuid(),
  sourceAgency: z.string(),
  sourceReference: z.string().nullable().optional(),
  gradingSource: z.int(),
  gradingInformation: z.enum(gradingInformation),
  gradingHandling: z.enum(handlingCodes),
  firstSeen: z.iso.date(),
  lastSeen: z.iso.date().nullable().optional(),
});
export type LinkEvidence = z.infer<typeof linkEvidence>;

/** Numeric weight of a level of concern, for ranking: level 3 weighs most, archived nothing. */
export function levelWeight(level: unknown): number {
  return typeof level === 'number' ? level : 0;
}

/** Links newest first (by when last seen), then by id. */
export function sortLinks(links: LinkEvidence[]): LinkEvidence[] {
  return [...links].sort(
    (a, b) => (b.lastSeen ?? b.firstSeen).localeCompare(a.lastSeen ?? a.firstSeen) || a.id.localeCompare(b.id),
  );
}

/** Young people highest level first, then by caption. */
export const byLevelThenCaption = (a: EntitySummary, b: EntitySummary) =>
  levelWeight(b.levelOfConcern) - levelWeight(a.levelOfConcern) || a.caption.localeCompare(b.caption);
