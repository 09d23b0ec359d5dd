import { describe, expect, it } from 'vitest';
import {
  actionOutcome,
  ageBand,
  ageOn,
  decisionKind,
  returnInterviewKind,
} from '../../api/operations/reports/report-figures.ts';

describe('age bands', () => {
  it('counts whole years, a birthday counting from its day', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).toBe(15);
    expect(ageOn('2010-06-15', '2026-06-15')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-27')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(18);
  });

  it('puts each age in its band, and a missing or impossible date of birth under "not known"', () => {
    const on = '2026-06-30';
    expect(ageBand('2014-07-01', on)).toBe('under 12');
    expect(ageBand('2014-06-30', on)).toBe('12–13');
    expect(ageBand('2012-06-30', on)).toBe('14–15');
    expect(ageBand('2010-06-30', on)).toBe('16–17');
    expect(ageBand('2008-07-01', on)).toBe('16–17');
    expect(ageBand('2008-06-30', on)).toBe('18+');
    expect(ageBand(null, on)).toBe('not known');
    expect(ageBand('2027-01-01', on)).toBe('not known');
  });
});

describe('what a level decision did', () => {
  it('tells step-ups, step-downs, closures and reopenings apart', () => {
    expect(decisionKind(3, 1)).toBe('stepped up');
    expect(decisionKind(1, 2)).toBe('stepped down');
    expect(decisionKind('archived', 2)).toBe('archived (closed)');
    expect(decisionKind(2, 'archived')).toBe('reopened');
    expect(decisionKind(2, 2)).toBe('level kept');
  });
});

describe('return interviews and actions', () => {
  it('counts an interview within 72 hours when done by three days after the return', () => {
    expect(returnInterviewKind('2026-03-30', '2026-04-02')).toBe('within 72 hours');
    expect(returnInterviewKind('2026-03-30', '2026-04-03')).toBe('after 72 hours');
    expect(returnInterviewKind('2026-03-30', null)).toBe('none recorded');
    expect(returnInterviewKind(null, null)).toBe('not yet returned');
  });

  it('counts an action done on time only when completed by its due date', () => {
    expect(actionOutcome('done', '2026-03-10', '2026-03-10')).toBe('done on time');
    expect(actionOutcome('done', '2026-03-10', '2026-03-11')).toBe('done late or undated');
    expect(actionOutcome('done', '2026-03-10', null)).toBe('done late or undated');
    expect(actionOutcome('open', '2026-03-10', null)).toBe('still open');
    expect(actionOutcome('cancelled', '2026-03-10', null)).toBe('cancelled');
  });
});
