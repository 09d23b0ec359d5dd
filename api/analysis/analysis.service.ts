import { todayIso } from '../../graph-schema/calendar.ts';
import type { Visibility } from '../auth/viewer.ts';
import { badRequest } from '../http/errors.ts';
import { adultProjectionCache, projectionOfSlots } from './adult-projection.ts';
import { type AlgorithmRunner, projectionMessage } from './algorithm-runner.ts';
import type { Communities } from './algorithms/communities.ts';
import { componentsContaining, type Projection, subProjection } from './algorithms/projection.ts';
import { explainGroups } from './bonds.ts';
import { type AnalysisFilters, countedNetwork, countingRules, mirrorRecordCounts } from './filters.ts';
import { type HotspotsOptions, hotspots, hotspotTally } from './hotspots.ts';
import { memoByMirror } from './mirror/memo.ts';
import { EVENT, LOCATION, type Mirror, PERSON_OF_INTEREST, YOUNG_PERSON } from './mirror/mirror.ts';
import type { AnalysisMirror } from './mirror/mirror-sync.ts';
import { type SharedAdultsOptions, sharedAdults, sharedAdultTally } from './shared-adults.ts';
import { type EntitySummary, summarise } from './summary.ts';
import { type Kept, keptRows, talliesCache } from './tallies.ts';
import { TopK } from './top.ts';
import { type TrianglesOptions, triangles } from './triangles.ts';
import { type NeighbourhoodOptions, neighbourhood, type PathsOptions, paths } from './walks.ts';
import { type Weighing, weightedLinks } from './weighted-ties.ts';

export type { HotspotsOptions, NeighbourhoodOptions, PathsOptions, SharedAdultsOptions, TrianglesOptions };

export interface GroupsOptions extends AnalysisFilters {
  minSize: number;
  resolution: number;
  refine: boolean;
  halfLifeDays: number;
  hubLimit: number;
  minBond: number;
  within?: string[] | undefined;
  limit: number;
  /** The most young people, and the most shared places, listed per group. */
  listLimit: number;
  /** The most bonds listed per group. */
  bondLimit: number;
  /** What ranks the groups: the most adults, the most bond weight inside, or the most closed or dense first. */
  sortBy: GroupOrder;
}

export const groupOrders = ['size', 'internalWeight', 'cohesion', 'density'] as const;
export type GroupOrder = (typeof groupOrders)[number];

/** What a ranking's answer depends on besides the network: the parameters, what the viewer may see, and the day. */
function rankingKey(options: AnalysisFilters, visibility: Visibility): string {
  const { policeIntelligence, names, revealed } = visibility;
  return JSON.stringify([options, policeIntelligence, names, [...revealed].sort(), todayIso()]);
}

export type Projected = 'people' | 'adults' | 'all';

export interface CentralityOptions extends AnalysisFilters {
  projection: Projected;
  sortBy: 'degree' | 'betweenness' | 'closeness' | 'pageRank';
  halfLifeDays: number;
  hubLimit: number;
  minBond: number;
  within?: string[] | undefined;
  limit: number;
}

export interface KeyPlayersOptions extends AnalysisFilters {
  projection: Exclude<Projected, 'adults'>;
  count: number;
  halfLifeDays: number;
  within?: string[] | undefined;
}

const projectedLabels: Record<Exclude<Projected, 'adults'>, number[]> = {
  people: [YOUNG_PERSON, PERSON_OF_INTEREST],
  all: [YOUNG_PERSON, PERSON_OF_INTEREST, LOCATION, EVENT],
};

/** Captions in the order localeCompare gives them, with one collator rather than one per comparison. */
const byCaption = new Intl.Collator().compare;

/** Seed for every randomised algorithm: fixed, so the same data and parameters give the same answer. */
const algorithmSeed = 20_261_128;

/**
 * The link analyses, all over the in-memory mirror (brought up to date with every committed change before
 * each one): the rankings and walks in this process, the algorithms in a worker thread (`algorithms`).
 */
export function analysisService(mirror: AnalysisMirror, algorithms: AlgorithmRunner) {
  /** The date recency is measured from: the window's end, or today. */
  const asOfDate = (filters: AnalysisFilters) => filters.to ?? new Date().toISOString().slice(0, 10);
  const weighing = (filters: AnalysisFilters, visibility: Visibility, halfLifeDays: number): Weighing => ({
    rules: countingRules(filters, visibility),
    asOf: asOfDate(filters),
    halfLifeDays,
  });

  // Projections cost most of a second at 100k records; each is kept, and the adults' one patched after a
  // change to the network (see adult-projection.ts).
  const adultProjections = adultProjectionCache(2);
  // The rankings' last answers, by what was asked and what the viewer may see: the same panel opened by several
  // members at once is ranked once while the network is unchanged (and the day the same: recency counts).
  const sharedAdultRankings = memoByMirror<ReturnType<typeof sharedAdults>>(4);
  const hotspotRankings = memoByMirror<ReturnType<typeof hotspots>>(4);
  // What those two rank by, per record, patched after each change (see tallies.ts): a write costs the next
  // ranking the records it touched, not a pass over every tie in the network.
  const sharedAdultTallies = talliesCache(sharedAdultTally, 4);
  const hotspotTallies = talliesCache(hotspotTally, 4);
  const sharedAdultRows = keptRows(4);
  const hotspotRows = keptRows(4);
  /** The numbers a ranking reads and the rows it lists, as kept for this query and viewer. */
  function kept(
    network: Mirror,
    tallies: ReturnType<typeof talliesCache>,
    rows: ReturnType<typeof keptRows>,
    key: string,
    filters: AnalysisFilters,
    visibility: Visibility,
  ): Kept {
    const counted = tallies.get(network, countingRules(filters, visibility));
    return { tallies: counted, rows: rows(key, network, counted) };
  }
  const triangleRankings = memoByMirror<ReturnType<typeof triangles>>(4);
  // Groups are kept as the promise of their answer, so readers arriving together share one; a failed one is forgotten.
  const groupRankings = memoByMirror<ReturnType<typeof groupsIn>>(4);
  const linkProjections = memoByMirror<Projection>(2);
  // Louvain's (seeded) communities of the last few adult projections: groups asked for again while the network
  // is unchanged, by another member or with other limits, skip the second of Louvain. Kept as the run itself,
  // so readers arriving together share one; a run that fails is forgotten.
  const communityRuns = memoByMirror<Promise<Communities>>(4);
  const keyOf = (how: Weighing, ...more: unknown[]) => JSON.stringify([how.rules, how.asOf, how.halfLifeDays, ...more]);

  /** The adults bound to one another, as a weighted projection in id order, with the ties it was made from. */
  function adultProjection(network: Mirror, how: Weighing, hubLimit: number, minBond: number) {
    return adultProjections.get(network, keyOf(how, hubLimit, minBond), { how, hubLimit, minBond });
  }

  /** The records of the given labels and the counted links between them. */
  function linkProjection(network: Mirror, labels: number[], how: Weighing) {
    return linkProjections.get(
      network,
      keyOf(how, labels),
      () => projectionOfSlots(network, weightedLinks(network, labels, how)).projection,
    );
  }

  /** Narrows a projection to the parts connected to the given records, if any were given. */
  function focus(projection: Projection, within: string[] | undefined): Projection {
    if (!within?.length) return projection;
    const starts = within.map((id) => projection.index.get(id)).filter((i): i is number => i !== undefined);
    const reached = componentsContaining(projection, starts);
    return subProjection(projection, (i) => reached[i] === 1);
  }

  /** Summaries of the records that count for this viewer, by id. */
  function summaries(network: Mirror, ids: Iterable<string>, visibility: Visibility, filters: AnalysisFilters) {
    const rules = countingRules(filters, visibility);
    const found = new Map<string, EntitySummary>();
    for (const id of ids) {
      const n = network.recordIndex.get(id);
      if (n !== undefined && mirrorRecordCounts(network, n, rules))
        found.set(id, summarise(network.record(n), visibility));
    }
    return found;
  }

  /**
   * For each reported group, the young people and places its members are tied to by counted links, each
   * with the members tied to it: the group's story. One pass over the members' links; only the records
   * listed are summarised, each once, however many groups it appears in.
   */
  function groupTies(
    network: Mirror,
    groupOf: ReadonlyMap<string, number>,
    filters: AnalysisFilters,
    visibility: Visibility,
  ) {
    const counted = countedNetwork(network, countingRules(filters, visibility));
    /** Per group, per label, each tied record with its members in the order they were met. */
    const byGroup = new Map<number, Map<number, Map<number, string[]>>>();
    for (const [member, rank] of groupOf) {
      const adult = network.recordIndex.get(member);
      if (adult === undefined) continue;
      let byLabel = byGroup.get(rank);
      if (!byLabel) {
        byLabel = new Map([
          [YOUNG_PERSON, new Map()],
          [LOCATION, new Map()],
        ]);
        byGroup.set(rank, byLabel);
      }
      const group = byLabel;
      counted.forEachTie(adult, (record) => {
        const tied = group.get(network.label(record));
        if (!tied) return;
        const adults = tied.get(record);
        if (!adults) tied.set(record, [member]);
        // A member's links to one record come one after another: each member once.
        else if (adults[adults.length - 1] !== member) adults.push(member);
      });
    }
    const summaryOf = new Map<number, EntitySummary>();
    const summary = (n: number) => {
      let found = summaryOf.get(n);
      if (!found) {
        found = summarise(network.record(n), visibility);
        summaryOf.set(n, found);
      }
      return found;
    };
    type Tied = { n: number; adults: string[] };
    /** Tied to most members first; then young people highest level first; then by caption. */
    const order = (label: number) => (a: Tied, b: Tied) =>
      b.adults.length - a.adults.length ||
      (label === YOUNG_PERSON ? network.level(b.n) - network.level(a.n) : 0) ||
      byCaption(summary(a.n).caption, summary(b.n).caption);
    /** The records of a label tied to at least `minAdults` of a group's members, the first `limit` of them listed. */
    return (rank: number, label: number, { minAdults, limit }: { minAdults: number; limit: number }) => {
      const top = new TopK<Tied>(limit, order(label));
      let count = 0;
      for (const [n, adults] of byGroup.get(rank)?.get(label) ?? []) {
        if (adults.length < minAdults) continue;
        count += 1;
        top.offer({ n, adults });
      }
      const items = top.sorted().map(({ n, adults }) => ({ ...summary(n), adults: adults.sort() }));
      return { items, count };
    };
  }

  /** Organised groups in the network as it stands: Louvain's communities, ranked and explained. */
  async function groupsIn(network: Mirror, options: GroupsOptions, visibility: Visibility) {
    const how = weighing(options, visibility, options.halfLifeDays);
    const built = adultProjection(network, how, options.hubLimit, options.minBond);
    const projection = focus(built.projection, options.within);
    const runKey = keyOf(how, options.hubLimit, options.minBond, options.within, options.resolution, options.refine);
    const found = await communityRuns.get(network, runKey, () => {
      const run = algorithms.run({
        kind: 'communities',
        projection: projectionMessage(projection),
        options: { resolution: options.resolution, refine: options.refine, seed: algorithmSeed },
      });
      run.catch(() => communityRuns.forget(run));
      return run;
    });
    const strength = groupStrength(projection, found.community, found.count);
    const candidates = strength
      .map((group, community) => ({ ...group, community }))
      .filter((group) => group.members.length >= options.minSize)
      .sort(groupOrder(options.sortBy));
    const reported = candidates.slice(0, options.limit);
    const groupOf = new Map<string, number>();
    const groupOfSlot = new Map<number, number>();
    reported.forEach((group, rank) => {
      for (const member of group.members) {
        groupOf.set(member, rank);
        groupOfSlot.set(network.recordIndex.get(member) as number, rank);
      }
    });
    const bonds = explainGroups(groupOfSlot, built.ties, built.options, {
      limit: options.bondLimit,
      minWeight: options.minBond,
    });
    const tiedTo = groupTies(network, groupOf, options, visibility);
    const people = summaries(network, groupOf.keys(), visibility, options);
    return {
      items: reported.map((group, rank) => {
        const youngPeople = tiedTo(rank, YOUNG_PERSON, { minAdults: 1, limit: options.listLimit });
        const locations = tiedTo(rank, LOCATION, { minAdults: 2, limit: options.listLimit });
        const explained = bonds.get(rank) ?? { bonds: [], count: 0 };
        return {
          id: `group-${rank + 1}`,
          members: group.members.map((id) => people.get(id)).filter((m): m is EntitySummary => m !== undefined),
          cohesion: round(group.cohesion),
          density: round(group.density),
          internalWeight: round(group.internal),
          youngPeople: youngPeople.items,
          youngPeopleCount: youngPeople.count,
          sharedLocations: locations.items,
          sharedLocationCount: locations.count,
          bonds: explained.bonds.map((bond) => ({
            adults: bond.adults.map((slot) => network.recordId(slot)) as [string, string],
            weight: round(bond.weight),
            reasons: bond.reasons.map((reason) => ({ ...reason, weight: round(reason.weight) })),
          })),
          bondCount: explained.count,
        };
      }),
      truncated: candidates.length > options.limit,
      method: {
        algorithm: options.refine
          ? 'Louvain (graphology-communities-louvain), refined within each community'
          : 'Louvain (graphology-communities-louvain)',
        resolution: options.resolution,
        ...(found.refinement ? { refinement: found.refinement } : {}),
        modularity: round(found.modularity),
        adults: projection.ids.length,
        bonds: projection.edgeCount,
        asOf: asOfDate(options),
        halfLifeDays: options.halfLifeDays,
        minBond: options.minBond,
        skippedHubs: built.skippedHubs,
      },
    };
  }

  return {
    async sharedAdults(options: SharedAdultsOptions, visibility: Visibility) {
      const network = await mirror.current();
      const key = rankingKey(options, visibility);
      return sharedAdultRankings.get(network, key, () =>
        sharedAdults(
          network,
          options,
          visibility,
          kept(network, sharedAdultTallies, sharedAdultRows, key, options, visibility),
        ),
      );
    },

    async hotspots(options: HotspotsOptions, visibility: Visibility) {
      const network = await mirror.current();
      const key = rankingKey(options, visibility);
      return hotspotRankings.get(network, key, () =>
        hotspots(network, options, visibility, kept(network, hotspotTallies, hotspotRows, key, options, visibility)),
      );
    },

    async triangles(options: TrianglesOptions, visibility: Visibility) {
      const network = await mirror.current();
      return triangleRankings.get(network, rankingKey(options, visibility), () =>
        triangles(network, options, visibility),
      );
    },

    async paths(options: PathsOptions, visibility: Visibility) {
      if (options.source === options.target) throw badRequest('source and target must be different records');
      return paths(await mirror.current(), options, visibility);
    },

    async neighbourhood(options: NeighbourhoodOptions, visibility: Visibility) {
      return neighbourhood(await mirror.current(), options, visibility);
    },

    async groups(options: GroupsOptions, visibility: Visibility) {
      const network = await mirror.current();
      return groupRankings.get(network, rankingKey(options, visibility), () => {
        const ranked = groupsIn(network, options, visibility);
        ranked.catch(() => groupRankings.forget(ranked));
        return ranked;
      });
    },

    async centrality(options: CentralityOptions, visibility: Visibility) {
      const network = await mirror.current();
      const how = weighing(options, visibility, options.halfLifeDays);
      const projection = focus(
        options.projection === 'adults'
          ? adultProjection(network, how, options.hubLimit, options.minBond).projection
          : linkProjection(network, projectedLabels[options.projection], how),
        options.within,
      );
      const measured = await algorithms.run({
        kind: 'centrality',
        projection: projectionMessage(projection),
        options: { seed: algorithmSeed },
      });
      const order = projection.ids
        .map((_, i) => i)
        .sort((a, b) => (measured[options.sortBy][b] ?? 0) - (measured[options.sortBy][a] ?? 0) || a - b)
        .slice(0, options.limit);
      const people = summaries(
        network,
        order.map((i) => projection.ids[i] as string),
        visibility,
        { ...options, includeArchived: true },
      );
      return {
        items: order.flatMap((i) => {
          const entity = people.get(projection.ids[i] as string);
          if (!entity) return [];
          return [
            {
              entity,
              degree: measured.degree[i] ?? 0,
              weightedDegree: round(measured.weightedDegree[i] ?? 0),
              betweenness: round(measured.betweenness[i] ?? 0),
              closeness: round(measured.closeness[i] ?? 0),
              pageRank: round(measured.pageRank[i] ?? 0),
            },
          ];
        }),
        truncated: projection.ids.length > options.limit,
        method: {
          projection: options.projection,
          nodes: projection.ids.length,
          links: projection.edgeCount,
          ...measured.method,
          asOf: asOfDate(options),
        },
      };
    },

    async keyPlayers(options: KeyPlayersOptions, visibility: Visibility) {
      const network = await mirror.current();
      const projection = focus(
        linkProjection(
          network,
          projectedLabels[options.projection],
          weighing(options, visibility, options.halfLifeDays),
        ),
        options.within,
      );
      const candidates = Uint8Array.from(projection.ids, (id) =>
        network.label(network.recordIndex.get(id) as number) === PERSON_OF_INTEREST ? 1 : 0,
      );
      const result = await algorithms.run({
        kind: 'key-players',
        projection: projectionMessage(projection),
        options: { count: options.count, candidates, seed: algorithmSeed },
      });
      const people = summaries(
        network,
        result.steps.map((step) => step.id),
        visibility,
        { ...options, includeArchived: true },
      );
      return {
        baseline: {
          nodes: projection.ids.length,
          ...result.baseline,
          largestComponentShare: round(result.baseline.largestComponentShare),
        },
        steps: result.steps.flatMap((step, i) => {
          const entity = people.get(step.id);
          return entity
            ? [
                {
                  order: i + 1,
                  entity,
                  largestComponent: step.largestComponent,
                  largestComponentShare: round(step.largestComponentShare),
                  components: step.components,
                },
              ]
            : [];
        }),
        method: { projection: options.projection, description: result.method, asOf: asOfDate(options) },
      };
    },
  };
}

export type AnalysisService = ReturnType<typeof analysisService>;

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

type GroupStrength = ReturnType<typeof groupStrength>[number];

/**
 * Groups in `sortBy` order, highest first; ties go to the larger group, then the one with more bond weight
 * inside, then by first member id, so that the same data always gives the same ranking.
 */
function groupOrder(sortBy: GroupOrder) {
  const first = {
    size: () => 0,
    internalWeight: (a: GroupStrength, b: GroupStrength) => b.internal - a.internal,
    cohesion: (a: GroupStrength, b: GroupStrength) => b.cohesion - a.cohesion,
    density: (a: GroupStrength, b: GroupStrength) => b.density - a.density,
  }[sortBy];
  return (a: GroupStrength, b: GroupStrength) =>
    first(a, b) ||
    b.members.length - a.members.length ||
    b.internal - a.internal ||
    (a.members[0] as string).localeCompare(b.members[0] as string);
}

/** Members, internal bond weight, cohesion and density of every community. */
function groupStrength(projection: Projection, community: Int32Array, count: number) {
  const groups = Array.from({ length: count }, () => ({ members: [] as string[], internal: 0, total: 0, edges: 0 }));
  for (let i = 0; i < projection.ids.length; i += 1) {
    const group = groups[community[i] as number];
    if (!group) continue;
    group.members.push(projection.ids[i] as string);
    for (let e = projection.offsets[i] as number; e < (projection.offsets[i + 1] as number); e += 1) {
      const w = projection.weights[e] as number;
      group.total += w;
      const j = projection.targets[e] as number;
      if (community[j] === community[i] && j > i) {
        group.internal += w;
        group.edges += 1;
      }
    }
  }
  return groups.map((group) => {
    const n = group.members.length;
    return {
      members: group.members,
      internal: group.internal,
      /** Share of the members' bond weight that stays inside the group (1: bound to nobody outside). */
      cohesion: group.total > 0 ? (2 * group.internal) / group.total : 0,
      /** Share of member pairs bound directly. */
      density: n > 1 ? group.edges / ((n * (n - 1)) / 2) : 0,
    };
  });
}
