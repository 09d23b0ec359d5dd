import { useSearchParams } from 'react-router';
import { filtersFromSearch, filtersToSearch } from './workspace/filters.ts';

/** A link to another view that keeps the chart's filters (and nothing else of this view's parameters). */
export function useKeepFilters() {
  const [search] = useSearchParams();
  return (pathname: string, extra: Record<string, string> = {}) => {
    const next = filtersToSearch(filtersFromSearch(search), new URLSearchParams(extra));
    const text = next.toString();
    return { pathname, search: text ? `?${text}` : '' };
  };
}
