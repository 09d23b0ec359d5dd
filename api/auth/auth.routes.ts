import { z } from 'zod';
import { addressOf, Reply, type RouteDeclaration, route } from '../http/route.ts';
import type { AuthService } from './auth.service.ts';
import { clearedSessionCookie, sessionCookie } from './cookie.ts';
import { type Role, rolePermissions, roles } from './roles.ts';

const me = z.object({ username: z.string(), role: z.enum(roles), permissions: z.array(z.string()) });

const describeUser = ({ username, role }: { username: string; role: Role }) => ({
  username,
  role,
  permissions: rolePermissions[role],
});

export function authRoutes(auth: AuthService): RouteDeclaration[] {
  return [
    route({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in: sets an HttpOnly session cookie',
      tag: 'auth',
      permission: 'public',
      body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) }).strict(),
      response: me,
      errors: [401, 429],
      handler: async ({ body, request }) => {
        const { token, user } = await auth.signIn({ ...body, address: addressOf(request) });
        return new Reply(200, describeUser(user), { 'set-cookie': sessionCookie(token, request.secure) });
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Sign out: ends the session on the server',
      tag: 'auth',
      permission: 'signed-in',
      response: z.object({ signedOut: z.literal(true) }),
      handler: async ({ viewer, request }) => {
        await auth.signOut(viewer, addressOf(request));
        return new Reply(200, { signedOut: true }, { 'set-cookie': clearedSessionCookie(request.secure) });
      },
    }),
    route({
      method: 'get',
      path: '/api/auth/me',
      summary: 'Who is signed in, with which role and permissions',
      tag: 'auth',
      permission: 'signed-in',
      response: me,
      handler: async ({ viewer }) => describeUser(viewer),
    }),
  ];
}
