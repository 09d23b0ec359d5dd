import { describe, expect, it } from 'vitest';
import { toCsv } from '../../api/audit/audit.routes.ts';
import type { AuditEvent } from '../../api/audit/audit-chain.ts';

const event = (overrides: Partial<AuditEvent>): AuditEvent => ({
  seq: 1,
  at: '2026-11-28T10:00:00.000Z',
  username: 'analyst',
  role: 'analyst',
  action: 'search',
  subjectType: null,
  subjectId: null,
  reason: null,
  details: null,
  address: '127.0.0.1',
  restricted: false,
  prevHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
  ...overrides,
});

describe('audit CSV export', () => {
  it('quotes commas, quotes and line breaks', () => {
    const [, row] = toCsv([event({ reason: 'said "hello", then\nleft' })]).split(/\n(?=1,)/);
    expect(row).toContain('"said ""hello"", then\nleft"');
  });

  it.each(['=SUM(A1)', '+1', '-1', '@cmd', '\tcmd', '\rcmd'])('neutralises a formula starting %j', (text) => {
    const csv = toCsv([event({ reason: text })]);
    expect(csv).toContain(`'${text.trimEnd()}`);
  });
});
