import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '../../api.ts';

/** Whether the signed-in user may do this; the area is only shown once the user is known, so this is cached. */
export function useCan(permission: string): boolean {
  const me = useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });
  return Boolean(me.data?.permissions.includes(permission));
}
