import { z } from 'zod';
import { gradingInformation } from '../../graph-schema/index.ts';
import type { Visibility } from '../auth/viewer.ts';
import { graphDate } from '../db/neo4j.ts';
import { booleanQuery } from '../http/common-schemas.ts';
import { badRequest } from '../http/errors.ts';
import { epochDay, type Mirror } from './mirror/mirror.ts';

/**
 * What every analysis filters by: who is asking (handling code C), when the links were seen, how good
 * the intelligence is, and whether archived records count. One schema, so every analysis reads the same
 * parameters the same way.
 */
export const analysisFilters = z.object({
  from: z.iso.date().optional().describe('Only links last seen on or after this date'),
  to: z.iso.date().optional().describe('Only links first seen on or before this date'),
  minSource: z.coerce
    .number()
    .int()
    .min(1)
    .max(3)
    .default(3)
    .describe('The weakest source evaluation to count: 2 leaves out intelligence graded 3'),
  minInformation: z
    .enum(gradingInformation)
    .default('E')
    .describe('The weakest information assessment to count: D leaves out intelligence graded E'),
  includeArchived: booleanQuery.describe('Count archived records too (default: current cases only)'),
});
export type AnalysisFilters = z.infer<typeof analysisFilters>;

/** A comma-separated list of record ids in a query string, e.g. ?ids=a,b. */
export const idList = (max: number) =>
  z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.uuid()).min(1).max(max));

export const limit = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export function checkWindow(filters: Pick<AnalysisFilters, 'from' | 'to'>): void {
  if (filters.from && filters.to && filters.from > filters.to) throw badRequest('from must not be after to');
}

/** The parameters every analysis query takes, from the filters and the viewer. */
export function filterParams(filters: AnalysisFilters, visibility: Visibility) {
  return {
    policeIntelligence: visibility.policeIntelligence,
    from: filters.from ? graphDate(filters.from) : null,
    to: filters.to ? graphDate(filters.to) : null,
    maxSource: filters.minSource,
    maxInformation: filters.minInformation,
    includeArchived: filters.includeArchived,
  };
}

/**
 * Cypher conditions over the parameters above. They name query variables only (never user text): a link
 * counts when the viewer may see it, it was seen in the window and it is graded well enough; a record
 * counts when the viewer may see it and it is current (or archived ones are asked for).
 */
export function linkCounts(r: string): string {
  return `(${r}.gradingHandling <> 'C' OR $policeIntelligence)
  AND ($from IS NULL OR coalesce(${r}.lastSeen, ${r}.firstSeen) >= $from)
  AND ($to IS NULL OR ${r}.firstSeen <= $to)
  AND ${r}.gradingSource <= $maxSource AND ${r}.gradingInformation <= $maxInformation`;
}

export function recordCounts(n: string): string {
  return `(coalesce(${n}.gradingHandling, 'P') <> 'C' OR $policeIntelligence)
  AND ($includeArchived OR ${n}.archivedAt IS NULL)`;
}

/** The evidence a link carries, as analyses return it. */
export function linkEvidence(r: string): string {
  return `${r} {.id, type: type(${r}), from: startNode(${r}).id, to: endNode(${r}).id, .sourceAgency, .sourceReference,
    .gradingSource, .gradingInformation, .gradingHandling, .firstSeen, .lastSeen}`;
}

/** A record with its label, for summarising (see summary.ts). */
export function recordWithLabel(n: string): string {
  return `${n} {.*, label: [l IN labels(${n}) WHERE l <> 'Entity'][0]}`;
}

/**
 * The same rules as linkCounts and recordCounts above, for the analyses that run on the in-memory mirror.
 * Keep the two in step: the integration tests run both kinds of analysis over the same filters.
 */
export interface CountingRules {
  policeIntelligence: boolean;
  /** Epoch days, or null for an open end. */
  fromDay: number | null;
  toDay: number | null;
  maxSource: number;
  /** 0 for A … 4 for E. */
  maxInformation: number;
  includeArchived: boolean;
}

export function countingRules(filters: AnalysisFilters, visibility: Visibility): CountingRules {
  return {
    policeIntelligence: visibility.policeIntelligence,
    fromDay: filters.from ? epochDay(filters.from) : null,
    toDay: filters.to ? epochDay(filters.to) : null,
    maxSource: filters.minSource,
    maxInformation: gradingInformation.indexOf(filters.minInformation),
    includeArchived: filters.includeArchived,
  };
}

/** Whether link slot l counts: visible, seen in the window, graded well enough. */
export function mirrorLinkCounts(mirror: Mirror, l: number, rules: CountingRules): boolean {
  return (
    (rules.policeIntelligence || !mirror.linkPoliceOnlyAt(l)) &&
    (rules.fromDay === null || mirror.seen(l) >= rules.fromDay) &&
    (rules.toDay === null || mirror.firstSeen(l) <= rules.toDay) &&
    mirror.source(l) <= rules.maxSource &&
    mirror.information(l) <= rules.maxInformation
  );
}

/** Whether record slot n counts: visible, and current unless archived ones are asked for. */
export function mirrorRecordCounts(mirror: Mirror, n: number, rules: CountingRules): boolean {
  return (
    mirror.isRecord(n) &&
    (rules.policeIntelligence || !mirror.recordPoliceOnlyAt(n)) &&
    (rules.includeArchived || !mirror.archived(n))
  );
}

/** What an analysis reads of the network as one viewer, under one set of filters, may count it. */
export interface CountedTies {
  /** Whether record slot n counts. */
  counts(n: number): boolean;
  /** Calls visit(other, l) for each counted link l of record n whose other end counts (and has `label`, if given). */
  forEachTie(n: number, visit: (other: number, l: number) => void, label?: number): void;
}

/**
 * The counted network with which record and link slots count worked out once, so that the loops over
 * every link read one byte each: for the analyses that read the whole network.
 */
export interface CountedNetwork extends CountedTies {
  records: Uint8Array;
  links: Uint8Array;
}

export function countedNetwork(mirror: Mirror, rules: CountingRules): CountedNetwork {
  const links = new Uint8Array(mirror.linkSlots);
  for (let l = 0; l < links.length; l++) links[l] = mirror.isLink(l) && mirrorLinkCounts(mirror, l, rules) ? 1 : 0;
  const records = new Uint8Array(mirror.recordSlots);
  for (let n = 0; n < records.length; n++) records[n] = mirrorRecordCounts(mirror, n, rules) ? 1 : 0;
  const { offsets, other, link } = mirror.adjacency();
  return {
    records,
    links,
    counts: (n) => records[n] === 1,
    forEachTie(n, visit, label) {
      for (let a = offsets[n] as number; a < (offsets[n + 1] as number); a++) {
        const end = other[a] as number;
        const l = link[a] as number;
        if (links[l] !== 1 || records[end] !== 1) continue;
        if (label === undefined || mirror.label(end) === label) visit(end, l);
      }
    },
  };
}

/**
 * The same counted network, each slot judged as it is read: for reading a few records' ties (a patch after
 * a change), where working out every slot first would cost more than the reading.
 */
export function countedTiesOf(mirror: Mirror, rules: CountingRules): CountedTies {
  const { offsets, other, link } = mirror.adjacency();
  const counts = (n: number) => mirrorRecordCounts(mirror, n, rules);
  return {
    counts,
    forEachTie(n, visit, label) {
      for (let a = offsets[n] as number; a < (offsets[n + 1] as number); a++) {
        const end = other[a] as number;
        const l = link[a] as number;
        if (label !== undefined && mirror.label(end) !== label) continue;
        if (mirrorLinkCounts(mirror, l, rules) && counts(end)) visit(end, l);
      }
    },
  };
}
