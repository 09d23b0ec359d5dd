import { z } from 'zod';
import type { AnyNodeDeclaration } from '../../graph-schema/index.ts';
import { longText } from '../../graph-schema/properties.ts';
import { recordSchema } from '../../graph-schema/records.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { EntityService } from '../entities/entities.service.ts';
import { idParams } from '../http/common-schemas.ts';
import { addressOf, type RouteDeclaration, route } from '../http/route.ts';
import type { SessionsService } from './sessions.service.ts';
import { visibilityOf } from './viewer.ts';

/**
 * For labels with identifying properties: reveal one record's identity to a viewer who sees it by
 * reference, for the rest of the session. A reason is required and logged.
 */
export function revealRoutes(
  declaration: AnyNodeDeclaration,
  entities: EntityService,
  sessions: SessionsService,
  audit: AuditService,
): RouteDeclaration[] {
  if (!declaration.identifying?.length) return [];
  return [
    route({
      method: 'post',
      path: `/api/${declaration.pathSegment}/:id/reveal`,
      summary: `Reveal a ${declaration.title}'s identity for this session, with the reason (logged)`,
      tag: declaration.plural,
      permission: 'records:read',
      params: idParams,
      body: z.object({ reason: longText.min(5).max(500).describe('Why you need to see the identity') }).strict(),
      response: recordSchema(declaration),
      errors: [404],
      handler: async ({ params, body, viewer, request }) => {
        const revealed = new Set([...viewer.revealed, params.id]);
        const record = await entities.get(params.id, visibilityOf({ ...viewer, revealed }));
        await audit.record({
          action: 'reveal',
          username: viewer.username,
          role: viewer.role,
          subjectType: declaration.label,
          subjectId: params.id,
          reason: body.reason,
          address: addressOf(request),
        });
        // Logged first: a reveal that could not be recorded does not happen.
        await sessions.reveal(viewer.sessionId, params.id);
        return record;
      },
    }),
  ];
}
