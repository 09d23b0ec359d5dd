import { useQuery } from '@tanstack/react-query';
import { fetchNetwork, fetchSchema, type NetworkLimits } from './api.ts';

/** Server state the whole app shares, cached by TanStack Query under one key each. */
export const useSchema = (enabled: boolean) => useQuery({ queryKey: ['schema'], queryFn: fetchSchema, enabled });

/** `?nodeLimit=&linkLimit=` on the page's first URL raise the chart's limits (the browser benchmark uses them). */
const pageLimits = (): NetworkLimits => {
  const search = new URLSearchParams(window.location.search);
  return { nodeLimit: search.get('nodeLimit') ?? undefined, linkLimit: search.get('linkLimit') ?? undefined };
};
const limits = pageLimits();

export const useNetwork = (enabled: boolean) =>
  useQuery({
    queryKey: ['network'],
    queryFn: () => fetchNetwork(limits),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
