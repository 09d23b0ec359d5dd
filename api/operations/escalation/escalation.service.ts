import { analysisQueries } from '../../analysis/analysis.routes.ts';
import type { AnalysisService } from '../../analysis/analysis.service.ts';
import {
  byLevelThenCaption,
  type EntitySummary,
  type LabelledRecord,
  type LinkEvidence,
  summarise,
} from '../../analysis/summary.ts';
import type { Visibility } from '../../auth/viewer.ts';
import type { Graph } from '../../db/neo4j.ts';
import * as meetingsCypher from '../meetings/meetings.cypher.ts';
import * as cypher from './escalation.cypher.ts';

export const escalationRules = ['level-rose', 'linked-to-level-three-adult', 'linked-to-group-member'] as const;
export type EscalationRule = (typeof escalationRules)[number];

export interface EscalationAlert {
  youngPerson: EntitySummary;
  rule: EscalationRule;
  /** Why the young person is flagged, in plain words. */
  reason: string;
  /** When what triggered it was recorded. */
  at: string;
  evidence: {
    decision?: { id: string; level: number; previousLevel: number | string; decidedOn: string };
    link?: LinkEvidence & { createdAt: string };
    adult?: EntitySummary;
    /** For a link to an adult already linked to a level-3 young person: those young people, by reference. */
    levelThreeYoungPeople?: { reference: string; youngPerson: EntitySummary; linkId: string; linkType: string }[];
    group?: { id: string; size: number; members: EntitySummary[] };
  };
}

export interface EscalationWindow {
  /** Alerts count changes recorded after this instant (ISO); null: since ever. */
  since: string | null;
  /** …and up to this one (a closed meeting's closing); null: until now. */
  until: string | null;
  /** Level decisions taken at this meeting raise no alert for it: they are flagged for the next one. */
  excludeMeetingId?: string | null;
}

/** With no closed meeting to count from, alerts look back this many days. */
export const firstMeetingLookbackDays = 31;

const linkWords = (type: string) => type.toLowerCase().replaceAll('_', ' ');

/**
 * Escalation alerts: a young person whose level rose since the previous meeting, or who gained a link to an
 * adult already linked to a level-3 young person or to an organised group (the groups analysis), each with
 * its reason and evidence. Everything is read as the viewer may see it, so no alert rests on police-only
 * intelligence for anyone else, and members see young people by reference.
 */
export function escalationService(graph: Graph, analysis: AnalysisService) {
  const params = (window: EscalationWindow, visibility: Visibility) => ({
    since: window.since,
    until: window.until,
    excludeMeetingId: window.excludeMeetingId ?? null,
    policeIntelligence: visibility.policeIntelligence,
  });

  async function groupsByAdult(visibility: Visibility) {
    // Every group found, not only the largest: a link to any organised group's member counts.
    const groups = await analysis.groups(analysisQueries.groups.parse({ limit: '500' }), visibility);
    const byAdult = new Map<string, { id: string; size: number; members: EntitySummary[] }>();
    for (const group of groups.items) {
      const summary = { id: group.id, size: group.members.length, members: group.members.slice(0, 20) };
      for (const member of group.members) byAdult.set(member.id, summary);
    }
    return byAdult;
  }

  return {
    /** The window from the newest closed meeting's closing to now. */
    async defaultWindow(): Promise<EscalationWindow & { since: string }> {
      const [row] = await graph.read<{ meeting: { closedAt: string } }>(meetingsCypher.latestClosedMeeting);
      const since = row?.meeting.closedAt ?? new Date(Date.now() - firstMeetingLookbackDays * 86_400_000).toISOString();
      return { since, until: null };
    },

    async alerts(window: EscalationWindow, visibility: Visibility): Promise<EscalationAlert[]> {
      const [rises, links, groups] = await Promise.all([
        graph.read<{
          youngPerson: LabelledRecord;
          decision: { id: string; level: number; previousLevel: number | string; decidedOn: string; createdAt: string };
        }>(cypher.levelRises, params(window, visibility)),
        graph.read<{
          youngPerson: LabelledRecord;
          adult: LabelledRecord;
          link: LinkEvidence;
          createdAt: string;
          levelThreeYoungPeople: { youngPerson: LabelledRecord; linkId: string; linkType: string }[];
        }>(cypher.newAdultLinks, params(window, visibility)),
        groupsByAdult(visibility),
      ]);

      const alerts: EscalationAlert[] = rises.map(({ youngPerson, decision }) => {
        const from = decision.previousLevel === 'archived' ? 'archived' : `level ${decision.previousLevel}`;
        return {
          youngPerson: summarise(youngPerson, visibility),
          rule: 'level-rose',
          reason: `Level of concern rose from ${from} to level ${decision.level} (agreed ${decision.decidedOn})`,
          at: decision.createdAt,
          evidence: {
            decision: {
              id: decision.id,
              level: decision.level,
              previousLevel: decision.previousLevel,
              decidedOn: decision.decidedOn,
            },
          },
        };
      });

      for (const row of links) {
        const youngPerson = summarise(row.youngPerson, visibility);
        const adult = summarise(row.adult, visibility);
        const link = { ...row.link, createdAt: row.createdAt };
        if (row.levelThreeYoungPeople.length) {
          const others = row.levelThreeYoungPeople.map((other) => ({
            reference: String(other.youngPerson.reference),
            youngPerson: summarise(other.youngPerson, visibility),
            linkId: other.linkId,
            linkType: other.linkType,
          }));
          alerts.push({
            youngPerson,
            rule: 'linked-to-level-three-adult',
            reason: `New link (${linkWords(link.type)}) to ${adult.caption}, who is also linked to ${others
              .map((o) => o.reference)
              .join(', ')} at level 3`,
            at: row.createdAt,
            evidence: { link, adult, levelThreeYoungPeople: others },
          });
        }
        const group = groups.get(adult.id);
        if (group) {
          alerts.push({
            youngPerson,
            rule: 'linked-to-group-member',
            reason: `New link (${linkWords(link.type)}) to ${adult.caption}, a member of organised group ${group.id} (${group.size} adults)`,
            at: row.createdAt,
            evidence: { link, adult, group },
          });
        }
      }
      return alerts.sort(
        (a, b) =>
          byLevelThenCaption(a.youngPerson, b.youngPerson) ||
          a.at.localeCompare(b.at) ||
          escalationRules.indexOf(a.rule) - escalationRules.indexOf(b.rule),
      );
    },
  };
}

export type EscalationService = ReturnType<typeof escalationService>;
