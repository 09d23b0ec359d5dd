import type { AnyNodeDeclaration } from '../../graph-schema/index.ts';
import type { Visibility } from './viewer.ts';

/**
 * A record as this viewer may see it: for roles without names, a young person appears by reference code,
 * identifying properties removed, unless the viewer revealed that one with a reason in this session.
 */
export function present<R extends Record<string, unknown> & { id: string }>(
  declaration: AnyNodeDeclaration,
  record: R,
  visibility: Visibility,
): R {
  const identifying = declaration.identifying ?? [];
  if (!identifying.length || visibility.names || visibility.revealed.has(record.id)) return record;
  const shown: Record<string, unknown> = { ...record, pseudonymised: true };
  for (const property of identifying) delete shown[property];
  if (declaration.pseudonym) shown[declaration.caption] = record[declaration.pseudonym];
  return shown as R;
}

/** The property a viewer may search by: the caption, or the pseudonym when names are hidden. */
export function searchableCaption(declaration: AnyNodeDeclaration, visibility: Visibility): string {
  const hidden = !visibility.names && (declaration.identifying ?? []).includes(declaration.caption);
  return hidden && declaration.pseudonym ? declaration.pseudonym : declaration.caption;
}

/** The properties a viewer may search by (name, alias, reference, phone, postcode …): never a hidden one. */
export function searchableProperties(declaration: AnyNodeDeclaration, visibility: Visibility): string[] {
  const identifying = new Set<string>(visibility.names ? [] : (declaration.identifying ?? []));
  const allowed = declaration.searchable.filter((property) => !identifying.has(property));
  const pseudonym = identifying.size && declaration.pseudonym ? [declaration.pseudonym] : [];
  return [...new Set([...allowed, ...pseudonym])];
}
