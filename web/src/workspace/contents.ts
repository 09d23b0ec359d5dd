import type { Network, SchemaDocument } from '../api.ts';

export type Level = 1 | 2 | 3 | 'archived';

/** A record on the chart: enough to draw it, list it and find it again. */
export interface ChartRecord {
  id: string;
  label: string;
  caption: string;
  levelOfConcern?: Level;
  archived: boolean;
  pseudonymised?: boolean;
  reference?: string;
  type?: string;
  /** When an event happened. */
  occurredOn?: string;
  /** Under a disruption that has not expired (an adult or a place). */
  disrupted?: boolean;
}

/** A link on the chart, with the evidence it carries. */
export interface ChartLink {
  id: string;
  type: string;
  from: string;
  to: string;
  sourceAgency?: string;
  sourceReference?: string | null;
  gradingSource?: number;
  gradingInformation?: string;
  gradingHandling?: string;
  firstSeen?: string;
  lastSeen?: string | null;
}

/** Several adults drawn as one node until expanded again. */
export interface CollapsedGroup {
  id: string;
  name: string;
  members: string[];
}

/** What the analyst has put on the chart, and what they did to it. */
export interface ChartContents {
  records: Record<string, ChartRecord>;
  links: Record<string, ChartLink>;
  hidden: string[];
  pinned: string[];
  /** The records each expanded record brought onto the chart, so collapsing it takes them away again. */
  expandedBy: Record<string, string[]>;
  collapsedGroups: CollapsedGroup[];
}

export const emptyContents: ChartContents = {
  records: {},
  links: {},
  hidden: [],
  pinned: [],
  expandedBy: {},
  collapsedGroups: [],
};

const asLevel = (value: unknown): Level | undefined =>
  value === 1 || value === 2 || value === 3 || value === 'archived' ? value : undefined;

/** A record as the entity and network routes return it, in chart terms (caption from the schema). */
export function recordFromEntity(label: string, record: Record<string, unknown>, schema: SchemaDocument): ChartRecord {
  const declared = schema.nodes.find((node) => node.label === label);
  const id = String(record.id);
  const chartRecord: ChartRecord = {
    id,
    label,
    caption: String(record[declared?.caption ?? 'name'] ?? id),
    archived: record.archivedAt !== undefined && record.archivedAt !== null,
  };
  const level = asLevel(record.levelOfConcern);
  if (level !== undefined) chartRecord.levelOfConcern = level;
  if (record.pseudonymised === true) chartRecord.pseudonymised = true;
  if (typeof record.reference === 'string') chartRecord.reference = record.reference;
  if (typeof record.type === 'string') chartRecord.type = record.type;
  if (typeof record.occurredOn === 'string') chartRecord.occurredOn = record.occurredOn.slice(0, 10);
  if (record.disrupted === true) chartRecord.disrupted = true;
  return chartRecord;
}

/** A record as the analyses summarise it (already captioned for this viewer). */
export function recordFromSummary(summary: {
  id: string;
  label: string;
  caption: string;
  archived: boolean;
  levelOfConcern?: unknown;
  pseudonymised?: boolean | undefined;
  reference?: string | undefined;
  type?: string | undefined;
  occurredOn?: string | undefined;
}): ChartRecord {
  const record: ChartRecord = {
    id: summary.id,
    label: summary.label,
    caption: summary.caption,
    archived: summary.archived,
  };
  const level = asLevel(summary.levelOfConcern);
  if (level !== undefined) record.levelOfConcern = level;
  if (summary.pseudonymised) record.pseudonymised = true;
  if (summary.reference) record.reference = summary.reference;
  if (summary.occurredOn) record.occurredOn = summary.occurredOn;
  if (summary.type) record.type = summary.type;
  return record;
}

export function linkFromEvidence(link: Record<string, unknown> & ChartLink): ChartLink {
  const { id, type, from, to, sourceAgency, sourceReference, gradingSource, gradingInformation } = link;
  const { gradingHandling, firstSeen, lastSeen } = link;
  return {
    id,
    type,
    from,
    to,
    ...(sourceAgency === undefined ? {} : { sourceAgency }),
    ...(sourceReference === undefined ? {} : { sourceReference }),
    ...(gradingSource === undefined ? {} : { gradingSource }),
    ...(gradingInformation === undefined ? {} : { gradingInformation }),
    ...(gradingHandling === undefined ? {} : { gradingHandling }),
    ...(firstSeen === undefined ? {} : { firstSeen }),
    ...(lastSeen === undefined ? {} : { lastSeen }),
  };
}

const byId = <T extends { id: string }>(items: readonly T[]) =>
  Object.fromEntries(items.map((item) => [item.id, item]));

/** The whole network, as the chart first shows it. */
export function contentsFromNetwork(network: Network, schema: SchemaDocument): ChartContents {
  return {
    ...emptyContents,
    records: byId(network.nodes.map((node) => recordFromEntity(node.label, node.record, schema))),
    links: byId(network.links.map((link) => linkFromEvidence(link as Record<string, unknown> & ChartLink))),
  };
}
