import type { z } from 'zod';

export const nodeLabels = ['YoungPerson', 'PersonOfInterest', 'Location', 'Event'] as const;
export type NodeLabel = (typeof nodeLabels)[number];

/** Every declared node also carries this label, so one index finds any entity by id. */
export const entityLabel = 'Entity';

/** The three sides of the Problem Analysis Triangle, and events: one triangle observed at one time. */
export type PatSide = 'victim' | 'offender' | 'location' | 'event';

/** A property whose value does not fit with the rest of the record, and why. */
export interface RecordProblem {
  field: string;
  message: string;
}

/**
 * One node label: what a user may write (`shape`), what is stored beside it by the system,
 * and the metadata that constraints, indexes, the API and the web all derive from.
 */
export interface NodeDeclaration<Shape extends z.ZodRawShape = z.core.$ZodLooseShape> {
  label: NodeLabel;
  /** The users' word for one of them, and for many. */
  title: string;
  plural: string;
  /** URL segment under /api, e.g. "young-people". */
  pathSegment: string;
  side: PatSide;
  description: string;
  /** The property shown as the node's name on the chart and in lists. */
  caption: keyof Shape & string;
  /** The properties a user writes, validated on create (and partially on update). */
  shape: z.ZodObject<Shape>;
  /** Properties whose values must be unique across the label (beside `id`). */
  unique: readonly (keyof Shape & string)[];
  /** Properties with a range index, for lookups and sorting. */
  indexed: readonly (keyof Shape & string)[];
  /** Properties searched by name, alias, reference, phone or postcode. */
  searchable: readonly (keyof Shape & string)[];
  /** Properties stored as Neo4j DATE values. */
  dates: readonly (keyof Shape & string)[];
  /** Properties that identify a person, hidden from roles that see young people by reference only. */
  identifying?: readonly (keyof Shape & string)[];
  /** The property shown in place of the caption when identifying properties are hidden. */
  pseudonym?: keyof Shape & string;
  /** Values set beside archivedAt and archiveReason when a record is archived. */
  onArchive?: Readonly<Record<string, string | number | boolean>>;
  /**
   * Properties written when the record is created but changed afterwards only through their own route (e.g. the
   * level of concern, through a level decision), so that their history is kept; `how` says where.
   */
  setElsewhere?: { properties: readonly (keyof Shape & string)[]; how: string };
  /** Read-only values the system may store in place of the written ones (e.g. level "archived"). */
  storedShape?: z.ZodObject<z.ZodRawShape>;
  /**
   * Rules across properties, checked on the record as a create, a change or an import row would leave it; `today` is
   * YYYY-MM-DD (UTC). Empty when it is consistent.
   */
  consistency?: (record: Readonly<Record<string, unknown>>, today: string) => RecordProblem[];
}

export interface Endpoints {
  from: NodeLabel;
  to: NodeLabel;
}

/** One relationship type: its meaning, the endpoints it may join, and any properties of its own. */
export interface RelationshipDeclaration<Shape extends z.ZodRawShape = z.core.$ZodLooseShape> {
  type: string;
  /** What the link says, read from `from` to `to`, e.g. "is the older partner of". */
  caption: string;
  description: string;
  endpoints: readonly Endpoints[];
  /** Properties of this type beyond the evidence every link carries. */
  shape: z.ZodObject<Shape>;
  dates: readonly (keyof Shape & string)[];
}

/** Checks a declaration against its own shape, then widens it so all declarations share one type. */
export function defineNode<Shape extends z.ZodRawShape>(declaration: NodeDeclaration<Shape>): NodeDeclaration {
  // zod objects are invariant in their shape; the checks above are what the widening keeps.
  return declaration as unknown as NodeDeclaration;
}

export function defineRelationship<Shape extends z.ZodRawShape>(
  declaration: RelationshipDeclaration<Shape>,
): RelationshipDeclaration {
  return declaration as unknown as RelationshipDeclaration;
}
