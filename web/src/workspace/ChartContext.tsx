import { createContext, type ReactNode, useContext, useMemo, useReducer, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { SchemaDocument } from '../api.ts';
import type { Highlight } from '../chart/elements.ts';
import type { ChartHandle } from '../chart/NetworkChart.tsx';
import {
  type ChartContents,
  type ChartLink,
  type ChartRecord,
  type CollapsedGroup,
  emptyContents,
} from './contents.ts';
import * as editing from './editing.ts';
import { type ChartFilters, filtersFromSearch, filtersToSearch } from './filters.ts';
import type { Position } from './placement.ts';
import { type VisibleChart, visibleChart } from './visible.ts';

export type ChartAction =
  | { type: 'replace'; contents: ChartContents }
  | { type: 'add'; records: readonly ChartRecord[]; links: readonly ChartLink[]; expandedFrom?: string }
  | { type: 'collapse'; id: string }
  | { type: 'hide'; ids: readonly string[] }
  | { type: 'show-all' }
  | { type: 'toggle-pin'; id: string }
  | { type: 'keep-only'; ids: readonly string[] }
  | { type: 'collapse-group'; group: CollapsedGroup }
  | { type: 'expand-group'; groupId: string };

function reduce(contents: ChartContents, action: ChartAction): ChartContents {
  switch (action.type) {
    case 'replace':
      return action.contents;
    case 'add':
      return editing.addToChart(contents, action);
    case 'collapse':
      return editing.collapseRecord(contents, action.id);
    case 'hide':
      return editing.hideRecords(contents, action.ids);
    case 'show-all':
      return editing.showAllRecords(contents);
    case 'toggle-pin':
      return editing.togglePin(contents, action.id);
    case 'keep-only':
      return editing.keepOnly(contents, action.ids);
    case 'collapse-group':
      return editing.collapseGroup(contents, action.group);
    case 'expand-group':
      return editing.expandGroup(contents, action.groupId);
  }
}

export interface ChartWorkspace {
  schema: SchemaDocument;
  contents: ChartContents;
  dispatch(action: ChartAction): void;
  filters: ChartFilters;
  setFilters(filters: ChartFilters): void;
  visible: VisibleChart;
  selected: readonly string[];
  setSelected(ids: readonly string[]): void;
  highlight: Highlight | undefined;
  setHighlight(highlight: Highlight | undefined): void;
  /** Positions to put records at when a saved view is reopened (a new object each time). */
  restore: Record<string, Position> | undefined;
  setRestore(positions: Record<string, Position>): void;
  chart: React.RefObject<ChartHandle | null>;
}

const ChartWorkspaceContext = createContext<ChartWorkspace | undefined>(undefined);

/** The chart's state, shared by the chart, the toolbar, the panels and the list. Filters live in the URL. */
export function ChartWorkspaceProvider({ schema, children }: { schema: SchemaDocument; children: ReactNode }) {
  const [contents, dispatch] = useReducer(reduce, emptyContents);
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const [selected, setSelected] = useState<readonly string[]>([]);
  const [highlight, setHighlight] = useState<Highlight | undefined>();
  const [restore, setRestore] = useState<Record<string, Position> | undefined>();
  const chart = useRef<ChartHandle | null>(null);
  const visible = useMemo(() => visibleChart(contents, filters), [contents, filters]);
  const value = useMemo<ChartWorkspace>(
    () => ({
      schema,
      contents,
      dispatch,
      filters,
      setFilters: (next) => setSearch((current) => filtersToSearch(next, current), { replace: true }),
      visible,
      selected,
      setSelected,
      highlight,
      setHighlight,
      restore,
      setRestore,
      chart,
    }),
    [schema, contents, filters, setSearch, visible, selected, highlight, restore],
  );
  return <ChartWorkspaceContext.Provider value={value}>{children}</ChartWorkspaceContext.Provider>;
}

export function useChartWorkspace(): ChartWorkspace {
  const workspace = useContext(ChartWorkspaceContext);
  if (!workspace) throw new Error('useChartWorkspace outside ChartWorkspaceProvider');
  return workspace;
}
