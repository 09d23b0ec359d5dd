import { z } from 'zod';
import { actionCategories } from '../../../graph-schema/casework/index.ts';
import { levelOfConcern } from '../../../graph-schema/index.ts';
import { entitySummary } from '../../analysis/summary.ts';
import { visibilityOf } from '../../auth/viewer.ts';
import { type RouteDeclaration, route } from '../../http/route.ts';
import type { DashboardService } from './dashboard.service.ts';

const counts = z.object({ 1: z.int(), 2: z.int(), 3: z.int() }).describe('Young people at each level of concern');
const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.int().describe('How many there are (the list shows the first 50)'), items: z.array(item) });
const review = z.object({ youngPerson: entitySummary, reviewDue: z.iso.date() });
const analysisCard = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    unavailable: z.string().optional().describe('Why the analysis gave no answer this time (it ran out of time)'),
  });

const dashboard = z.object({
  asOf: z.iso.date(),
  levels: z.object({
    current: counts,
    trend: z
      .array(z.object({ month: z.string(), on: z.iso.date().describe('The day counted'), levels: counts }))
      .describe('Month-end counts over the last 12 months, rebuilt from the level history (today for this month)'),
  }),
  reviews: z.object({ windowDays: z.int(), overdue: listOf(review), dueSoon: listOf(review) }),
  overdueActions: z.object({
    total: z.int(),
    byAgency: z.array(
      listOf(
        z.object({
          id: z.uuid(),
          what: z.string().optional().describe('Left out for roles that see young people by reference'),
          ownerName: z.string(),
          ownerAgency: z.string(),
          dueOn: z.iso.date(),
          daysOverdue: z.int(),
          category: z.enum(actionCategories),
          target: entitySummary,
        }),
      ).extend({ agency: z.string() }),
    ),
  }),
  withoutPlan: listOf(entitySummary),
  awaitingDiscussion: listOf(
    z.object({
      id: z.uuid(),
      assessedOn: z.iso.date(),
      assessorAgency: z.string(),
      suggestedLevel: levelOfConcern.nullable(),
      youngPerson: entitySummary,
    }),
  ),
  nextMeeting: z.object({ id: z.uuid(), heldOn: z.iso.date(), title: z.string() }).nullable(),
  hotspots: analysisCard(
    z.object({
      location: entitySummary,
      youngPeopleCount: z.int(),
      adultCount: z.int(),
      eventCount: z.int(),
      lastSeen: z.iso.date(),
    }),
  ),
  groups: analysisCard(
    z.object({
      id: z.string(),
      memberCount: z.int(),
      youngPeopleCount: z.int(),
      members: z.array(entitySummary).describe('The first three members'),
    }),
  ),
});

export function dashboardRoutes(service: DashboardService): RouteDeclaration[] {
  return [
    route({
      method: 'get',
      path: '/api/dashboard',
      summary:
        "The operations group's dashboard: cases by level and their trend, reviews due, overdue actions, cases without a plan, assessments awaiting discussion, top hotspots and groups",
      tag: 'dashboard',
      permission: 'casework:read',
      response: dashboard,
      handler: ({ viewer }) => service.dashboard(visibilityOf(viewer)),
      // The dashboard reads across every case at once, like an analysis.
      audit: () => ({ action: 'view', subjectType: 'Dashboard' }),
    }),
  ];
}
