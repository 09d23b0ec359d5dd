import { describe, expect, it } from 'vitest';
import { analysisFilters, countingRules, mirrorLinkCounts, mirrorRecordCounts } from '../../api/analysis/filters.ts';
import { epochDay, isoDay, type Mirror } from '../../api/analysis/mirror/mirror.ts';
import { byId, TopK } from '../../api/analysis/top.ts';
import { systemVisibility, type Visibility } from '../../api/auth/viewer.ts';
import { adultRow, linkRow, mirrorOf, placeRow, youngPersonRow } from '../support/mirror-factories.ts';

const analyst: Visibility = { policeIntelligence: false, names: true, revealed: new Set() };

/** The ids of the records linked to one record, in adjacency order. */
function neighbours(mirror: Mirror, id: string): string[] {
  const n = mirror.recordIndex.get(id) as number;
  const { offsets, other } = mirror.adjacency();
  return Array.from(other.subarray(offsets[n] as number, offsets[n + 1] as number), (m) => mirror.recordId(m)).sort();
}

describe('the analysis mirror', () => {
  it('turns calendar dates into day numbers and back', () => {
    expect(epochDay('1970-01-02')).toBe(1);
    expect(isoDay(epochDay('2026-02-28'))).toBe('2026-02-28');
    expect(epochDay('2024-03-01') - epochDay('2024-02-28')).toBe(2);
  });

  it('links both ends in its adjacency and gives each link its evidence back as it was read', () => {
    const child = youngPersonRow();
    const adult = adultRow();
    const park = placeRow();
    const control = linkRow('CONTROLS', adult, child, {
      gradingSource: 1,
      gradingInformation: 'C',
      sourceReference: 'REF-1',
      lastSeen: '2026-03-04',
    });
    const mirror = mirrorOf([child, adult, park], [control, linkRow('FREQUENTS', child, park)]);
    expect(mirror.recordCount).toBe(3);
    expect(mirror.linkCount).toBe(2);
    expect(neighbours(mirror, child.id)).toEqual([park.id, adult.id].sort());
    expect(neighbours(mirror, adult.id)).toEqual([child.id]);
    expect(mirror.evidence(mirror.linkIndex.get(control.id) as number)).toEqual({
      id: control.id,
      type: 'CONTROLS',
      from: adult.id,
      to: child.id,
      sourceAgency: 'Police',
      sourceReference: 'REF-1',
      gradingSource: 1,
      gradingInformation: 'C',
      gradingHandling: 'P',
      firstSeen: '2026-01-01',
      lastSeen: '2026-03-04',
    });
  });

  it('replaces a record or link read again, and moves a link whose ends changed', () => {
    const [a, b, c] = [youngPersonRow(), adultRow(), adultRow()];
    const link = linkRow('CONTROLS', b, a);
    const mirror = mirrorOf([a, b, c], [link]);
    mirror.upsertRecord({ ...a, levelOfConcern: 3 });
    mirror.upsertLink({ ...link, gradingInformation: 'E' });
    expect(mirror.recordCount).toBe(3);
    expect(mirror.linkCount).toBe(1);
    expect(mirror.level(mirror.recordIndex.get(a.id) as number)).toBe(3);
    expect(mirror.information(mirror.linkIndex.get(link.id) as number)).toBe(4);
    mirror.upsertLink({ ...link, from: c.id });
    expect(mirror.linkCount).toBe(1);
    expect(neighbours(mirror, b.id)).toEqual([]);
    expect(neighbours(mirror, c.id)).toEqual([a.id]);
  });

  it('forgets a removed link, and a removed record with all its links', () => {
    const [child, adult, park] = [youngPersonRow(), adultRow(), placeRow()];
    const first = linkRow('CONTROLS', adult, child);
    const second = linkRow('SEEN_AT', adult, park);
    const mirror = mirrorOf([child, adult, park], [first, second, linkRow('FREQUENTS', child, park)]);
    mirror.removeLink(first.id);
    expect(mirror.linkCount).toBe(2);
    expect(neighbours(mirror, child.id)).toEqual([park.id]);
    mirror.removeRecord(adult.id);
    expect(mirror.recordCount).toBe(2);
    expect(mirror.linkCount).toBe(1);
    expect(mirror.linkIndex.has(second.id)).toBe(false);
    expect(neighbours(mirror, park.id)).toEqual([child.id]);
  });

  it('refuses a link to a record it does not hold, or of an undeclared type', () => {
    const [child, adult] = [youngPersonRow(), adultRow()];
    const mirror = mirrorOf([child], []);
    expect(() => mirror.upsertLink(linkRow('CONTROLS', adult, child))).toThrow(/lacks/);
    mirror.upsertRecord(adult);
    expect(() => mirror.upsertLink(linkRow('KNOWS', adult, child))).toThrow(/Undeclared/);
  });

  it('counts links and records by the same rules as the Cypher filters', () => {
    const [child, adult] = [youngPersonRow(), adultRow({ gradingHandling: 'C' })];
    const archived = youngPersonRow({ levelOfConcern: 'archived', archivedAt: '2026-05-01T00:00:00.000Z' });
    const links = [
      linkRow('CONTROLS', adult, child, { firstSeen: '2026-02-01', lastSeen: '2026-04-30' }),
      linkRow('CONTROLS', adult, archived, { gradingHandling: 'C', gradingSource: 3, gradingInformation: 'E' }),
    ];
    const mirror = mirrorOf([child, adult, archived], links);
    const slot = (id: string) => mirror.linkIndex.get(id) as number;
    const rules = (query: Record<string, string>, visibility = systemVisibility) =>
      countingRules(analysisFilters.parse(query), visibility);
    const [window, weak] = links.map((link) => slot(link.id)) as [number, number];
    expect(mirrorLinkCounts(mirror, window, rules({ from: '2026-04-30', to: '2026-02-01' }))).toBe(true);
    expect(mirrorLinkCounts(mirror, window, rules({ from: '2026-05-01' }))).toBe(false);
    expect(mirrorLinkCounts(mirror, window, rules({ to: '2026-01-31' }))).toBe(false);
    expect(mirrorLinkCounts(mirror, weak, rules({}))).toBe(true);
    expect(mirrorLinkCounts(mirror, weak, rules({ minSource: '2' }))).toBe(false);
    expect(mirrorLinkCounts(mirror, weak, rules({ minInformation: 'D' }))).toBe(false);
    expect(mirrorLinkCounts(mirror, weak, rules({}, analyst))).toBe(false);
    const record = (id: string) => mirror.recordIndex.get(id) as number;
    expect(mirrorRecordCounts(mirror, record(adult.id), rules({}))).toBe(true);
    expect(mirrorRecordCounts(mirror, record(adult.id), rules({}, analyst))).toBe(false);
    expect(mirrorRecordCounts(mirror, record(archived.id), rules({}))).toBe(false);
    expect(mirrorRecordCounts(mirror, record(archived.id), rules({ includeArchived: 'true' }))).toBe(true);
  });
});

describe('top k', () => {
  it('keeps the best items in order, ties in the order they came', () => {
    const top = new TopK<{ score: number; id: string }>(3, (a, b) => b.score - a.score);
    for (const [score, id] of [
      [1, 'a'],
      [5, 'b'],
      [3, 'c'],
      [5, 'd'],
      [2, 'e'],
      [9, 'f'],
    ] as const) {
      top.offer({ score, id });
    }
    expect(top.sorted().map((item) => item.id)).toEqual(['f', 'b', 'd']);
    expect(top.wouldKeep({ score: 5, id: 'g' })).toBe(false);
    expect(top.wouldKeep({ score: 6, id: 'h' })).toBe(true);
  });

  it('orders ids as Cypher does, by code point', () => {
    expect(['b', 'B', 'a', '1'].sort(byId)).toEqual(['1', 'B', 'a', 'b']);
  });
});
