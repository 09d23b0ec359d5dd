import { z } from 'zod';
import { evidenceShape } from '../../../graph-schema/evidence.ts';
import { isoDate, longText, shortText } from '../../../graph-schema/properties.ts';
import { entitySummary } from '../../analysis/summary.ts';
import { visibilityOf } from '../../auth/viewer.ts';
import { idParams } from '../../http/common-schemas.ts';
import { type RouteDeclaration, route } from '../../http/route.ts';
import type { MissingEpisodesService } from './missing-episodes.service.ts';

const timeliness = {
  within72Hours: z
    .boolean()
    .nullable()
    .describe('Return home interview done within 72 hours of the return; null while still missing or still in time'),
  dueBy: isoDate.nullable().describe('The last day the interview is within 72 hours'),
};

const episodeRecord = z.object({
  id: z.uuid(),
  version: z.int(),
  title: z.string(),
  type: z.literal('missing-episode'),
  occurredOn: isoDate,
  endedOn: isoDate.optional(),
  description: z.string().optional(),
  returnInterviewOffered: isoDate.optional(),
  returnInterviewDone: isoDate.optional(),
  gradingHandling: z.enum(['P', 'C']),
  pseudonymised: z.boolean().optional(),
  ...timeliness,
});

const episodeView = episodeRecord.extend({
  foundAt: entitySummary.nullable().describe('Where the young person was found'),
  withWhom: z.array(entitySummary).describe('The adults they were with'),
});

const newEpisode = z
  .object({
    title: shortText.optional().describe('Default: "Missing episode from <date>"'),
    occurredOn: isoDate.describe('The day they went missing'),
    endedOn: isoDate.optional().describe('The day they came back (or were found)'),
    description: longText.optional(),
    foundAt: z.uuid().optional().describe('The location where they were found'),
    withWhom: z.array(z.uuid()).max(20).default([]).describe('The adults they were with (persons of interest)'),
    returnInterviewOffered: isoDate.optional(),
    returnInterviewDone: isoDate.optional(),
    evidence: evidenceShape
      .omit({ firstSeen: true, lastSeen: true })
      .strict()
      .describe("The evidence every link of the episode carries; the links are dated from the episode's days"),
  })
  .strict();

const episodeChange = z
  .object({
    endedOn: isoDate.nullable(),
    returnInterviewOffered: isoDate.nullable(),
    returnInterviewDone: isoDate.nullable(),
    description: longText.nullable(),
  })
  .partial()
  .extend({ version: z.int().min(1) })
  .strict();

export function missingEpisodesRoutes(service: MissingEpisodesService): RouteDeclaration[] {
  return [
    route({
      method: 'post',
      path: '/api/young-people/:id/missing-episodes',
      summary: 'Log a missing episode: the event, who they were with and where they were found, in one go',
      tag: 'casework',
      permission: 'casework:write',
      params: idParams,
      body: newEpisode,
      status: 201,
      response: episodeView,
      errors: [404],
      handler: ({ params, body, viewer }) => service.log(params.id, body, viewer),
    }),
    route({
      method: 'get',
      path: '/api/young-people/:id/missing-episodes',
      summary:
        "A young person's missing episodes, newest first, with whether each return interview was within 72 hours",
      tag: 'casework',
      permission: 'casework:read',
      params: idParams,
      response: z.object({ youngPerson: entitySummary, items: z.array(episodeView) }),
      errors: [404],
      handler: ({ params, viewer }) => service.list(params.id, visibilityOf(viewer)),
      audit: ({ params }) => ({ action: 'view', subjectType: 'Event', subjectId: params.id }),
    }),
    route({
      method: 'patch',
      path: '/api/missing-episodes/:id',
      summary: 'Record the return or the return home interview of a missing episode (send the version you read)',
      tag: 'casework',
      permission: 'casework:write',
      params: idParams,
      body: episodeChange,
      response: episodeRecord,
      errors: [404, 409],
      handler: ({ params, body, viewer }) => service.update(params.id, body, viewer),
    }),
  ];
}
