export const findUser = `
MATCH (user:User {username: $username})
RETURN user {.*} AS user`;

export const createUser = `
CREATE (user:User)
SET user = $user, user.createdAt = datetime()
RETURN user {.username, .role, .disabled} AS user`;

export const updateUser = `
MATCH (user:User {username: $username})
SET user += $changes, user.updatedAt = datetime()
RETURN user {.username, .role, .disabled} AS user`;

export const listUsers = `
MATCH (user:User)
RETURN user {.username, .role, disabled: coalesce(user.disabled, false), .createdAt, .updatedAt} AS user
ORDER BY user.username`;

export const endSessionsOf = `
MATCH (session:UserSession {username: $username})
DELETE session`;
