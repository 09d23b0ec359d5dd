import { todayIso } from '../../../graph-schema/calendar.ts';
import { event } from '../../../graph-schema/index.ts';
import { episodeDateProblems } from '../../../graph-schema/nodes/event-dates.ts';
import { type EntitySummary, summarise } from '../../analysis/summary.ts';
import { appendAudit } from '../../audit/audit.service.ts';
import { present } from '../../auth/pseudonymise.ts';
import { type Actor, type Visibility, visibilityOf } from '../../auth/viewer.ts';
import { type Graph, type GraphTransaction, graphDate } from '../../db/neo4j.ts';
import { badRequest, conflict, HttpError, notFound } from '../../http/errors.ts';
import * as cypher from './missing-episodes.cypher.ts';
import { type ReturnInterviewTimeliness, returnInterviewTimeliness } from './return-interview.ts';

/** The evidence each of the episode's links carries; its dates are the episode's own. */
export interface EpisodeEvidence {
  sourceAgency: string;
  sourceReference?: string | undefined;
  gradingSource: 1 | 2 | 3;
  gradingInformation: 'A' | 'B' | 'C' | 'D' | 'E';
  gradingHandling: 'P' | 'C';
  notes?: string | undefined;
}

export interface NewMissingEpisode {
  title?: string | undefined;
  occurredOn: string;
  endedOn?: string | undefined;
  description?: string | undefined;
  /** The location where the young person was found. */
  foundAt?: string | undefined;
  /** The adults the young person was with. */
  withWhom: string[];
  returnInterviewOffered?: string | undefined;
  returnInterviewDone?: string | undefined;
  evidence: EpisodeEvidence;
}

export type EpisodeChange = Partial<{
  endedOn: string | null;
  returnInterviewOffered: string | null;
  returnInterviewDone: string | null;
  description: string | null;
}> & { version: number };

export type MissingEpisode = Record<string, unknown> &
  ReturnInterviewTimeliness & {
    id: string;
    version: number;
    foundAt: EntitySummary | null;
    withWhom: EntitySummary[];
  };

type Row = Record<string, unknown> & { id: string };
interface EpisodesRow {
  youngPerson: Row;
  episodes: { episode: Row; foundAt: Row[]; withWhom: Row[] }[];
}

const episodeDates = ['occurredOn', 'endedOn', 'returnInterviewOffered', 'returnInterviewDone'];

function refuseIf(problems: { field: string; message: string }[]) {
  const [first] = problems;
  if (first) throw badRequest(first.message, problems);
}

/** The links' evidence as stored: dated from the episode, so a time window finds them when it happened. */
function linkProperties(input: NewMissingEpisode, actor: Actor) {
  const { evidence } = input;
  return {
    ...Object.fromEntries(Object.entries(evidence).filter(([, value]) => value !== undefined)),
    id: crypto.randomUUID(),
    version: 1,
    createdBy: actor.username,
    firstSeen: graphDate(input.occurredOn),
    lastSeen: graphDate(input.endedOn ?? input.occurredOn),
  };
}

/** Audited as the link service audits a link, so the analysis mirror reads it from the change feed. */
async function auditLink(tx: GraphTransaction, link: Row, actor: Actor) {
  await appendAudit(tx, {
    action: 'create',
    username: actor.username,
    role: actor.role,
    subjectType: 'Link',
    subjectId: link.id,
    details: { after: link },
    restricted: link.gradingHandling === 'C',
  });
}

export function missingEpisodesService(graph: Graph) {
  async function endpointsOf(tx: GraphTransaction, youngPerson: string, input: NewMissingEpisode, actor: Actor) {
    const ids = [youngPerson, ...input.withWhom, ...(input.foundAt ? [input.foundAt] : [])];
    const rows = await tx.run<{ id: string; label: string; handling: string | null }>(cypher.endpoints, {
      ids,
      policeIntelligence: visibilityOf(actor).policeIntelligence,
    });
    const found = new Map(rows.map((row) => [row.id, row]));
    const expect = (id: string, label: string, field: string, what: string) => {
      if (found.get(id)?.label !== label) throw new HttpError(404, 'not_found', `No ${what} with id ${id}`, { field });
    };
    expect(youngPerson, 'YoungPerson', 'id', 'young person');
    for (const [index, adult] of input.withWhom.entries()) {
      expect(adult, 'PersonOfInterest', `withWhom.${index}`, 'person of interest');
    }
    if (input.foundAt) expect(input.foundAt, 'Location', 'foundAt', 'location');
    return found;
  }

  function toEpisode(row: EpisodesRow['episodes'][number], visibility: Visibility, today: string): MissingEpisode {
    const shown = present(event, row.episode, visibility);
    const [place] = row.foundAt;
    return {
      ...shown,
      version: Number(row.episode.version),
      ...returnInterviewTimeliness(
        {
          endedOn: row.episode.endedOn as string | undefined,
          returnInterviewDone: row.episode.returnInterviewDone as string | undefined,
        },
        today,
      ),
      foundAt: place ? summarise({ ...place, label: 'Location' }, visibility) : null,
      withWhom: row.withWhom
        .map((adult) => summarise({ ...adult, label: 'PersonOfInterest' }, visibility))
        .sort((a, b) => a.caption.localeCompare(b.caption) || a.id.localeCompare(b.id)),
    };
  }

  async function episodesOf(tx: Pick<GraphTransaction, 'run'>, youngPerson: string, visibility: Visibility) {
    const [row] = await tx.run<EpisodesRow>(cypher.episodesOf, {
      youngPerson,
      policeIntelligence: visibility.policeIntelligence,
    });
    if (!row) throw notFound('young person', youngPerson);
    const today = todayIso();
    return {
      youngPerson: summarise({ ...row.youngPerson, label: 'YoungPerson' }, visibility),
      items: row.episodes.map((episode) => toEpisode(episode, visibility, today)),
    };
  }

  return {
    /**
     * Logs an episode: the event, the young person's and each adult's INVOLVED_IN, and HAPPENED_AT the place
     * found, all in one transaction and each audited; a record that is missing or unseen is a 404 and nothing is written.
     */
    log(youngPerson: string, input: NewMissingEpisode, actor: Actor) {
      refuseIf(episodeDateProblems(input, todayIso()));
      if (new Set(input.withWhom).size !== input.withWhom.length) {
        throw badRequest('An adult is named twice', [{ field: 'withWhom', message: 'Name each adult once' }]);
      }
      return graph.writeTransaction(async (tx) => {
        const found = await endpointsOf(tx, youngPerson, input, actor);
        const { foundAt, withWhom, evidence, title, ...values } = input;
        const police = evidence.gradingHandling === 'C' || found.get(youngPerson)?.handling === 'C';
        const properties: Record<string, unknown> = {
          title: title ?? `Missing episode from ${input.occurredOn}`,
          type: 'missing-episode',
          gradingHandling: police ? 'C' : 'P',
          id: crypto.randomUUID(),
          version: 1,
          createdBy: actor.username,
        };
        for (const [key, value] of Object.entries(values)) {
          if (value !== undefined) properties[key] = episodeDates.includes(key) ? graphDate(String(value)) : value;
        }
        const [created] = await tx.run<{ record: Row }>(cypher.createEpisode, { properties });
        if (!created) throw new Error('Logging a missing episode returned nothing');
        await appendAudit(tx, {
          action: 'create',
          username: actor.username,
          role: actor.role,
          subjectType: 'Event',
          subjectId: created.record.id,
          details: { after: created.record, youngPerson, withWhom, foundAt },
          restricted: true,
        });
        const episode = created.record.id;
        const links = [
          { query: cypher.involvedIn, from: youngPerson, to: episode },
          ...withWhom.map((adult) => ({ query: cypher.involvedIn, from: adult, to: episode })),
          ...(foundAt ? [{ query: cypher.happenedAt, from: episode, to: foundAt }] : []),
        ];
        for (const { query, from, to } of links) {
          const [row] = await tx.run<{ link: Row }>(query, { from, to, properties: linkProperties(input, actor) });
          if (!row) throw new Error('Linking a missing episode returned nothing');
          await auditLink(tx, row.link, actor);
        }
        const listed = await episodesOf(tx, youngPerson, visibilityOf(actor));
        const logged = listed.items.find((item) => item.id === episode);
        if (!logged) throw new Error('The logged missing episode cannot be read back');
        return logged;
      });
    },

    list: (youngPerson: string, visibility: Visibility) =>
      episodesOf({ run: (query, params) => graph.read(query, params) }, youngPerson, visibility),

    /**
     * Records the return, or the return home interview, after the episode was logged, under the version the
     * client read (409 when stale). A new last day re-dates the links logged with the episode, in the same change.
     */
    update(id: string, input: EpisodeChange, actor: Actor) {
      const visibility = visibilityOf(actor);
      const today = todayIso();
      const { version, ...changes } = input;
      return graph.writeTransaction(async (tx) => {
        const [locked] = await tx.run<{ episode: Row }>(cypher.lockEpisode, {
          id,
          policeIntelligence: visibility.policeIntelligence,
        });
        if (!locked) throw notFound('missing episode', id);
        const { _lock, ...before } = locked.episode;
        if (before.version !== version) {
          throw conflict(`The missing episode was changed by someone else (now version ${before.version})`, {
            currentVersion: before.version,
            current: present(event, before as Row, visibility),
          });
        }
        const merged = { ...before, ...changes } as Record<string, string | null | undefined>;
        // What was logged already met the rules, so any problem left is the change's.
        refuseIf(
          episodeDateProblems(
            {
              occurredOn: String(merged.occurredOn),
              endedOn: merged.endedOn,
              returnInterviewOffered: merged.returnInterviewOffered,
              returnInterviewDone: merged.returnInterviewDone,
            },
            today,
          ),
        );
        const stored = Object.fromEntries(
          Object.entries(changes)
            .filter(([, value]) => value !== undefined)
            .map(([key, value]) => [
              key,
              typeof value === 'string' && episodeDates.includes(key) ? graphDate(value) : value,
            ]),
        );
        const [updated] = await tx.run<{ episode: Row }>(cypher.updateEpisode, {
          id,
          changes: { ...stored, updatedBy: actor.username },
        });
        const after = updated?.episode ?? (before as Row);
        await appendAudit(tx, {
          action: 'update',
          username: actor.username,
          role: actor.role,
          subjectType: 'Event',
          subjectId: id,
          details: { before, after },
          restricted: true,
        });
        const lastSeen = (episode: Record<string, unknown>) => String(episode.endedOn ?? episode.occurredOn);
        if (lastSeen(before) !== lastSeen(after)) {
          const redated = await tx.run<{ before: Row; after: Row }>(cypher.redateEpisodeLinks, {
            id,
            previousLastSeen: lastSeen(before),
            lastSeen: lastSeen(after),
          });
          for (const link of redated) {
            await appendAudit(tx, {
              action: 'update',
              username: actor.username,
              role: actor.role,
              subjectType: 'Link',
              subjectId: link.after.id,
              details: { before: link.before, after: link.after },
              restricted: link.after.gradingHandling === 'C',
            });
          }
        }
        const shown = present(event, after, visibility);
        return { ...shown, ...returnInterviewTimeliness(shown as Record<string, string | undefined>, today) };
      });
    },
  };
}

export type MissingEpisodesService = ReturnType<typeof missingEpisodesService>;
