/** Cypher for saved views: each is owned by one user, and only its owner reads, changes or deletes it. */

export const createView = `
CREATE (view:SavedView {id: $id, owner: $owner, name: $name, state: $state, version: 1,
  createdAt: datetime(), updatedAt: datetime()})
RETURN view {.id, .name, .state, .version, createdAt: toString(view.createdAt), updatedAt: toString(view.updatedAt)} AS view`;

export const listViews = `
MATCH (view:SavedView {owner: $owner})
WITH view ORDER BY view.updatedAt DESC
LIMIT toInteger($limit)
RETURN view {.id, .name, .version, updatedAt: toString(view.updatedAt)} AS view`;

export const getView = `
MATCH (view:SavedView {id: $id, owner: $owner})
RETURN view {.id, .name, .state, .version, createdAt: toString(view.createdAt), updatedAt: toString(view.updatedAt)} AS view`;

export const lockView = `
MATCH (view:SavedView {id: $id, owner: $owner})
SET view._lock = true
RETURN view.version AS version, view.name AS name`;

export const updateView = `
MATCH (view:SavedView {id: $id, owner: $owner})
SET view.name = $name, view.state = $state, view.version = view.version + 1, view.updatedAt = datetime()
REMOVE view._lock
RETURN view {.id, .name, .state, .version, createdAt: toString(view.createdAt), updatedAt: toString(view.updatedAt)} AS view`;

export const deleteView = `
MATCH (view:SavedView {id: $id, owner: $owner})
WITH view, view.name AS name
DELETE view
RETURN name`;
