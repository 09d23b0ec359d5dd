import { evidenceDates } from '../../graph-schema/evidence.ts';
import { allowsLink, isNodeLabel, relationshipDeclaration } from '../../graph-schema/index.ts';
import type { LinkInput } from '../../graph-schema/records.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { type Actor, type Visibility, visibilityOf } from '../auth/viewer.ts';
import { type Graph, graphDate, withoutNulls } from '../db/neo4j.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import * as cypher from './links.cypher.ts';

export type LinkRecord = Record<string, unknown> & { id: string; type: string; from: string; to: string };

export interface LinkListOptions {
  entity?: string | undefined;
  type?: string | undefined;
  limit: number;
  offset: number;
}

export interface LinkService {
  create(input: LinkInput, actor: Actor): Promise<LinkRecord>;
  get(id: string, visibility: Visibility): Promise<LinkRecord>;
  list(options: LinkListOptions, visibility: Visibility): Promise<{ items: LinkRecord[]; total: number }>;
  /** Removes the link if it is still at VERSION (the one the user saw): else 409 with the current link. */
  remove(id: string, version: number, actor: Actor): Promise<void>;
}

export function linkService(graph: Graph): LinkService {
  return {
    async create(input, actor) {
      const { type, from, to, ...values } = input as LinkInput & { type: string; from: string; to: string };
      const declaration = relationshipDeclaration(type);
      if (!declaration) throw badRequest(`Unknown link type ${type}`);
      const dates = new Set([...evidenceDates, ...declaration.dates]);
      const properties: Record<string, unknown> = { id: crypto.randomUUID(), version: 1, createdBy: actor.username };
      for (const [key, value] of Object.entries(values)) {
        if (value !== undefined)
          properties[key] = dates.has(key) && typeof value === 'string' ? graphDate(value) : value;
      }
      return graph.writeTransaction(async (tx) => {
        const endpoints = await tx.run<{ id: string; label: string }>(cypher.linkEndpoints, {
          from,
          to,
          policeIntelligence: visibilityOf(actor).policeIntelligence,
        });
        const labelOf = (id: string) => endpoints.find((e) => e.id === id)?.label;
        const fromLabel = labelOf(from);
        const toLabel = labelOf(to);
        if (!fromLabel || !isNodeLabel(fromLabel)) throw notFound('record', from);
        if (!toLabel || !isNodeLabel(toLabel)) throw notFound('record', to);
        if (from === to) throw badRequest('A link must join two different records');
        if (!allowsLink(type, fromLabel, toLabel)) {
          const allowed = declaration.endpoints.map((e) => `${e.from} → ${e.to}`).join(', ');
          throw badRequest(`A ${type} link cannot run from ${fromLabel} to ${toLabel}; it may run ${allowed}`, {
            field: 'type',
            allowed: declaration.endpoints,
          });
        }
        const [row] = await tx.run<{ link: LinkRecord }>(cypher.createLink, { from, to, type, properties });
        if (!row) throw new Error('Creating a link returned nothing');
        const link = withoutNulls(row.link);
        await appendAudit(tx, {
          action: 'create',
          username: actor.username,
          role: actor.role,
          subjectType: 'Link',
          subjectId: link.id,
          details: { after: link },
          restricted: link.gradingHandling === 'C',
        });
        return link;
      });
    },

    async get(id, visibility) {
      const [row] = await graph.read<{ link: LinkRecord }>(cypher.getLink, {
        id,
        policeIntelligence: visibility.policeIntelligence,
      });
      if (!row) throw notFound('link', id);
      return withoutNulls(row.link);
    },

    async list({ entity, type, limit, offset }, visibility) {
      const query = entity ? cypher.linksOfEntity : cypher.allLinks;
      const [page] = await graph.read<{ items: LinkRecord[]; total: number }>(query, {
        entity: entity ?? null,
        type: type ?? null,
        policeIntelligence: visibility.policeIntelligence,
        limit,
        offset,
      });
      return page ? { items: page.items.map(withoutNulls), total: page.total } : { items: [], total: 0 };
    },

    async remove(id, version, actor) {
      const policeIntelligence = visibilityOf(actor).policeIntelligence;
      await graph.writeTransaction(async (tx) => {
        const [found] = await tx.run<{ link: LinkRecord }>(cypher.lockLink, { id, policeIntelligence });
        if (!found) throw notFound('link', id);
        const before = withoutNulls(found.link);
        // Links are changed by imports (new evidence, a later lastSeen): removing one read before that would lose it.
        const current = Number(before.version ?? 1);
        if (current !== version) {
          throw conflict(`The link was changed by someone else (now version ${current})`, {
            currentVersion: current,
            current: before,
          });
        }
        const [row] = await tx.run<{ deleted: number }>(cypher.deleteLink, { id, policeIntelligence });
        if (!row?.deleted) throw notFound('link', id);
        await appendAudit(tx, {
          action: 'delete',
          username: actor.username,
          role: actor.role,
          subjectType: 'Link',
          subjectId: id,
          details: { before },
          restricted: before.gradingHandling === 'C',
        });
      });
    },
  };
}
