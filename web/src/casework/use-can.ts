import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '../api.ts';

/** Whether the signed-in user holds a permission (the API decides; this only hides controls they cannot use). */
export function useCan(permission: string): boolean {
  const me = useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });
  return Boolean(me.data?.permissions.includes(permission));
}
