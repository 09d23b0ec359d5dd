export const createSession = `
CREATE (session:UserSession)
SET session = $session`;

export const findSession = `
MATCH (session:UserSession {id: $id})
MATCH (user:User {username: session.username})
RETURN session {.*} AS session, user.role AS role, coalesce(user.disabled, false) AS disabled`;

export const touchSession = `
MATCH (session:UserSession {id: $id})
SET session.lastSeenAt = $now`;

export const endSession = `
MATCH (session:UserSession {id: $id})
DELETE session`;

export const endExpiredSessions = `
MATCH (session:UserSession)
WHERE session.lastSeenAt < $idleBefore OR session.createdAt < $createdBefore
DELETE session`;

export const addReveal = `
MATCH (session:UserSession {id: $id})
SET session.revealed = CASE WHEN $subjectId IN session.revealed THEN session.revealed
  ELSE session.revealed + $subjectId END`;
