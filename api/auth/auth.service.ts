import type { AuditService } from '../audit/audit.service.ts';
import { HttpError } from '../http/errors.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import type { SessionsService } from './sessions.service.ts';
import type { UsersService } from './users.service.ts';
import type { Viewer } from './viewer.ts';

const wrongCredentials = () => new HttpError(401, 'sign_in_failed', 'Wrong username or password');

export interface AuthDependencies {
  users: UsersService;
  sessions: SessionsService;
  limiter: LoginLimiter;
  audit: AuditService;
}

export function authService({ users, sessions, limiter, audit }: AuthDependencies) {
  return {
    /** Checks the password, then starts a fresh session; every outcome is audited. */
    async signIn(input: { username: string; password: string; address: string }) {
      const username = input.username.trim().toLowerCase();
      const waitMs = await limiter.lockedFor(username, input.address);
      if (waitMs > 0) {
        await audit.record({ action: 'sign-in-blocked', username, address: input.address });
        const minutes = Math.ceil(waitMs / 60_000);
        throw new HttpError(429, 'too_many_attempts', `Too many failed sign-ins; try again in ${minutes} minutes`);
      }
      await limiter.attempted(username, input.address);
      const user = await users.find(username);
      const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
      if (!user || user.disabled || !passwordMatches) {
        await audit.record({ action: 'sign-in-failed', username, address: input.address });
        throw wrongCredentials();
      }
      await limiter.succeeded(username, input.address);
      const session = await sessions.start(user.username);
      await audit.record({ action: 'sign-in', username: user.username, role: user.role, address: input.address });
      return { token: session.token, user: { username: user.username, role: user.role } };
    },

    async signOut(viewer: Viewer, address: string) {
      await sessions.end(viewer.sessionId);
      await audit.record({ action: 'sign-out', username: viewer.username, role: viewer.role, address });
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
