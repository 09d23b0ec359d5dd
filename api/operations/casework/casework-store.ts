import { z } from 'zod';
import {
  type CaseworkDeclaration,
  type CaseworkLabel,
  type CaseworkLink,
  caseworkLabels,
} from '../../../graph-schema/casework/index.ts';
import { isNodeLabel } from '../../../graph-schema/index.ts';
import { innerSchema } from '../../../graph-schema/properties.ts';
import { appendAudit } from '../../audit/audit.service.ts';
import { type Actor, type Visibility, visibilityOf } from '../../auth/viewer.ts';
import { type GraphTransaction, graphDate } from '../../db/neo4j.ts';
import { conflict, HttpError, notFound } from '../../http/errors.ts';
import * as cypher from './casework.cypher.ts';

/** A casework node as the API returns it: the declared properties and what the system keeps beside them. */
export type CaseworkNode = Record<string, unknown> & {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
};

/** What the system keeps on every casework node; users never write these. */
export const caseworkSystemShape = z.object({
  id: z.uuid(),
  version: z.int().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  createdBy: z.string(),
  updatedBy: z.string().optional(),
});

/** Links to make, by relationship type: the id of the record or casework node each one points at. */
export type CaseworkLinks = Readonly<Record<string, string | undefined>>;

export interface CreateCasework {
  /** Declared properties, already checked against the declaration's shape. */
  properties: Record<string, unknown>;
  /** Values the system derives (a suggested level, a status), stored beside the written ones. */
  derived?: Record<string, unknown>;
  links: CaseworkLinks;
  /** Audit details beside the stored node, e.g. why a rule fired. */
  auditDetails?: Record<string, unknown>;
}

export interface UpdateCasework {
  version: number;
  changes: Record<string, unknown>;
  /** Refuses the change (by throwing) when the current node does not allow it, e.g. a closed meeting. */
  allow?: (current: CaseworkNode) => void;
}

/** Lists of objects (attendees, indicators, breaches) cannot be Neo4j properties: they are kept as JSON text. */
function jsonProperties(declaration: CaseworkDeclaration): Set<string> {
  return new Set(
    Object.entries(declaration.shape.shape)
      .filter(([, schema]) => {
        const inner = innerSchema(schema as z.ZodType);
        return inner instanceof z.ZodArray && innerSchema(inner.element as z.ZodType) instanceof z.ZodObject;
      })
      .map(([key]) => key),
  );
}

const isCaseworkLabel = (label: string): label is CaseworkLabel =>
  (caseworkLabels as readonly string[]).includes(label);

function fill(query: string, slots: { label: CaseworkLabel; type?: string; target?: CaseworkLabel }): string {
  let filled = query.replaceAll('«Label»', slots.label);
  if (slots.type) filled = filled.replaceAll('«TYPE»', slots.type);
  if (slots.target) filled = filled.replaceAll('«Target»', slots.target);
  return filled;
}

/**
 * Stores the casework nodes of one declared label: create with their links, read, and update under a write
 * lock with the version the client read (409 when stale). Every change is audited in its own transaction.
 * Services compose these calls inside one `graph.writeTransaction`, so a rule's several writes are all or nothing.
 */
export function caseworkStore(declaration: CaseworkDeclaration) {
  const { label } = declaration;
  const dates = new Set<string>(declaration.dates);
  const json = jsonProperties(declaration);
  const linkDeclarations = new Map<string, CaseworkLink>(declaration.links.map((link) => [link.type, link]));

  const toGraph = (values: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(values)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => {
          if (value !== null && json.has(key)) return [key, JSON.stringify(value)];
          if (dates.has(key) && typeof value === 'string') return [key, graphDate(value)];
          return [key, value];
        }),
    );

  /** A stored node as plain values: JSON text parsed back, the lock flag dropped. */
  const fromGraph = (stored: Record<string, unknown>): CaseworkNode => {
    const { _lock, ...node } = stored;
    for (const key of json) {
      if (typeof node[key] === 'string') node[key] = JSON.parse(node[key] as string);
    }
    return node as CaseworkNode;
  };

  const auditBase = (actor: Actor, id: string) => ({
    username: actor.username,
    role: actor.role,
    subjectType: label,
    subjectId: id,
    restricted: Boolean(declaration.identifying?.length),
  });

  async function link(tx: GraphTransaction, id: string, type: string, targetId: string, visibility: Visibility) {
    const declared = linkDeclarations.get(type);
    if (!declared) throw new Error(`${label} has no declared link ${type}`);
    const caseworkTargets = declared.to.filter(isCaseworkLabel);
    const recordTargets = declared.to.filter(isNodeLabel);
    for (const target of caseworkTargets) {
      const [row] = await tx.run<{ label: string }>(fill(cypher.linkToCasework, { label, type, target }), {
        id,
        targetId,
      });
      if (row) return row.label;
    }
    if (recordTargets.length) {
      const [row] = await tx.run<{ label: string }>(fill(cypher.linkToRecord, { label, type }), {
        id,
        targetId,
        targetLabels: recordTargets,
        policeIntelligence: visibility.policeIntelligence,
      });
      if (row) return row.label;
    }
    throw new HttpError(404, 'not_found', `No ${declared.to.join(' or ')} with id ${targetId}`, { link: type });
  }

  return {
    declaration,
    fromGraph,

    /** Creates the node and its links; a link to something missing or unseen is a 404 and nothing is written. */
    async create(tx: GraphTransaction, input: CreateCasework, actor: Actor): Promise<CaseworkNode> {
      for (const declared of declaration.links) {
        if (declared.required && !input.links[declared.type]) throw new Error(`${label} needs a ${declared.type} link`);
      }
      const id = crypto.randomUUID();
      const properties = {
        ...toGraph({ ...input.properties, ...input.derived }),
        id,
        version: 1,
        createdBy: actor.username,
      };
      const [row] = await tx.run<{ node: Record<string, unknown> }>(fill(cypher.createNode, { label }), { properties });
      if (!row) throw new Error(`Creating a ${declaration.title} returned nothing`);
      const linked: Record<string, { id: string; label: string }> = {};
      const visibility = visibilityOf(actor);
      for (const [type, targetId] of Object.entries(input.links)) {
        if (targetId) linked[type] = { id: targetId, label: await link(tx, id, type, targetId, visibility) };
      }
      const node = fromGraph(row.node);
      await appendAudit(tx, {
        ...auditBase(actor, id),
        action: 'create',
        details: { after: node, links: linked, ...input.auditDetails },
      });
      return node;
    },

    /** The node, or a 404. */
    async get(tx: GraphTransaction, id: string): Promise<CaseworkNode> {
      const [row] = await tx.run<{ node: Record<string, unknown> }>(fill(cypher.getNode, { label }), { id });
      if (!row) throw notFound(declaration.title, id);
      return fromGraph(row.node);
    },

    /** Changes the node under its write lock when the client's version is current; 409 with the current node if not. */
    async update(tx: GraphTransaction, id: string, input: UpdateCasework, actor: Actor): Promise<CaseworkNode> {
      const [locked] = await tx.run<{ node: Record<string, unknown> }>(fill(cypher.lockNode, { label }), { id });
      if (!locked) throw notFound(declaration.title, id);
      const before = fromGraph(locked.node);
      if (before.version !== input.version) {
        throw conflict(`The ${declaration.title} was changed by someone else (now version ${before.version})`, {
          currentVersion: before.version,
          current: before,
        });
      }
      input.allow?.(before);
      const [row] = await tx.run<{ node: Record<string, unknown> }>(fill(cypher.updateNode, { label }), {
        id,
        changes: { ...toGraph(input.changes), updatedBy: actor.username },
      });
      const after = fromGraph(row?.node ?? locked.node);
      await appendAudit(tx, { ...auditBase(actor, id), action: 'update', details: { before, after } });
      return after;
    },

    /** Points an optional link somewhere else (or nowhere), e.g. an assessment to the meeting that discussed it. */
    async relink(tx: GraphTransaction, id: string, type: string, targetId: string | null, actor: Actor) {
      const declared = linkDeclarations.get(type);
      if (!declared) throw new Error(`${label} has no declared link ${type}`);
      await tx.run(fill(cypher.unlink, { label, type }), { id });
      if (targetId) await link(tx, id, type, targetId, visibilityOf(actor));
    },
  };
}

export type CaseworkStore = ReturnType<typeof caseworkStore>;

/** A casework node as this viewer may see it: without names, the properties that may identify a child are left out. */
export function presentCasework<N extends CaseworkNode>(
  declaration: CaseworkDeclaration,
  node: N,
  visibility: Visibility,
): N {
  const identifying = declaration.identifying ?? [];
  if (!identifying.length || visibility.names) return node;
  const shown: Record<string, unknown> = { ...node, pseudonymised: true };
  for (const property of identifying) delete shown[property];
  return shown as N;
}

/**
 * A casework node as the API answers with it, for route responses and the OpenAPI document: the declared
 * properties (identifying ones may be left out), the system's, and any the feature derives (kept open).
 */
export function caseworkResponse(declaration: CaseworkDeclaration) {
  return declaration.shape
    .partial()
    .extend(caseworkSystemShape.shape)
    .extend({ pseudonymised: z.boolean().optional().describe('True when identifying properties are hidden from you') })
    .loose();
}
