import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import type { Role, SignedInUser } from '../api.ts';
import { groupPages } from './pages.tsx';

/** Where each role lands on signing in, when not the chart: the operations group opens on its dashboard. */
const landingByRole: Partial<Record<Role, string>> = { member: '/group' };

/**
 * The page to send a user to when they arrive at / (on signing in, or opening patmap), once per sign-in: after
 * that / is the chart, so the group area's "Network chart" link still opens it.
 */
export function useLanding(user: SignedInUser | null | undefined): string | undefined {
  const { pathname } = useLocation();
  const landed = useRef(false);
  useEffect(() => {
    landed.current = Boolean(user);
  }, [user]);
  const landing = user ? landingByRole[user.role] : undefined;
  const dashboard = groupPages.find((page) => page.path === '');
  const allowed = Boolean(user && dashboard && user.permissions.includes(dashboard.permission));
  return !landed.current && pathname === '/' && landing && allowed ? landing : undefined;
}
