import { z } from 'zod';
import { appendAudit } from '../audit/audit.service.ts';
import type { Graph } from '../db/neo4j.ts';
import { conflict, notFound } from '../http/errors.ts';
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

export const accountChangesSchema = z
  .object({
    role: z.enum(roles),
    password: newUserSchema.shape.password,
    disabled: z.boolean(),
  })
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, 'Name at least one of role, password, disabled');
export type AccountChanges = z.infer<typeof accountChangesSchema>;

export interface AccountSummary {
  username: string;
  role: Role;
  disabled?: boolean;
}

export interface StoredUser {
  username: string;
  role: Role;
  passwordHash: string;
  disabled?: boolean;
}

/** What an account change tells the sessions this process remembers (see sessionsService). */
export interface SessionsOfAccounts {
  forgetSessionsOf(username: string): void;
}

export function usersService(graph: Graph, sessions?: SessionsOfAccounts) {
  return {
    async find(username: string): Promise<StoredUser | undefined> {
      const [row] = await graph.read<{ user: StoredUser }>(cypher.findUser, {
        username: username.trim().toLowerCase(),
      });
      return row?.user;
    },

    /** A new account, audited as made by `by`. */
    async create(input: NewUser, by: string): Promise<AccountSummary> {
      const user = newUserSchema.parse(input);
      const passwordHash = await hashPassword(user.password);
      return graph.writeTransaction(async (tx) => {
        const [existing] = await tx.run<{ user: StoredUser }>(cypher.findUser, { username: user.username });
        if (existing) throw conflict(`An account named ${user.username} already exists`);
        const [saved] = await tx.run<{ user: AccountSummary }>(cypher.createUser, {
          user: { username: user.username, role: user.role, passwordHash, disabled: false },
        });
        await appendAudit(tx, {
          action: 'user-create',
          username: by,
          subjectType: 'User',
          subjectId: user.username,
          details: { role: user.role },
        });
        if (!saved) throw new Error('Creating the account returned nothing');
        return saved.user;
      });
    },

    /** Changes an account's role, password or disabled flag; any change ends its sessions. */
    async update(username: string, input: AccountChanges, by: string): Promise<AccountSummary> {
      const changes = accountChangesSchema.parse(input);
      // An admin who locked themselves out could be the last one: then no one could manage accounts.
      if (
        by.trim().toLowerCase() === username.trim().toLowerCase() &&
        (changes.disabled === true || (changes.role !== undefined && changes.role !== 'admin'))
      ) {
        throw conflict(
          'You cannot disable your own account or take away its admin role: another admin can, or `npm run user:create -- --reset` on the server',
        );
      }
      const stored: Record<string, unknown> = { ...changes };
      delete stored.password;
      if (changes.password) stored.passwordHash = await hashPassword(changes.password);
      const saved = await graph.writeTransaction(async (tx) => {
        const [row] = await tx.run<{ user: AccountSummary }>(cypher.updateUser, { username, changes: stored });
        if (!row) throw notFound('account', username);
        // Whoever held a session must sign in again under the new terms.
        await tx.run(cypher.endSessionsOf, { username });
        await appendAudit(tx, {
          action: 'user-update',
          username: by,
          subjectType: 'User',
          subjectId: username,
          details: { role: changes.role, disabled: changes.disabled, passwordChanged: Boolean(changes.password) },
        });
        return row.user;
      });
      sessions?.forgetSessionsOf(saved.username);
      return saved;
    },

    /** Creates the account, or with `replace` gives an existing one this password and role, and enables it. */
    async save(input: NewUser, by: string, options: { replace?: boolean } = {}): Promise<AccountSummary> {
      const user = newUserSchema.parse(input);
      if (options.replace && (await this.find(user.username))) {
        return this.update(user.username, { role: user.role, password: user.password, disabled: false }, by);
      }
      return this.create(user, by);
    },

    async list(): Promise<AccountSummary[]> {
      const rows = await graph.read<{ user: AccountSummary }>(cypher.listUsers);
      return rows.map((row) => row.user);
    },
  };
}

export type UsersService = ReturnType<typeof usersService>;
