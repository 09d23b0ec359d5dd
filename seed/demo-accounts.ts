import { randomBytes } from 'node:crypto';
import { roles } from '../api/auth/roles.ts';
import { usersService } from '../api/auth/users.service.ts';
import type { Graph } from '../api/db/neo4j.ts';

/**
 * One demo account per role, named after it. The password is PATMAP_DEMO_PASSWORD when set (for scripted
 * demos and tests), or else a random one that the caller prints once. Demo data only.
 */
export async function createDemoAccounts(graph: Graph, password = process.env.PATMAP_DEMO_PASSWORD) {
  const chosen = password ?? randomBytes(12).toString('base64url');
  const users = usersService(graph);
  for (const role of roles) {
    await users.save({ username: role, role, password: chosen }, 'demo-seed', { replace: true });
  }
  return { usernames: [...roles], password: chosen, fromEnvironment: password !== undefined };
}
