import type { ChartContents, ChartLink, ChartRecord } from './contents.ts';
import { type ChartFilters, hasTimeWindow, linkPasses, recordPasses } from './filters.ts';

/** What the chart, the list and the CSV export all show: one answer, so they never disagree. */
export interface VisibleChart {
  records: ChartRecord[];
  links: ChartLink[];
  /** Records drawn inside a collapsed group, by the group node's id. */
  groupMembers: Record<string, string[]>;
}

export const groupNodeId = (groupId: string) => `group:${groupId}`;

/**
 * Applies what was hidden, the filters and the collapsed groups. With a time window, records left with no
 * link in it drop out too (unless pinned), so the chart shows who was active then.
 */
export function visibleChart(contents: ChartContents, filters: ChartFilters): VisibleChart {
  const hidden = new Set(contents.hidden);
  const pinned = new Set(contents.pinned);
  const shownRecords = Object.values(contents.records).filter((r) => !hidden.has(r.id) && recordPasses(r, filters));
  const shownIds = new Set(shownRecords.map((r) => r.id));
  let links = Object.values(contents.links).filter(
    (link) => shownIds.has(link.from) && shownIds.has(link.to) && linkPasses(link, filters),
  );
  let records = shownRecords;
  if (hasTimeWindow(filters)) {
    const active = new Set(links.flatMap((link) => [link.from, link.to]));
    records = shownRecords.filter((r) => active.has(r.id) || pinned.has(r.id));
  }

  const groupOf = new Map<string, string>();
  const groupMembers: Record<string, string[]> = {};
  const groupRecords: ChartRecord[] = [];
  const present = new Set(records.map((r) => r.id));
  for (const group of contents.collapsedGroups) {
    const members = group.members.filter((id) => present.has(id) && !groupOf.has(id));
    if (!members.length) continue;
    const nodeId = groupNodeId(group.id);
    for (const id of members) groupOf.set(id, nodeId);
    groupMembers[nodeId] = members;
    groupRecords.push({ id: nodeId, label: 'Group', caption: `${group.name} (${members.length})`, archived: false });
  }
  if (!groupOf.size) return { records, links, groupMembers };

  const drawnAt = (id: string) => groupOf.get(id) ?? id;
  links = links
    .map((link) => ({ ...link, from: drawnAt(link.from), to: drawnAt(link.to) }))
    .filter((link) => link.from !== link.to);
  return { records: [...records.filter((r) => !groupOf.has(r.id)), ...groupRecords], links, groupMembers };
}
