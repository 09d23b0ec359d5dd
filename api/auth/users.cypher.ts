export const findUser = `
MATCH (user:User {username: $username})
RETURN user {.*} AS user`;

export const createUser = `
CREATE (user:User)
SET user = $user, user.createdAt = datetime()
RETURN user {.username, .role} AS user`;

export const setPassword = `
MATCH (user:User {username: $username})
SET user.passwordHash = $passwordHash, user.role = $role, user.updatedAt = datetime()
RETURN user {.username, .role} AS user`;

export const countUsers = `
MATCH (user:User)
RETURN count(user) AS users`;

export const endSessionsOf = `
MATCH (session:UserSession {username: $username})
DELETE session`;
