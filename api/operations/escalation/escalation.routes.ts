import { z } from 'zod';
import { entitySummary, linkEvidence } from '../../analysis/summary.ts';
import { visibilityOf } from '../../auth/viewer.ts';
import { type RouteDeclaration, route } from '../../http/route.ts';
import { type EscalationService, escalationRules, firstMeetingLookbackDays } from './escalation.service.ts';

export const escalationAlert = z.object({
  youngPerson: entitySummary,
  rule: z.enum(escalationRules),
  reason: z.string().describe('Why the young person is flagged, in plain words'),
  at: z.string().describe('When what triggered it was recorded'),
  evidence: z.object({
    decision: z
      .object({
        id: z.uuid(),
        level: z.int(),
        previousLevel: z.union([z.int(), z.string()]),
        decidedOn: z.iso.date(),
      })
      .optional(),
    link: linkEvidence.extend({ createdAt: z.string() }).optional(),
    adult: entitySummary.optional(),
    levelThreeYoungPeople: z
      .array(z.object({ reference: z.string(), youngPerson: entitySummary, linkId: z.string(), linkType: z.string() }))
      .optional(),
    group: z.object({ id: z.string(), size: z.int(), members: z.array(entitySummary) }).optional(),
  }),
});

export const escalationAlerts = z.object({
  since: z.string().nullable(),
  until: z.string().nullable(),
  alerts: z.array(escalationAlert),
});

export function escalationRoutes(service: EscalationService): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/escalation-alerts',
      summary: `Young people to flag for the next meeting: level rose, or a new link to an adult linked to a level-3 young person or in an organised group (since the last closed meeting, or the last ${firstMeetingLookbackDays} days)`,
      tag: 'meetings',
      permission: 'casework:read',
      query: z
        .object({ since: z.iso.date().optional().describe('Count from the start of this day instead (UTC)') })
        .strict(),
      response: escalationAlerts,
      handler: async ({ query, viewer }) => {
        const window = query.since
          ? { since: `${query.since}T00:00:00.000Z`, until: null }
          : await service.defaultWindow();
        return { ...window, alerts: await service.alerts(window, visibilityOf(viewer)) };
      },
      audit: ({ query }) => ({
        action: 'view',
        subjectType: 'EscalationAlerts',
        details: { since: query.since ?? 'last closed meeting' },
      }),
    }),
  ];
}
