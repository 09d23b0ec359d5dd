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
}

export const defaultSessionPolicy: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 };

/** Only a hash of the token is stored, so a copy of the database does not hand out live sessions. */
const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

interface StoredSession {
  id: string;
  username: string;
  createdAt: number;
  lastSeenAt: number;
  revealed: string[];
}

export function sessionsService(graph: Graph, policy: SessionPolicy = defaultSessionPolicy) {
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
      const [row] = await graph.read<{ session: StoredSession; role: Role; disabled: boolean }>(cypher.findSession, {
        id,
      });
      if (!row) return undefined;
      const now = Date.now();
      const { session } = row;
      if (row.disabled || now - session.lastSeenAt > policy.idleMs || now - session.createdAt > policy.absoluteMs) {
        await graph.write(cypher.endSession, { id });
        return undefined;
      }
      // Refresh the idle clock at most once a minute, not on every request.
      if (now - session.lastSeenAt > 60_000) await graph.write(cypher.touchSession, { id, now });
      return { username: session.username, role: row.role, sessionId: id, revealed: new Set(session.revealed) };
    },

    end: (id: string) => graph.write(cypher.endSession, { id }),

    reveal: (id: string, subjectId: string) => graph.write(cypher.addReveal, { id, subjectId }),

    endExpired: () =>
      graph.write(cypher.endExpiredSessions, {
        idleBefore: Date.now() - policy.idleMs,
        createdBefore: Date.now() - policy.absoluteMs,
      }),
  };
}

export type SessionsService = ReturnType<typeof sessionsService>;
