import type { ViewState } from '../api.ts';
import type { ChartContents } from '../workspace/contents.ts';
import type { ChartFilters } from '../workspace/filters.ts';
import type { Position } from '../workspace/placement.ts';

const isRecordId = (id: string) => !id.startsWith('group:');

/** The chart as a saved view keeps it: ids, positions, what was hidden, pinned and collapsed, and the filters. */
export function toViewState(
  contents: ChartContents,
  positions: Record<string, Position>,
  filters: ChartFilters,
): ViewState {
  const records = Object.keys(contents.records);
  const onChart = new Set(records);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    records,
    hidden: contents.hidden.filter((id) => onChart.has(id)),
    pinned: contents.pinned.filter((id) => onChart.has(id)),
    positions: Object.fromEntries(
      Object.entries(positions)
        .filter(([id]) => onChart.has(id) || !isRecordId(id))
        .map(([id, p]) => [id, { x: round(p.x), y: round(p.y) }]),
    ),
    collapsedGroups: contents.collapsedGroups,
    filters,
  };
}

/**
 * A saved view back on the chart, from the records the viewer may see now (`available`): those gone or no
 * longer visible are left out, and counted, so the analyst is told.
 */
export function fromViewState(
  state: ViewState,
  available: ChartContents,
): { contents: ChartContents; missing: number } {
  const kept = state.records.filter((id) => available.records[id]);
  const keep = new Set(kept);
  return {
    contents: {
      records: Object.fromEntries(kept.map((id) => [id, available.records[id]]).filter(([, r]) => r)),
      links: Object.fromEntries(
        Object.entries(available.links).filter(([, link]) => keep.has(link.from) && keep.has(link.to)),
      ),
      hidden: state.hidden.filter((id) => keep.has(id)),
      pinned: state.pinned.filter((id) => keep.has(id)),
      expandedBy: {},
      collapsedGroups: state.collapsedGroups,
    },
    missing: state.records.length - kept.length,
  };
}
