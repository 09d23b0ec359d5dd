import type { z } from 'zod';
import type { NodeDeclaration, NodeLabel, RelationshipDeclaration } from './define.ts';
import { event, type eventShape } from './nodes/event.ts';
import { location, type locationShape } from './nodes/location.ts';
import { personOfInterest, type personOfInterestShape } from './nodes/person-of-interest.ts';
import { youngPerson, type youngPersonShape } from './nodes/young-person.ts';
import { associateOf } from './relationships/associate-of.ts';
import { controls } from './relationships/controls.ts';
import { drives } from './relationships/drives.ts';
import { familyOf } from './relationships/family-of.ts';
import { frequents } from './relationships/frequents.ts';
import { happenedAt } from './relationships/happened-at.ts';
import { involvedIn } from './relationships/involved-in.ts';
import { livesAt } from './relationships/lives-at.ts';
import { olderPartnerOf } from './relationships/older-partner-of.ts';
import { peerOf } from './relationships/peer-of.ts';
import { recruits } from './relationships/recruits.ts';
import { seenAt } from './relationships/seen-at.ts';
import { supplies } from './relationships/supplies.ts';

export * from './define.ts';
export { evidenceShape, gradingInformation, gradingSources, handlingCodes } from './evidence.ts';
export { eventTypes } from './nodes/event.ts';
export { locationTypes } from './nodes/location.ts';
export {
  exploitationModels,
  genders,
  type LevelOfConcern,
  legalStatuses,
  levelOfConcern,
} from './nodes/young-person.ts';
export { event, location, personOfInterest, youngPerson };

/** Every node label, listed once, in the order the triangle is read: victim, offender, location; then events. */
export const nodeDeclarations = [youngPerson, personOfInterest, location, event] as const;

/** Every relationship type, listed once. */
export const relationshipDeclarations = [
  olderPartnerOf,
  controls,
  associateOf,
  supplies,
  drives,
  recruits,
  familyOf,
  peerOf,
  frequents,
  seenAt,
  livesAt,
  involvedIn,
  happenedAt,
] as const;

export type AnyNodeDeclaration = NodeDeclaration;
export type AnyRelationshipDeclaration = RelationshipDeclaration;

/** Every record may carry a handling code; C marks police-only intelligence. */
type Handled = { gradingHandling?: 'P' | 'C' };
export type YoungPersonInput = z.input<typeof youngPersonShape> & Handled;
export type PersonOfInterestInput = z.input<typeof personOfInterestShape> & Handled;
export type LocationInput = z.input<typeof locationShape> & Handled;
export type EventInput = z.input<typeof eventShape> & Handled;

const nodesByLabel = new Map<NodeLabel, AnyNodeDeclaration>(nodeDeclarations.map((d) => [d.label, d]));
const relationshipsByType = new Map<string, AnyRelationshipDeclaration>(
  relationshipDeclarations.map((d) => [d.type, d]),
);

export function nodeDeclaration(label: NodeLabel): AnyNodeDeclaration {
  const declaration = nodesByLabel.get(label);
  if (!declaration) throw new Error(`Undeclared node label ${label}`);
  return declaration;
}

export function relationshipDeclaration(type: string): AnyRelationshipDeclaration | undefined {
  return relationshipsByType.get(type);
}

export function isNodeLabel(value: string): value is NodeLabel {
  return nodesByLabel.has(value as NodeLabel);
}

/** Whether the schema lets a link of this type run from one label to the other. */
export function allowsLink(type: string, from: NodeLabel, to: NodeLabel): boolean {
  return relationshipDeclaration(type)?.endpoints.some((e) => e.from === from && e.to === to) ?? false;
}
