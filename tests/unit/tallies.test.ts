import { describe, expect, it } from 'vitest';
import { analysisQueries } from '../../api/analysis/analysis.routes.ts';
import { analysisFilters, countingRules } from '../../api/analysis/filters.ts';
import { hotspots, hotspotTally } from '../../api/analysis/hotspots.ts';
import type { MirrorRecordRow } from '../../api/analysis/mirror/mirror.ts';
import { sharedAdults, sharedAdultTally } from '../../api/analysis/shared-adults.ts';
import {
  freshTallies,
  type Kept,
  keptRows,
  patchTallies,
  type Tallies,
  type Tally,
  talliesCache,
} from '../../api/analysis/tallies.ts';
import { systemVisibility, type Visibility } from '../../api/auth/viewer.ts';
import { changer, syntheticMirror } from '../support/mirror-changes.ts';

const analyst: Visibility = { policeIntelligence: false, names: true, revealed: new Set() };

/** The numbers as plain data, so that two can be compared exactly. */
const plain = ({ ranked, values, columns }: Tallies) => ({ ranked: [...ranked], values: [...values], columns });

const rankings = [
  {
    name: 'hotspots',
    tally: hotspotTally,
    rank: (mirror: Parameters<typeof hotspots>[0], query: object, visibility: Visibility, kept?: Kept) =>
      hotspots(mirror, analysisQueries.hotspots.parse(query), visibility, kept),
  },
  {
    name: 'shared adults',
    tally: sharedAdultTally,
    rank: (mirror: Parameters<typeof sharedAdults>[0], query: object, visibility: Visibility, kept?: Kept) =>
      sharedAdults(mirror, analysisQueries.sharedAdults.parse(query), visibility, kept),
  },
] as const;

describe.each(rankings)('the $name numbers patched after changes', ({ tally, rank }) => {
  it.each([
    { who: 'police', visibility: systemVisibility, query: { limit: '30' }, seed: 31 },
    { who: 'an analyst', visibility: analyst, query: { limit: '30', minSource: '2' }, seed: 32 },
    {
      who: 'police',
      visibility: systemVisibility,
      query: { limit: '200', from: '2026-01-01', to: '2026-10-01' },
      seed: 33,
    },
  ])(
    'are what counting afresh makes, and rank the same, after each of a run of random changes ($who, $query)',
    ({ visibility, query, seed }) => {
      const { mirror, records, links } = syntheticMirror(seed);
      const rules = countingRules(analysisFilters.parse(query), visibility);
      let state = freshTallies(mirror, tally as Tally, rules);
      expect(state.ranked.reduce((sum, r) => sum + r, 0)).toBeGreaterThan(100);
      const change = changer(mirror, records, links, seed, { events: true });
      const kinds = new Set<string>();
      const rows = keptRows(2);
      const keptFor = (tallies: Tallies): Kept => ({ tallies, rows: rows('the query', mirror, tallies) });
      let previous: unknown[] = rank(mirror, query, visibility, keptFor(state)).items;
      let reordered = 0;
      let reused = 0;
      for (let step = 0; step < 150; step++) {
        const count = step % 5 === 4 ? 4 : 1;
        for (let k = 0; k < count; k++) kinds.add(change());
        const patched = patchTallies(state, tally as Tally);
        expect(patched, `step ${step}`).toBeDefined();
        state = patched as typeof state;
        const fresh = freshTallies(mirror, tally as Tally, rules);
        expect(plain(state), `step ${step}`).toEqual(plain(fresh));
        const answer = rank(mirror, query, visibility, keptFor(state));
        expect(answer, `step ${step}`).toEqual(rank(mirror, query, visibility));
        if (JSON.stringify(answer.items) !== JSON.stringify(previous)) reordered += 1;
        reused += answer.items.filter((item: unknown) => previous.includes(item)).length;
        previous = answer.items;
      }
      // Every kind of change was made, events among them, and the changes moved the rankings.
      expect([...kinds].filter((kind) => !kind.startsWith('no ')).length).toBeGreaterThanOrEqual(17);
      expect(kinds).toContain('an event at a place, with people involved');
      expect(reordered).toBeGreaterThan(10);
      // Rows untouched by a change were kept, not made again (the same object as in the answer before).
      expect(reused).toBeGreaterThan(150);
    },
    60_000,
  );
});

describe('the numbers kept per set of counting rules', () => {
  it('are counted afresh when the journal no longer reaches back, for another mirror, or other rules', () => {
    const { mirror, records, links } = syntheticMirror(7);
    const rules = countingRules(analysisFilters.parse({}), systemVisibility);
    const state = freshTallies(mirror, hotspotTally, rules);
    for (let k = 0; k < 25_000; k++) mirror.upsertRecord(records[k % records.length] as MirrorRecordRow);
    const change = changer(mirror, records, links, 7, { events: true });
    change();
    expect(patchTallies(state, hotspotTally)).toBeUndefined();

    const cache = talliesCache(hotspotTally, 2);
    const first = cache.get(mirror, rules);
    expect(cache.get(mirror, rules)).toBe(first);
    const analystRules = countingRules(analysisFilters.parse({}), analyst);
    expect(plain(cache.get(mirror, analystRules))).toEqual(plain(freshTallies(mirror, hotspotTally, analystRules)));
    expect(plain(cache.get(mirror, analystRules))).not.toEqual(plain(first));
    for (let k = 0; k < 5; k++) change();
    expect(plain(cache.get(mirror, rules))).toEqual(plain(freshTallies(mirror, hotspotTally, rules)));
    const other = syntheticMirror(7).mirror;
    expect(plain(cache.get(other, rules))).toEqual(plain(freshTallies(other, hotspotTally, rules)));
  });
});
