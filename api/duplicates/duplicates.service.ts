import { cypherForLabel } from '../../graph-schema/cypher.ts';
import { type AnyNodeDeclaration, isNodeLabel, type NodeLabel, nodeDeclaration } from '../../graph-schema/index.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { present } from '../auth/pseudonymise.ts';
import { type Actor, type Visibility, visibilityOf } from '../auth/viewer.ts';
import { type Graph, type GraphTransaction, graphDate } from '../db/neo4j.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import { candidateOf, type DuplicateReason, proposeDuplicates } from './duplicate-scorer.ts';
import * as cypher from './duplicates.cypher.ts';
import { keptApart, standingDecision } from './not-duplicates.service.ts';

type StoredRecord = Record<string, unknown> & { id: string; version: number };

export interface DuplicateProposal {
  score: number;
  reasons: DuplicateReason[];
  records: [StoredRecord, StoredRecord];
}

export interface MergeInput {
  keep: string;
  merge: string;
  /** The versions the client read each record at. */
  versions: { keep: number; merge: number };
}

export interface MergeResult {
  record: StoredRecord;
  mergedFrom: string[];
  /** Links between the two records themselves, removed rather than turned into a record linked to itself. */
  linksRemoved: number;
  /** Links to other records and events, now on the kept record. */
  linksMoved: number;
  /** Relationships from casework (assessments, actions, decisions …), now on the kept record. */
  caseworkMoved: number;
}

export interface DuplicatesService {
  propose(label: NodeLabel, limit: number, visibility: Visibility): Promise<DuplicateProposal[]>;
  merge(input: MergeInput, actor: Actor): Promise<MergeResult>;
}

/** Kept by the system on every record: never copied from the merged record onto the kept one. */
const systemProperties = new Set([
  'id',
  'version',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'archivedAt',
  'archiveReason',
  'mergedFrom',
  '_lock',
]);

type LinkSnapshot = Record<string, unknown> & { id?: string; type: string; from: string; to: string };

interface Moved {
  isLink: boolean;
  before: LinkSnapshot;
  after: LinkSnapshot;
  otherLabel: string | null;
  otherId: string | null;
  policeOnly: boolean;
}

const withoutLock = (record: StoredRecord): StoredRecord => {
  const { _lock, ...rest } = record;
  return rest as StoredRecord;
};

const isBlank = (value: unknown) => value === null || value === undefined || (Array.isArray(value) && !value.length);

/**
 * The kept record's properties after the merge: its own values win; what it lacks is taken from the merged
 * record; lists are united; the merged record's name becomes an alias (where the label has aliases). The one
 * exception is the handling code: the stricter wins, so that merging a police-only (C) record into a P record
 * does not show its name, identifiers and links to the roles that may not see them.
 */
export function mergedProperties(
  declaration: AnyNodeDeclaration,
  kept: StoredRecord,
  merged: StoredRecord,
): Record<string, unknown> {
  const dates = new Set<string>(declaration.dates);
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(merged)) {
    if (systemProperties.has(key) || isBlank(value)) continue;
    const own = kept[key];
    if (Array.isArray(value) && (Array.isArray(own) || isBlank(own))) {
      const union = [...new Set([...((own as unknown[] | undefined) ?? []), ...value])];
      if (union.length !== ((own as unknown[] | undefined) ?? []).length) changes[key] = union;
    } else if (isBlank(own)) {
      changes[key] = dates.has(key) && typeof value === 'string' ? graphDate(value) : value;
    }
  }
  const caption = declaration.caption;
  const mergedName = merged[caption];
  if ('aliases' in declaration.shape.shape && typeof mergedName === 'string' && mergedName !== kept[caption]) {
    const aliases = (changes.aliases as string[] | undefined) ?? (kept.aliases as string[] | undefined) ?? [];
    if (!aliases.includes(mergedName)) changes.aliases = [...aliases, mergedName];
  }
  const mergedFrom = [
    ...new Set([
      ...((kept.mergedFrom as string[] | undefined) ?? []),
      merged.id,
      ...((merged.mergedFrom as string[] | undefined) ?? []),
    ]),
  ];
  changes.mergedFrom = mergedFrom;
  if (merged.gradingHandling === 'C' && kept.gradingHandling !== 'C') changes.gradingHandling = 'C';
  return changes;
}

export function duplicatesService(graph: Graph): DuplicatesService {
  async function lockBoth(tx: GraphTransaction, input: MergeInput, actor: Actor) {
    const rows = await tx.run<{ id: string; label: string; record: StoredRecord }>(cypher.lockPair, {
      keep: input.keep,
      merge: input.merge,
      policeIntelligence: visibilityOf(actor).policeIntelligence,
    });
    const kept = rows.find((row) => row.id === input.keep);
    const merged = rows.find((row) => row.id === input.merge);
    if (!kept) throw notFound('record', input.keep);
    if (!merged) throw notFound('record', input.merge);
    if (kept.label !== merged.label || !isNodeLabel(kept.label)) {
      throw badRequest(`Only records of one kind can be merged: this is a ${kept.label} and a ${merged.label}`, {
        field: 'merge',
      });
    }
    const stale = [
      ['keep', kept, input.versions.keep],
      ['merge', merged, input.versions.merge],
    ] as const;
    if (stale.some(([, row, version]) => row.record.version !== version)) {
      throw conflict('One of the records was changed by someone else: read both again before merging', {
        currentVersions: { keep: kept.record.version, merge: merged.record.version },
        current: { keep: withoutLock(kept.record), merge: withoutLock(merged.record) },
      });
    }
    return {
      declaration: nodeDeclaration(kept.label),
      kept: withoutLock(kept.record),
      merged: withoutLock(merged.record),
    };
  }

  return {
    async propose(label, limit, visibility) {
      const declaration = nodeDeclaration(label);
      const rows = await graph.read<{ record: StoredRecord }>(cypherForLabel(cypher.candidates, label), {
        policeIntelligence: visibility.policeIntelligence,
      });
      const byId = new Map(rows.map(({ record }) => [record.id, record]));
      return proposeDuplicates(
        rows.map(({ record }) => candidateOf(declaration.caption, record)),
        limit,
        await keptApart(graph, label),
      ).map((pair) => ({
        score: pair.score,
        reasons: pair.reasons,
        records: pair.ids.map((id) => present(declaration, byId.get(id) as StoredRecord, visibility)) as [
          StoredRecord,
          StoredRecord,
        ],
      }));
    },

    async merge(input, actor) {
      if (input.keep === input.merge) throw badRequest('A record cannot be merged with itself', { field: 'merge' });
      return graph.writeTransaction(async (tx) => {
        const { declaration, kept, merged } = await lockBoth(tx, input, actor);
        const standing = await standingDecision(tx, input.keep, input.merge);
        if (standing) {
          throw conflict('These two were judged not to be duplicates: reverse that decision before merging them', {
            decision: standing,
          });
        }
        const ids = { keep: input.keep, merge: input.merge };
        const removed = await tx.run<{ link: LinkSnapshot }>(cypher.removeLinksBetween, ids);
        const moved = await tx.run<Moved>(cypher.repointRelationships, ids);
        const [updated] = await tx.run<{ record: StoredRecord }>(cypher.updateKept, {
          keep: input.keep,
          changes: { ...mergedProperties(declaration, kept, merged), updatedBy: actor.username },
        });
        const [gone] = await tx.run<{ left: number }>(cypher.deleteMerged, { merge: input.merge });
        if (!updated || !gone || gone.left !== 0) throw new Error('The merge left relationships behind');
        const after = updated.record;
        const restricted =
          Boolean(declaration.identifying?.length) || [kept, merged].some((r) => r.gradingHandling === 'C');
        const merge = { keep: input.keep, merge: input.merge };
        const base = { username: actor.username, role: actor.role, subjectType: declaration.label, restricted };
        const relinked = moved.map((m) => ({
          type: m.after.type,
          from: m.after.from,
          to: m.after.to,
          id: m.after.id ?? null,
        }));
        await appendAudit(tx, {
          ...base,
          action: 'merge',
          subjectId: input.keep,
          details: { merge, before: kept, after, merged, relinked, removedLinks: removed.map((r) => r.link) },
        });
        await appendAudit(tx, {
          ...base,
          action: 'merge',
          subjectId: input.merge,
          details: { merge, before: merged, after: null, mergedInto: input.keep },
        });
        // Each re-pointed link is audited as the link service would, so the analysis mirror re-reads it.
        for (const link of [
          ...moved.filter((m) => m.isLink),
          ...removed.map((r) => ({ before: r.link, after: null })),
        ]) {
          const id = link.before.id;
          if (!id) continue;
          await appendAudit(tx, {
            action: link.after ? 'update' : 'delete',
            username: actor.username,
            role: actor.role,
            subjectType: 'Link',
            subjectId: id,
            reason: 'merge of duplicate records',
            details: { merge, before: link.before, after: link.after },
            restricted: link.before.gradingHandling === 'C' || ('policeOnly' in link && link.policeOnly === true),
          });
        }
        const visible = (m: { policeOnly?: boolean; before: LinkSnapshot }) =>
          visibilityOf(actor).policeIntelligence || !(m.policeOnly || m.before.gradingHandling === 'C');
        return {
          record: present(declaration, withoutLock(after), visibilityOf(actor)),
          mergedFrom: (after.mergedFrom as string[] | undefined) ?? [],
          linksRemoved: removed.filter((r) => visible({ before: r.link })).length,
          linksMoved: moved.filter((m) => m.isLink && visible(m)).length,
          caseworkMoved: moved.filter((m) => !m.isLink).length,
        };
      });
    },
  };
}
