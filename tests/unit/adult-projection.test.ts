import { afterAll, describe, expect, it } from 'vitest';
import {
  type AdultProjection,
  type AdultProjectionParameters,
  adultProjectionCache,
  buildAdultProjection,
  patchAdultProjection,
} from '../../api/analysis/adult-projection.ts';
import { algorithmRunner } from '../../api/analysis/algorithm-runner.ts';
import { analysisQueries } from '../../api/analysis/analysis.routes.ts';
import { analysisService } from '../../api/analysis/analysis.service.ts';
import { analysisFilters, countingRules } from '../../api/analysis/filters.ts';
import type { MirrorRecordRow } from '../../api/analysis/mirror/mirror.ts';
import { systemVisibility, type Visibility } from '../../api/auth/viewer.ts';
import { changer, syntheticMirror } from '../support/mirror-changes.ts';

const police: Visibility = systemVisibility;
const analyst: Visibility = { policeIntelligence: false, names: true, revealed: new Set() };

function parameters(visibility: Visibility, hubLimit: number, minBond: number): AdultProjectionParameters {
  const filters = analysisFilters.parse({});
  return {
    how: { rules: countingRules(filters, visibility), asOf: '2026-12-01', halfLifeDays: 365 },
    hubLimit,
    minBond,
  };
}

/** Everything a projection answers with, as plain data, so two can be compared exactly. */
function plain({ projection, ties, skippedHubs }: AdultProjection) {
  return {
    ids: projection.ids,
    offsets: [...projection.offsets],
    targets: [...projection.targets],
    weights: [...projection.weights],
    edgeCount: projection.edgeCount,
    shared: ties.shared.map(({ via, kind, adults, weights }) => ({ via, kind, adults, weights })),
    direct: ties.direct,
    identifiers: ties.identifiers,
    skippedHubs,
  };
}

describe('the adult projection patched after changes', () => {
  it.each([
    { who: 'police', visibility: police, hubLimit: 100, minBond: 0.03, seed: 11 },
    { who: 'analyst', visibility: analyst, hubLimit: 6, minBond: 0.03, seed: 12 },
    { who: 'police', visibility: police, hubLimit: 8, minBond: 0.3, seed: 13 },
  ])(
    'is what a fresh build makes, after each of a run of random changes ($who, hub limit $hubLimit, minimum bond $minBond)',
    ({ visibility, hubLimit, minBond, seed }) => {
      const { mirror, records, links } = syntheticMirror(seed);
      const params = parameters(visibility, hubLimit, minBond);
      let state = buildAdultProjection(mirror, params);
      expect(state.projection.edgeCount).toBeGreaterThan(100);
      const change = changer(mirror, records, links, seed);
      const kinds = new Set<string>();
      let structural = 0;
      for (let step = 0; step < 120; step++) {
        // One change, sometimes several, between looks.
        const count = step % 5 === 4 ? 3 : 1;
        for (let k = 0; k < count; k++) kinds.add(change());
        const before = state.projection;
        const patched = patchAdultProjection(state, mirror);
        expect(patched, `step ${step}`).toBeDefined();
        state = patched as typeof state;
        if (state.projection.offsets !== before.offsets) structural += 1;
        expect(plain(state), `step ${step}`).toEqual(plain(buildAdultProjection(mirror, params)));
      }
      expect(kinds.size).toBe(13);
      // Both ways of patching were taken: weights alone, and a rebuilt projection.
      expect(structural).toBeGreaterThan(5);
      expect(structural).toBeLessThan(120);
    },
    // 120 fresh builds to compare with: a few seconds alone, more on a busy machine.
    60_000,
  );

  it('is made afresh when the journal no longer reaches back, or for another mirror', () => {
    const { mirror, records, links } = syntheticMirror(5);
    const params = parameters(police, 100, 0.03);
    const state = buildAdultProjection(mirror, params);
    const change = changer(mirror, records, links, 5);
    for (let k = 0; k < 25_000; k++) mirror.upsertRecord(records[k % records.length] as MirrorRecordRow);
    change();
    expect(patchAdultProjection(state, mirror)).toBeUndefined();
    expect(patchAdultProjection(buildAdultProjection(mirror, params), syntheticMirror(5).mirror)).toBeUndefined();
    const cache = adultProjectionCache(2);
    const first = cache.get(mirror, 'k', params);
    expect(cache.get(mirror, 'k', params)).toBe(first);
    change();
    expect(plain(cache.get(mirror, 'k', params))).toEqual(plain(buildAdultProjection(mirror, params)));
  });
});

describe('groups after changes', () => {
  const algorithms = algorithmRunner({ timeoutMs: 60_000 });
  afterAll(() => algorithms.close());

  it('answers as a service that has seen no earlier state does', async () => {
    const { mirror, records, links } = syntheticMirror(21);
    const source = { current: async () => mirror, status: () => ({}) as never };
    const patched = analysisService(source, algorithms);
    const query = analysisQueries.groups.parse({ to: '2026-12-01' });
    const change = changer(mirror, records, links, 21);
    for (let step = 0; step < 6; step++) {
      await patched.groups(query, systemVisibility);
      for (let k = 0; k < 2; k++) change();
      const fresh = analysisService(source, algorithms);
      const [a, b] = [await patched.groups(query, systemVisibility), await fresh.groups(query, systemVisibility)];
      expect(a.items.length).toBeGreaterThan(0);
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    }
  }, 60_000);
});
