import { createHash, randomBytes } from 'node:crypto';
import type { Graph } from '../db/neo4j.ts';
import type { Role } from './roles.ts';
import * as cypher from './sessions.cypher.ts';
import type { Viewer } from './viewer.ts';

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however busy. */
  absoluteMs: number;
  /**
   * How long this process relies on a session it has read before reading it again (5 s unless said). What this
   * process does itself (sign-out, a reveal, an account change) takes effect at once; the same done by another
   * app instance or from the command line takes effect here within this time.
   */
  recheckMs?: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  recheckMs: 5_000,
};

/** Sessions held in memory at most; past it, those not read again within recheckMs are let go first. */
const maxRemembered = 10_000;

/** Only a hash of the token is stored, so a copy of the database does not hand out live sessions. */
const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

interface StoredSession {
  id: string;
  username: string;
  createdAt: number;
  lastSeenAt: number;
  revealed: string[];
}

interface SessionRow {
  session: StoredSession;
  role: Role;
  disabled: boolean;
}

export function sessionsService(graph: Graph, policy: SessionPolicy = defaultSessionPolicy) {
  const recheckMs = policy.recheckMs ?? defaultSessionPolicy.recheckMs ?? 0;
  /**
   * Sessions read in the last recheckMs, by id: the session check was a read transaction on every request, a
   * third of what a simple read cost under load. Whatever this process changes about a session forgets it here.
   */
  const remembered = new Map<string, { row: SessionRow; readAt: number }>();
  /**
   * Moves on at every forget: a read that began before a change committed, and returns after it, is not
   * remembered (it may hold the session as it was before the change).
   */
  let forgets = 0;
  const forget = (id: string) => {
    forgets += 1;
    remembered.delete(id);
  };
  const remember = (id: string, row: SessionRow, now: number, forgetsBefore: number) => {
    if (recheckMs <= 0 || forgets !== forgetsBefore) return;
    if (remembered.size >= maxRemembered) {
      for (const [key, entry] of remembered) if (now - entry.readAt >= recheckMs) remembered.delete(key);
      if (remembered.size >= maxRemembered) remembered.clear();
    }
    remembered.set(id, { row, readAt: now });
  };
  async function lookUp(id: string, now: number): Promise<SessionRow | undefined> {
    const kept = remembered.get(id);
    if (kept && now - kept.readAt < recheckMs) return kept.row;
    const forgetsBefore = forgets;
    const [row] = await graph.read<SessionRow>(cypher.findSession, { id });
    if (row) remember(id, row, now, forgetsBefore);
    else remembered.delete(id);
    return row;
  }

  return {
    /** A new session with a new random token: never one the client brought (no session fixation). */
    async start(username: string): Promise<{ token: string; id: string }> {
      const token = randomBytes(32).toString('base64url');
      const now = Date.now();
      const session: StoredSession = { id: sessionId(token), username, createdAt: now, lastSeenAt: now, revealed: [] };
      await graph.write(cypher.createSession, { session });
      return { token, id: session.id };
    },

    /** The viewer behind a token, or undefined when it is unknown, expired or its account disabled. */
    async resolve(token: string): Promise<Viewer | undefined> {
      const id = sessionId(token);
      const now = Date.now();
      const row = await lookUp(id, now);
      if (!row) return undefined;
      const { session } = row;
      if (row.disabled || now - session.lastSeenAt > policy.idleMs || now - session.createdAt > policy.absoluteMs) {
        await graph.write(cypher.endSession, { id });
        forget(id);
        return undefined;
      }
      // Refresh the idle clock at most once a minute, not on every request.
      if (now - session.lastSeenAt > 60_000) {
        await graph.write(cypher.touchSession, { id, now });
        session.lastSeenAt = now;
      }
      return { username: session.username, role: row.role, sessionId: id, revealed: new Set(session.revealed) };
    },

    // Each change forgets the session once it has committed, so that no read from before it is relied on.
    async end(id: string) {
      await graph.write(cypher.endSession, { id });
      forget(id);
    },

    async reveal(id: string, subjectId: string) {
      await graph.write(cypher.addReveal, { id, subjectId });
      forget(id);
    },

    /** Once an account change that ended the account's sessions has committed: forget them here too. */
    forgetSessionsOf(username: string) {
      forgets += 1;
      for (const [id, entry] of remembered) if (entry.row.session.username === username) remembered.delete(id);
    },

    endExpired: () =>
      graph.write(cypher.endExpiredSessions, {
        idleBefore: Date.now() - policy.idleMs,
        createdBefore: Date.now() - policy.absoluteMs,
      }),
  };
}

export type SessionsService = ReturnType<typeof sessionsService>;
