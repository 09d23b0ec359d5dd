/** Importing writes records and links both. Kept apart from the import screen, which loads only when opened. */
export const canImport = (permissions: readonly string[]) =>
  permissions.includes('records:write') && permissions.includes('links:write');
