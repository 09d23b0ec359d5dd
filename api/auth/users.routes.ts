import { z } from 'zod';
import { type RouteDeclaration, route } from '../http/route.ts';
import { roles } from './roles.ts';
import { accountChangesSchema, newUserSchema, type UsersService, usernameSchema } from './users.service.ts';

const account = z.object({
  username: z.string(),
  role: z.enum(roles),
  disabled: z.boolean().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});

/** Account administration for the admin role. Passwords are never returned. */
export function usersRoutes(users: UsersService): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/users',
      summary: 'List accounts',
      tag: 'users',
      permission: 'users:manage',
      response: z.object({ items: z.array(account) }),
      handler: async () => ({ items: await users.list() }),
    }),
    route({
      method: 'post',
      path: '/api/users',
      summary: 'Create an account',
      tag: 'users',
      permission: 'users:manage',
      body: newUserSchema.strict(),
      status: 201,
      response: account,
      errors: [409],
      handler: ({ body, viewer }) => users.create(body, viewer.username),
    }),
    route({
      method: 'patch',
      path: '/api/users/:username',
      summary: "Change an account's role or password, or disable it (ends its sessions)",
      tag: 'users',
      permission: 'users:manage',
      params: z.object({ username: usernameSchema }),
      body: accountChangesSchema,
      response: account,
      errors: [404],
      handler: ({ params, body, viewer }) => users.update(params.username, body, viewer.username),
    }),
  ];
}
