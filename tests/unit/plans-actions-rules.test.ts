import { describe, expect, it } from 'vitest';
import { applyActionChange, isOverdue, shownStatus } from '../../api/operations/actions/action-rules.ts';
import { disruptionProblems, isActiveDisruption } from '../../api/operations/disruptions/disruption-rules.ts';
import { returnInterviewTimeliness } from '../../api/operations/missing-episodes/return-interview.ts';
import { isCurrentPlan, planProblems, replacedPlanEnd } from '../../api/operations/plans/plan-rules.ts';
import { episodeDateProblems } from '../../graph-schema/nodes/event-dates.ts';

const today = '2026-12-01';
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('overdue', () => {
  it('is an open action due before today, and nothing else', () => {
    expect(isOverdue({ status: 'open', dueOn: '2026-11-30' }, today)).toBe(true);
    expect(isOverdue({ status: 'open', dueOn: today }, today)).toBe(false);
    expect(isOverdue({ status: 'done', dueOn: '2026-11-01' }, today)).toBe(false);
    expect(shownStatus({ status: 'cancelled', dueOn: '2026-11-01' }, today)).toBe('cancelled');
    expect(shownStatus({ status: 'open', dueOn: '2026-11-01' }, today)).toBe('overdue');
  });
});

describe('action status changes', () => {
  const open = { status: 'open' as const };
  const done = { status: 'done' as const, completedOn: '2026-11-20' };

  it('completes on today by default, or on a given past day', () => {
    expect(applyActionChange(open, { status: 'done' }, today)).toEqual({
      changes: { status: 'done', completedOn: today },
    });
    expect(applyActionChange(open, { status: 'done', completedOn: '2026-11-29', outcome: 'Seen' }, today)).toEqual({
      changes: { status: 'done', completedOn: '2026-11-29', outcome: 'Seen' },
    });
    expect(applyActionChange(open, { status: 'done', completedOn: '2026-12-02' }, today)).toMatchObject({
      refused: { field: 'completedOn' },
    });
  });

  it('keeps a closed action closed unless reopened with a reason, which clears its completion', () => {
    expect(applyActionChange(done, { dueOn: '2026-12-20' }, today)).toMatchObject({
      refused: { message: expect.any(String) },
    });
    expect(applyActionChange(done, { status: 'cancelled' }, today)).toMatchObject({ refused: {} });
    expect(applyActionChange(done, { status: 'open' }, today)).toMatchObject({ refused: { field: 'reopenReason' } });
    expect(applyActionChange(done, { status: 'open', reopenReason: 'Missing again' }, today)).toEqual({
      changes: { status: 'open', completedOn: null, reopenReason: 'Missing again' },
    });
    expect(applyActionChange(done, { outcome: 'Later: attending school' }, today)).toEqual({
      changes: { outcome: 'Later: attending school', status: 'done', completedOn: '2026-11-20' },
    });
  });

  it('gives a reason only when reopening, and a completion date only to a done action', () => {
    expect(applyActionChange(open, { reopenReason: 'Why not' }, today)).toMatchObject({
      refused: { field: 'reopenReason' },
    });
    expect(applyActionChange(open, { status: 'cancelled', completedOn: today }, today)).toMatchObject({
      refused: { field: 'completedOn' },
    });
    expect(applyActionChange(open, { status: 'cancelled' }, today)).toEqual({ changes: { status: 'cancelled' } });
  });
});

describe('plans', () => {
  it('is current from its start through its last day', () => {
    expect(isCurrentPlan({ startedOn: today }, today)).toBe(true);
    expect(isCurrentPlan({ startedOn: '2026-01-01', endedOn: today }, today)).toBe(true);
    expect(isCurrentPlan({ startedOn: '2026-01-01', endedOn: '2026-11-30' }, today)).toBe(false);
  });

  it('keeps a CSE action plan for a young person under no statutory plan', () => {
    expect(
      fields(planProblems({ type: 'cse-action-plan', startedOn: today }, { legalStatus: 'child-in-need', today })),
    ).toEqual(['type']);
    expect(planProblems({ type: 'cse-action-plan', startedOn: today }, { legalStatus: 'none', today })).toEqual([]);
    expect(
      fields(
        planProblems(
          { type: 'child-protection', startedOn: today, endedOn: '2026-11-01' },
          { legalStatus: 'none', today },
        ),
      ),
    ).toEqual(['endedOn']);
  });

  it('ends the plan it replaces the day before the new one starts', () => {
    expect(replacedPlanEnd({ startedOn: '2026-06-01' }, { startedOn: '2026-11-01' })).toEqual({
      endedOn: '2026-10-31',
    });
    expect(replacedPlanEnd({ startedOn: '2026-11-01' }, { startedOn: '2026-11-01' })).toHaveProperty('refused');
  });
});

describe('disruption dates', () => {
  const order = { tactic: 'sexual-risk-order', servedOn: '2026-06-01', breaches: [] };

  it('needs the detail of "other", and nothing before the date served', () => {
    expect(disruptionProblems(order, today)).toEqual([]);
    expect(fields(disruptionProblems({ ...order, tactic: 'other' }, today))).toEqual(['tacticDetail']);
    expect(fields(disruptionProblems({ ...order, expiresOn: '2026-05-31', reviewOn: '2026-05-01' }, today))).toEqual([
      'expiresOn',
      'reviewOn',
    ]);
    expect(
      fields(disruptionProblems({ ...order, breaches: [{ on: '2026-05-30' }, { on: '2026-07-01' }] }, today)),
    ).toEqual(['breaches.0.on']);
    expect(
      fields(disruptionProblems({ ...order, expiresOn: '2026-08-01', breaches: [{ on: '2026-09-01' }] }, today)),
    ).toEqual(['breaches.0.on']);
  });

  it('is active until the end of its expiry day', () => {
    expect(isActiveDisruption({}, today)).toBe(true);
    expect(isActiveDisruption({ expiresOn: today }, today)).toBe(true);
    expect(isActiveDisruption({ expiresOn: '2026-11-30' }, today)).toBe(false);
  });
});

describe('the return home interview', () => {
  it('is within 72 hours when done by the third day after the return', () => {
    expect(returnInterviewTimeliness({ endedOn: '2026-11-20', returnInterviewDone: '2026-11-23' }, today)).toEqual({
      within72Hours: true,
      dueBy: '2026-11-23',
    });
    expect(returnInterviewTimeliness({ endedOn: '2026-11-20', returnInterviewDone: '2026-11-24' }, today)).toEqual({
      within72Hours: false,
      dueBy: '2026-11-23',
    });
  });

  it('is undecided while still missing or still in time, and late once the time is up', () => {
    expect(returnInterviewTimeliness({}, today)).toEqual({ within72Hours: null, dueBy: null });
    expect(returnInterviewTimeliness({ endedOn: '2026-11-29' }, today)).toEqual({
      within72Hours: null,
      dueBy: '2026-12-02',
    });
    expect(returnInterviewTimeliness({ endedOn: '2026-11-27' }, today)).toEqual({
      within72Hours: false,
      dueBy: '2026-11-30',
    });
  });

  it('refuses dates out of order', () => {
    expect(episodeDateProblems({ occurredOn: '2026-11-20', endedOn: '2026-11-19' }, today)).toEqual([
      expect.objectContaining({ field: 'endedOn' }),
    ]);
    expect(fields(episodeDateProblems({ occurredOn: '2026-11-20', returnInterviewDone: '2026-11-22' }, today))).toEqual(
      ['returnInterviewDone'],
    );
    expect(
      fields(
        episodeDateProblems(
          {
            occurredOn: '2026-11-20',
            endedOn: '2026-11-21',
            returnInterviewOffered: '2026-11-23',
            returnInterviewDone: '2026-11-22',
          },
          today,
        ),
      ),
    ).toEqual(['returnInterviewDone']);
  });
});
