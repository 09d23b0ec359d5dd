import { useQuery } from '@tanstack/react-query';
import { fetchNetwork, fetchSchema } from './api.ts';

/** Server state the whole app shares, cached by TanStack Query under one key each. */
export const useSchema = (enabled: boolean) => useQuery({ queryKey: ['schema'], queryFn: fetchSchema, enabled });

export const useNetwork = (enabled: boolean) =>
  useQuery({ queryKey: ['network'], queryFn: () => fetchNetwork(), enabled, staleTime: Number.POSITIVE_INFINITY });

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
