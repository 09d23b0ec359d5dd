import { afterAll, describe, expect, it } from 'vitest';
import {
  type AdultProjection,
  type AdultProjectionParameters,
  adultProjectionCache,
  buildAdultProjection,
  patchAdultProjection,
} from '../../api/analysis/adult-projection.ts';
import { algorithmRunner } from '../../api/analysis/algorithm-runner.ts';
import { createRandom } from '../../api/analysis/algorithms/random.ts';
import { analysisQueries } from '../../api/analysis/analysis.routes.ts';
import { analysisService } from '../../api/analysis/analysis.service.ts';
import { analysisFilters, countingRules } from '../../api/analysis/filters.ts';
import { Mirror, type MirrorLinkRow, type MirrorRecordRow } from '../../api/analysis/mirror/mirror.ts';
import { systemVisibility, type Visibility } from '../../api/auth/viewer.ts';
import { generateSynthetic } from '../../seed/synthetic.ts';

/** A small synthetic network in a mirror, with the rows it was made of. */
function syntheticMirror(seed: number) {
  const network = generateSynthetic({ youngPeople: 240, adults: 320, locations: 200, groups: 8, seed });
  const records: MirrorRecordRow[] = [
    ...network.youngPeople.map((r) => ({ ...r, label: 'YoungPerson' }) as MirrorRecordRow),
    ...network.personsOfInterest.map((r) => ({ ...r, label: 'PersonOfInterest' }) as MirrorRecordRow),
    ...network.locations.map((r) => ({ ...r, label: 'Location' }) as MirrorRecordRow),
  ];
  const links = network.links.map((l) => ({ ...l, lastSeen: l.lastSeen ?? null }) as MirrorLinkRow);
  const mirror = new Mirror();
  for (const record of records) mirror.upsertRecord(record);
  for (const link of links) mirror.upsertLink(link);
  return { mirror, records, links };
}

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

/**
 * Random changes of every kind the mirror takes in: links created, removed, re-graded, hidden (handling
 * C), moved to other records; adults given a phone another holds, archived, made police-only; records
 * added and removed.
 */
function changer(mirror: Mirror, records: MirrorRecordRow[], links: MirrorLinkRow[], seed: number) {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const live = () => records.filter((r) => mirror.recordIndex.has(r.id));
  const ofLabel = (label: string) => live().filter((r) => r.label === label);
  const liveLinks = () => links.filter((l) => mirror.linkIndex.has(l.id));
  const typeOf = (from: string, to: string) =>
    (links.find((l) => labelOf(l.from) === from && labelOf(l.to) === to) as MirrorLinkRow).type;
  const labelById = new Map(records.map((r) => [r.id, r.label]));
  const labelOf = (id: string) => labelById.get(id);
  const types = {
    child: typeOf('PersonOfInterest', 'YoungPerson'),
    place: typeOf('PersonOfInterest', 'Location'),
    adult: typeOf('PersonOfInterest', 'PersonOfInterest'),
  };
  let made = 0;
  const newLink = (from: MirrorRecordRow, to: MirrorRecordRow, type: string): MirrorLinkRow => {
    made += 1;
    const row: MirrorLinkRow = {
      id: `zz-test-link-${String(made).padStart(5, '0')}`,
      type,
      from: from.id,
      to: to.id,
      sourceAgency: 'Police',
      sourceReference: null,
      gradingSource: 1 + Math.floor(random() * 3),
      gradingInformation: pick(['A', 'B', 'C', 'D', 'E']),
      gradingHandling: random() < 0.2 ? 'C' : 'P',
      firstSeen: '2026-03-01',
      lastSeen: random() < 0.5 ? '2026-09-01' : null,
    };
    links.push(row);
    return row;
  };
  const changes: (() => string)[] = [
    () => {
      const row = newLink(pick(ofLabel('PersonOfInterest')), pick(ofLabel('YoungPerson')), types.child);
      mirror.upsertLink(row);
      return 'a link from an adult to a young person';
    },
    () => {
      const row = newLink(pick(ofLabel('PersonOfInterest')), pick(ofLabel('Location')), types.place);
      mirror.upsertLink(row);
      return 'a link from an adult to a place';
    },
    () => {
      const row = newLink(pick(ofLabel('PersonOfInterest')), pick(ofLabel('PersonOfInterest')), types.adult);
      mirror.upsertLink(row);
      return 'a link between adults';
    },
    () => {
      mirror.removeLink(pick(liveLinks()).id);
      return 'a link removed';
    },
    () => {
      const row = pick(liveLinks());
      const regraded = { ...row, gradingSource: 3, gradingInformation: 'E', lastSeen: '2024-01-01' };
      links[links.indexOf(row)] = regraded;
      mirror.upsertLink(regraded);
      return 'a link re-graded';
    },
    () => {
      const row = pick(liveLinks());
      const hidden = { ...row, gradingHandling: row.gradingHandling === 'C' ? 'P' : 'C' };
      links[links.indexOf(row)] = hidden;
      mirror.upsertLink(hidden);
      return 'a link hidden or shown';
    },
    () => {
      const row = pick(liveLinks().filter((l) => labelOf(l.from) === 'PersonOfInterest'));
      const moved = { ...row, from: pick(ofLabel('PersonOfInterest')).id };
      links[links.indexOf(row)] = moved;
      mirror.upsertLink(moved);
      return 'a link moved to another adult';
    },
    () => {
      const [a, b] = [pick(ofLabel('PersonOfInterest')), pick(ofLabel('PersonOfInterest'))] as const;
      const phone = `07700 9${String(Math.floor(random() * 99_999)).padStart(5, '0')}`;
      for (const adult of [a, b]) {
        const updated = { ...adult, phones: [...((adult.phones as string[] | undefined) ?? []), phone] };
        records[records.indexOf(adult)] = updated;
        mirror.upsertRecord(updated);
      }
      return 'two adults given the same phone';
    },
    () => {
      const adult = pick(ofLabel('PersonOfInterest'));
      const updated = { ...adult, archivedAt: adult.archivedAt ? null : '2026-11-01T00:00:00Z' };
      records[records.indexOf(adult)] = updated;
      mirror.upsertRecord(updated);
      return 'an adult archived or restored';
    },
    () => {
      const record = pick([...ofLabel('PersonOfInterest'), ...ofLabel('Location')]);
      const updated = { ...record, gradingHandling: record.gradingHandling === 'C' ? 'P' : 'C' };
      records[records.indexOf(record)] = updated;
      mirror.upsertRecord(updated);
      return 'a record made police-only or shareable';
    },
    () => {
      const child = pick(ofLabel('YoungPerson'));
      const updated = { ...child, levelOfConcern: child.levelOfConcern === 3 ? 1 : 3 };
      records[records.indexOf(child)] = updated;
      mirror.upsertRecord(updated);
      return "a young person's level changed";
    },
    () => {
      made += 1;
      const holder = pick(ofLabel('PersonOfInterest').filter((r) => (r.phones as string[] | undefined)?.length));
      const adult: MirrorRecordRow = {
        id: `aa-test-adult-${String(made).padStart(5, '0')}`,
        label: 'PersonOfInterest',
        name: 'Test Adult New',
        phones: holder ? [...(holder.phones as string[])] : [],
        vehicles: [],
        gradingHandling: 'P',
      };
      records.push(adult);
      labelById.set(adult.id, adult.label);
      mirror.upsertRecord(adult);
      mirror.upsertLink(newLink(adult, pick(ofLabel('YoungPerson')), types.child));
      return 'a new adult, holding a phone another holds, linked to a young person';
    },
    () => {
      mirror.removeRecord(pick(live()).id);
      return 'a record removed';
    },
  ];
  return () => pick(changes)();
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
