import type { z } from 'zod';
import type { NodeLabel } from '../define.ts';

/**
 * The operations group's casework around the triangle: assessments, level decisions, plans, actions,
 * disruption and meetings. They hang off the network's records but are not records themselves: they carry
 * no `Entity` label, so the chart, the search and the analyses never see them.
 */
export const caseworkLabels = [
  'RiskAssessment',
  'LevelDecision',
  'Plan',
  'Action',
  'Disruption',
  'Meeting',
  // Not the group's casework, but kept the same way: off the records, with its links declared and audited.
  'NotDuplicateDecision',
] as const;
export type CaseworkLabel = (typeof caseworkLabels)[number];

/** Anything a casework node may point at: a network record or another casework node. */
export type CaseworkTarget = NodeLabel | CaseworkLabel;

/** One relationship from a casework node to what it is about, e.g. (:Action)-[:TARGETS]->(:PersonOfInterest). */
export interface CaseworkLink {
  type: string;
  to: readonly CaseworkTarget[];
  /** Whether every node of the label has exactly one such link. */
  required: boolean;
  description: string;
}

/** One casework label: what a user writes (`shape`), and what constraints, indexes and the API derive from. */
export interface CaseworkDeclaration<Shape extends z.ZodRawShape = z.core.$ZodLooseShape> {
  label: CaseworkLabel;
  title: string;
  plural: string;
  description: string;
  /** The properties a user writes, validated on create (and partially on update). */
  shape: z.ZodObject<Shape>;
  /** Properties with a range index, for the dashboard's and the agenda's lookups. */
  indexed: readonly (keyof Shape & string)[];
  /** Properties stored as Neo4j DATE values. */
  dates: readonly (keyof Shape & string)[];
  /** Properties that may name or describe a child, hidden from roles without `names:read`. */
  identifying?: readonly (keyof Shape & string)[];
  links: readonly CaseworkLink[];
}

export function defineCasework<Shape extends z.ZodRawShape>(
  declaration: CaseworkDeclaration<Shape>,
): CaseworkDeclaration {
  // zod objects are invariant in their shape; the checks above are what the widening keeps.
  return declaration as unknown as CaseworkDeclaration;
}
