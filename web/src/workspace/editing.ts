import type { ChartContents, ChartLink, ChartRecord, CollapsedGroup } from './contents.ts';

/**
 * What an analyst can do to the chart, as pure functions from contents to contents: the chart and the
 * list both draw the result, and the reducer in ChartContext only picks which one to call.
 */

const without = (list: readonly string[], ids: ReadonlySet<string>) => list.filter((id) => !ids.has(id));

/** Adds records and links; those new to the chart are remembered as brought in by `expandedFrom`. */
export function addToChart(
  contents: ChartContents,
  added: { records: readonly ChartRecord[]; links: readonly ChartLink[]; expandedFrom?: string },
): ChartContents {
  const records = { ...contents.records };
  const brought: string[] = [];
  for (const record of added.records) {
    if (!records[record.id]) brought.push(record.id);
    records[record.id] = { ...records[record.id], ...record };
  }
  const links = { ...contents.links };
  for (const link of added.links) if (records[link.from] && records[link.to]) links[link.id] = link;
  const shown = new Set(added.records.map((r) => r.id));
  const expandedBy = { ...contents.expandedBy };
  if (added.expandedFrom) {
    expandedBy[added.expandedFrom] = [...new Set([...(expandedBy[added.expandedFrom] ?? []), ...brought])].filter(
      (id) => id !== added.expandedFrom,
    );
  }
  return { ...contents, records, links, expandedBy, hidden: without(contents.hidden, shown) };
}

/** Takes records off the chart altogether, with their links. */
export function removeFromChart(contents: ChartContents, ids: ReadonlySet<string>): ChartContents {
  const records = Object.fromEntries(Object.entries(contents.records).filter(([id]) => !ids.has(id)));
  const links = Object.fromEntries(
    Object.entries(contents.links).filter(([, link]) => !ids.has(link.from) && !ids.has(link.to)),
  );
  const expandedBy = Object.fromEntries(
    Object.entries(contents.expandedBy)
      .filter(([id]) => !ids.has(id))
      .map(([id, brought]) => [id, without(brought, ids)]),
  );
  return {
    ...contents,
    records,
    links,
    expandedBy,
    hidden: without(contents.hidden, ids),
    pinned: without(contents.pinned, ids),
  };
}

/** Takes away what expanding `id` brought in, except records that are pinned or were expanded themselves. */
export function collapseRecord(contents: ChartContents, id: string): ChartContents {
  const kept = new Set([...contents.pinned, ...Object.keys(contents.expandedBy)]);
  const leaving = new Set((contents.expandedBy[id] ?? []).filter((other) => !kept.has(other)));
  const collapsed = removeFromChart(contents, leaving);
  const { [id]: _collapsed, ...expandedBy } = collapsed.expandedBy;
  return { ...collapsed, expandedBy };
}

export function hideRecords(contents: ChartContents, ids: readonly string[]): ChartContents {
  return { ...contents, hidden: [...new Set([...contents.hidden, ...ids])] };
}

export function showAllRecords(contents: ChartContents): ChartContents {
  return { ...contents, hidden: [] };
}

export function togglePin(contents: ChartContents, id: string): ChartContents {
  const pinned = contents.pinned.includes(id) ? contents.pinned.filter((p) => p !== id) : [...contents.pinned, id];
  return { ...contents, pinned };
}

/** Keeps these records alone on the chart (a fresh start from a search result). */
export function keepOnly(contents: ChartContents, ids: readonly string[]): ChartContents {
  const keep = new Set(ids);
  return {
    ...removeFromChart(contents, new Set(Object.keys(contents.records).filter((id) => !keep.has(id)))),
    expandedBy: {},
  };
}

export function collapseGroup(contents: ChartContents, group: CollapsedGroup): ChartContents {
  const others = contents.collapsedGroups.filter((g) => g.id !== group.id);
  return { ...contents, collapsedGroups: [...others, group] };
}

export function expandGroup(contents: ChartContents, groupId: string): ChartContents {
  return { ...contents, collapsedGroups: contents.collapsedGroups.filter((g) => g.id !== groupId) };
}
