import { z } from 'zod';
import { appendAudit } from '../audit/audit.service.ts';
import type { Graph } from '../db/neo4j.ts';
import { conflict } from '../http/errors.ts';
import { hashPassword, passwordRules } from './passwords.ts';
import { type Role, roles } from './roles.ts';
import * as cypher from './users.cypher.ts';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, '3 to 40 letters, digits, dots, dashes or underscores');

export const newUserSchema = z.object({
  username: usernameSchema,
  role: z.enum(roles),
  password: z.string().min(passwordRules.minLength).max(passwordRules.maxLength),
});
export type NewUser = z.infer<typeof newUserSchema>;

export interface StoredUser {
  username: string;
  role: Role;
  passwordHash: string;
  disabled?: boolean;
}

export function usersService(graph: Graph) {
  return {
    async find(username: string): Promise<StoredUser | undefined> {
      const [row] = await graph.read<{ user: StoredUser }>(cypher.findUser, {
        username: username.trim().toLowerCase(),
      });
      return row?.user;
    },

    /** Creates an account, or with `replace` sets an existing one's password and role; audited as `by`. */
    async save(
      input: NewUser,
      by: string,
      options: { replace?: boolean } = {},
    ): Promise<{ username: string; role: Role }> {
      const user = newUserSchema.parse(input);
      const passwordHash = await hashPassword(user.password);
      return graph.writeTransaction(async (tx) => {
        const [existing] = await tx.run<{ user: StoredUser }>(cypher.findUser, { username: user.username });
        if (existing && !options.replace) throw conflict(`An account named ${user.username} already exists`);
        // A new password or role ends the account's sessions: whoever held them must sign in again.
        if (existing) await tx.run(cypher.endSessionsOf, { username: user.username });
        const [saved] = existing
          ? await tx.run<{ user: { username: string; role: Role } }>(cypher.setPassword, {
              username: user.username,
              passwordHash,
              role: user.role,
            })
          : await tx.run<{ user: { username: string; role: Role } }>(cypher.createUser, {
              user: { username: user.username, role: user.role, passwordHash, disabled: false },
            });
        await appendAudit(tx, {
          action: existing ? 'user-update' : 'user-create',
          username: by,
          subjectType: 'User',
          subjectId: user.username,
          details: { role: user.role, passwordChanged: true },
        });
        if (!saved) throw new Error('Saving the account returned nothing');
        return saved.user;
      });
    },

    async count(): Promise<number> {
      const [row] = await graph.read<{ users: number }>(cypher.countUsers);
      return row?.users ?? 0;
    },
  };
}

export type UsersService = ReturnType<typeof usersService>;
