import { epochDay, isoDay, todayIso } from '../../../graph-schema/calendar.ts';
import { youngPerson as youngPersonDeclaration } from '../../../graph-schema/index.ts';
import { present } from '../../auth/pseudonymise.ts';
import type { Visibility } from '../../auth/viewer.ts';
import * as cypher from './assessments.cypher.ts';
import type { GraphReader } from './assessments.service.ts';

export interface ReviewDue {
  youngPerson: {
    id: string;
    reference: string;
    name: string;
    levelOfConcern: 1 | 2 | 3;
    leadProfessional: string | null;
    leadAgency: string | null;
    pseudonymised?: boolean;
  };
  reviewDue: string;
  overdue: boolean;
  /** Days past the due date (overdue) or until it (not yet due). */
  days: number;
}

export interface ReviewsDue {
  today: string;
  until: string;
  /** Every review due by `until`, overdue ones included; `items` holds up to the limit asked for. */
  total: number;
  overdue: number;
  /** Active young people with no review date at all: no level has been agreed for them yet. */
  withoutReviewDate: number;
  items: ReviewDue[];
}

const run = <Row>(reader: GraphReader, query: string, params: Record<string, unknown>) =>
  'run' in reader ? reader.run<Row>(query, params) : reader.read<Row>(query, params);

/**
 * The young people whose review is overdue or falls due within `within` days, soonest first, as the viewer may
 * see them (police-only young people for the police alone, members by reference code). Archived young people
 * have no review. For the reviews route and the dashboard's counts.
 */
export async function reviewsDue(
  reader: GraphReader,
  visibility: Visibility,
  options: { within: number; limit?: number; today?: string },
): Promise<ReviewsDue> {
  const on = options.today ?? todayIso();
  const until = isoDay(epochDay(on) + options.within);
  const params = { policeIntelligence: visibility.policeIntelligence, today: on, until, limit: options.limit ?? 500 };
  const [due] = await run<{
    total: number;
    overdue: number;
    items: (ReviewDue['youngPerson'] & { reviewDue: string })[];
  }>(reader, cypher.reviewsDue, params);
  const [missing] = await run<{ count: number }>(reader, cypher.withoutReviewDate, params);
  return {
    today: on,
    until,
    total: due?.total ?? 0,
    overdue: due?.overdue ?? 0,
    withoutReviewDate: missing?.count ?? 0,
    items: (due?.items ?? []).map(({ reviewDue, ...youngPerson }) => {
      const shown = present(youngPersonDeclaration, youngPerson, visibility);
      return {
        youngPerson: {
          ...shown,
          leadProfessional: shown.leadProfessional ?? null,
          leadAgency: shown.leadAgency ?? null,
        },
        reviewDue,
        overdue: reviewDue < on,
        days: Math.abs(epochDay(reviewDue) - epochDay(on)),
      };
    }),
  };
}

/** The dashboard's counts: reviews overdue, due within `within` days (not yet overdue), and young people with none. */
export async function reviewCounts(reader: GraphReader, visibility: Visibility, options: { within: number }) {
  const reviews = await reviewsDue(reader, visibility, { within: options.within, limit: 0 });
  return {
    overdue: reviews.overdue,
    dueSoon: reviews.total - reviews.overdue,
    withoutReviewDate: reviews.withoutReviewDate,
  };
}
