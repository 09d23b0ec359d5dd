import { isNodeLabel, nodeDeclaration } from '../../graph-schema/index.ts';
import { epochDay, type Mirror, mirrorLabels } from '../analysis/mirror/mirror.ts';
import type { AnalysisMirror } from '../analysis/mirror/mirror-sync.ts';
import type { LinkEvidence } from '../analysis/summary.ts';
import { linksAmong } from '../analysis/walks.ts';
import { present } from '../auth/pseudonymise.ts';
import type { Visibility } from '../auth/viewer.ts';
import type { Graph } from '../db/neo4j.ts';
import { activelyDisrupted } from '../operations/disruptions/disruptions.service.ts';

export interface NetworkNode {
  id: string;
  label: string;
  /** What the chart draws: the caption (a pseudonym where names are hidden), reference, level, type, dates. */
  record: Record<string, unknown> & { id: string };
}

export type NetworkLink = LinkEvidence;

export interface Network {
  nodes: NetworkNode[];
  links: NetworkLink[];
  /** True when the caps left some nodes or links out. */
  truncated: boolean;
}

export interface NetworkOptions {
  from?: string | undefined;
  to?: string | undefined;
  includeArchived: boolean;
  nodeLimit: number;
  linkLimit: number;
}

/** Beside each record's caption, the properties the chart shows or filters by; the full record is a click away. */
const chartProperties = ['reference', 'levelOfConcern', 'type', 'archivedAt', 'occurredOn', 'pseudonymised'];

/**
 * The chart's elements, read from the analysis mirror (brought up to date with every change committed before
 * the call): the first `nodeLimit` records in id order that the viewer may see, and the links among them seen in
 * the window, in id order. The chart needs each record's caption and a few properties, not the whole record, and
 * reading a slice of 300 records and their links through Cypher cost the app and Neo4j over 100 ms of CPU.
 */
export function networkService(graph: Graph, mirrors: Pick<AnalysisMirror, 'current'>) {
  return {
    async network(
      { from, to, includeArchived, nodeLimit, linkLimit }: NetworkOptions,
      visibility: Visibility,
    ): Promise<Network> {
      // Side by side: asked after the mirror, the disruptions were a third wait on Neo4j, and made the slice the
      // slowest read under load.
      const [mirror, disrupted] = await Promise.all([mirrors.current(), activelyDisrupted(graph)]);
      const slots = visibleRecords(mirror, includeArchived, visibility.policeIntelligence, nodeLimit + 1);
      const kept = slots.slice(0, nodeLimit);
      const nodes = kept.map((n) => {
        const row = mirror.record(n);
        const label = mirrorLabels[mirror.label(n)] as string;
        const record = chartRecord(label, row, visibility);
        // Under a disruption that has not expired: the chart marks it.
        if (disrupted.has(row.id)) record.disrupted = true;
        return { id: row.id, label, record };
      });
      const window = { from: from ? epochDay(from) : undefined, to: to ? epochDay(to) : undefined };
      const { policeIntelligence } = visibility;
      const links = linksAmong(
        mirror,
        kept,
        (l) =>
          (policeIntelligence || !mirror.linkPoliceOnlyAt(l)) &&
          (window.from === undefined || mirror.seen(l) >= window.from) &&
          (window.to === undefined || mirror.firstSeen(l) <= window.to),
        linkLimit + 1,
      );
      return {
        nodes,
        links: links.slice(0, linkLimit).map((l) => mirror.evidence(l)),
        truncated: slots.length > nodeLimit || links.length > linkLimit,
      };
    },
  };
}

function visibleRecords(mirror: Mirror, includeArchived: boolean, policeIntelligence: boolean, limit: number) {
  const slots: number[] = [];
  for (const n of mirror.idOrder()) {
    if (slots.length >= limit) break;
    if (!includeArchived && mirror.archived(n)) continue;
    if (!policeIntelligence && mirror.recordPoliceOnlyAt(n)) continue;
    slots.push(n);
  }
  return slots;
}

function chartRecord(label: string, row: Record<string, unknown> & { id: string }, visibility: Visibility) {
  if (!isNodeLabel(label)) throw new Error(`Undeclared node label ${label}`);
  const declaration = nodeDeclaration(label);
  const shown = present(declaration, row, visibility);
  const record: Record<string, unknown> & { id: string } = { id: row.id };
  for (const property of [declaration.caption, ...chartProperties]) {
    const value = shown[property];
    if (value !== undefined && value !== null) record[property] = value;
  }
  return record;
}
