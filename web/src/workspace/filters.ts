import type { ChartFilters } from '../../../api/views/view-state.ts';
import type { ChartContents, ChartLink, ChartRecord } from './contents.ts';

export type { ChartFilters };

export const noFilters: ChartFilters = { labels: [], levels: [], linkTypes: [], minSource: 3, minInformation: 'E' };

const informationOrder = ['A', 'B', 'C', 'D', 'E'];
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The filters as the URL carries them, so a shared link shows the same chart and panels. */
export function filtersFromSearch(search: URLSearchParams): ChartFilters {
  const list = (name: string) => (search.get(name) ?? '').split(',').filter(Boolean);
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const source = Number(search.get('minSource'));
  const information = search.get('minInformation') ?? 'E';
  const filters: ChartFilters = {
    labels: list('labels') as ChartFilters['labels'],
    levels: list('levels').filter((l): l is ChartFilters['levels'][number] => ['1', '2', '3', 'archived'].includes(l)),
    linkTypes: list('linkTypes'),
    minSource: source === 1 || source === 2 ? source : 3,
    minInformation: (informationOrder.includes(information) ? information : 'E') as ChartFilters['minInformation'],
  };
  if (isoDate.test(from)) filters.from = from;
  if (isoDate.test(to)) filters.to = to;
  return filters;
}

const filterKeys = ['from', 'to', 'labels', 'levels', 'linkTypes', 'minSource', 'minInformation'] as const;

/** Writes the filters into `search`, leaving its other parameters (a selected row, say) alone. */
export function filtersToSearch(filters: ChartFilters, search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const key of filterKeys) next.delete(key);
  if (filters.from) next.set('from', filters.from);
  if (filters.to) next.set('to', filters.to);
  if (filters.labels.length) next.set('labels', filters.labels.join(','));
  if (filters.levels.length) next.set('levels', filters.levels.join(','));
  if (filters.linkTypes.length) next.set('linkTypes', filters.linkTypes.join(','));
  if (filters.minSource !== 3) next.set('minSource', String(filters.minSource));
  if (filters.minInformation !== 'E') next.set('minInformation', filters.minInformation);
  return next;
}

/** The filters as the analysis routes take them. */
export function analysisParams(filters: ChartFilters): Record<string, string> {
  const params: Record<string, string> = {
    minSource: String(filters.minSource),
    minInformation: filters.minInformation,
  };
  if (filters.from) params.from = filters.from;
  if (filters.to) params.to = filters.to;
  return params;
}

export const hasTimeWindow = (filters: ChartFilters) => Boolean(filters.from || filters.to);

/** A link counts when it was seen in the window, is of a shown type, and is graded at least as well as asked. */
export function linkPasses(link: ChartLink, filters: ChartFilters): boolean {
  if (filters.linkTypes.length && !filters.linkTypes.includes(link.type)) return false;
  if (link.gradingSource !== undefined && link.gradingSource > filters.minSource) return false;
  if (
    link.gradingInformation !== undefined &&
    informationOrder.indexOf(link.gradingInformation) > informationOrder.indexOf(filters.minInformation)
  ) {
    return false;
  }
  const lastSeen = link.lastSeen ?? link.firstSeen;
  if (filters.from && lastSeen && lastSeen < filters.from) return false;
  if (filters.to && link.firstSeen && link.firstSeen > filters.to) return false;
  return true;
}

export function recordPasses(record: ChartRecord, filters: ChartFilters): boolean {
  if (filters.labels.length && !filters.labels.includes(record.label as ChartFilters['labels'][number])) return false;
  if (filters.levels.length && record.label === 'YoungPerson') {
    return record.levelOfConcern !== undefined && filters.levels.includes(String(record.levelOfConcern) as '1');
  }
  return true;
}

/** The earliest and latest dates any link on the chart was seen, for the time slider's ends. */
export function dateRange(contents: ChartContents): { first: string; last: string } | undefined {
  const dates = Object.values(contents.links)
    .flatMap((link) => [link.firstSeen, link.lastSeen ?? undefined])
    .filter((date): date is string => Boolean(date))
    .sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  return first && last ? { first, last } : undefined;
}
