import type { Visibility } from '../auth/viewer.ts';
import { type Graph, graphDate } from '../db/neo4j.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { centrality } from './algorithms/centrality.ts';
import { detectCommunities } from './algorithms/communities.ts';
import { keyPlayers } from './algorithms/key-players.ts';
import { buildProjection, componentsContaining, type Projection, subProjection } from './algorithms/projection.ts';
import * as cypher from './analysis.cypher.ts';
import { type AdultIdentifiers, adultBonds, type DirectTie, explainGroups, type SharedTie } from './bonds.ts';
import { type AnalysisFilters, filterParams } from './filters.ts';
import { type EntitySummary, type LabelledRecord, type LinkEvidence, levelWeight, summarise } from './summary.ts';

/** The work one analysis may do before it answers 503: long enough for 100k records, short of a hang. */
const projectionTimeoutMs = 20_000;
const projectionMaxRows = 2_000_000;

export interface SharedAdultsOptions extends AnalysisFilters {
  minYoungPeople: number;
  limit: number;
}

export interface HotspotsOptions extends AnalysisFilters {
  minYoungPeople: number;
  minPeople: number;
  memberLimit: number;
  limit: number;
}

export interface TrianglesOptions extends AnalysisFilters {
  minLevel: number;
  linkedOnly: boolean;
  hubLimit: number;
  limit: number;
}

export interface PathsOptions extends AnalysisFilters {
  source: string;
  target: string;
  maxHops: number;
  limit: number;
}

export interface NeighbourhoodOptions extends AnalysisFilters {
  ids: string[];
  hops: number;
  nodeLimit: number;
  linkLimit: number;
}

export interface GroupsOptions extends AnalysisFilters {
  minSize: number;
  resolution: number;
  halfLifeDays: number;
  hubLimit: number;
  within?: string[] | undefined;
  limit: number;
}

export type Projected = 'people' | 'adults' | 'all';

export interface CentralityOptions extends AnalysisFilters {
  projection: Projected;
  sortBy: 'degree' | 'betweenness' | 'closeness' | 'pageRank';
  halfLifeDays: number;
  hubLimit: number;
  within?: string[] | undefined;
  limit: number;
}

export interface KeyPlayersOptions extends AnalysisFilters {
  projection: Exclude<Projected, 'adults'>;
  count: number;
  halfLifeDays: number;
  within?: string[] | undefined;
}

interface TieRow {
  record: LabelledRecord;
  ties: string[];
  lastSeen: string;
}

const projectedLabels: Record<Exclude<Projected, 'adults'>, string[]> = {
  people: ['YoungPerson', 'PersonOfInterest'],
  all: ['YoungPerson', 'PersonOfInterest', 'Location'],
};

const byLevelThenCaption = (a: EntitySummary, b: EntitySummary) =>
  levelWeight(b.levelOfConcern) - levelWeight(a.levelOfConcern) || a.caption.localeCompare(b.caption);

/** Seed for every randomised algorithm: fixed, so the same data and parameters give the same answer. */
const algorithmSeed = 20_261_128;

export function analysisService(graph: Graph) {
  const read = <Row>(query: string, params: Record<string, unknown>) =>
    graph.read<Row>(query, params, { timeoutMs: projectionTimeoutMs, maxRows: projectionMaxRows });

  /** The date recency is measured from: the window's end, or today. */
  const asOfDate = (filters: AnalysisFilters) => filters.to ?? new Date().toISOString().slice(0, 10);

  async function adultProjection(
    filters: AnalysisFilters,
    visibility: Visibility,
    halfLifeDays: number,
    hubLimit: number,
  ) {
    const params = { ...filterParams(filters, visibility), asOf: graphDate(asOfDate(filters)), halfLifeDays };
    const [shared, direct, identifiers] = await Promise.all([
      read<SharedTie>(cypher.adultTies, params),
      read<DirectTie>(cypher.adultLinks, params),
      read<AdultIdentifiers>(cypher.adultIdentifiers, params),
    ]);
    // Sorted so the bonds, and the sums the projection makes of them, come out the same every time.
    for (const tie of shared) {
      const order = tie.adults
        .map((_, i) => i)
        .sort((i, j) => ((tie.adults[i] as string) < (tie.adults[j] as string) ? -1 : 1));
      tie.adults = order.map((i) => tie.adults[i] as string);
      tie.weights = order.map((i) => tie.weights[i] as number);
    }
    shared.sort((a, b) => (a.via < b.via ? -1 : a.via > b.via ? 1 : 0));
    direct.sort((a, b) => (a.link < b.link ? -1 : 1));
    identifiers.sort((a, b) => (a.adult < b.adult ? -1 : 1));
    const options = { hubLimit };
    const { edges, skippedHubs } = adultBonds(shared, direct, identifiers, options);
    const adults = new Set<string>();
    for (const edge of edges) {
      adults.add(edge.source);
      adults.add(edge.target);
    }
    return { projection: buildProjection(adults, edges), shared, direct, identifiers, options, skippedHubs };
  }

  /** The records of the given labels and the counted links between them; also which records are adults. */
  async function linkProjection(
    labels: string[],
    filters: AnalysisFilters,
    visibility: Visibility,
    halfLifeDays: number,
  ): Promise<{ projection: Projection; adults: Set<string> }> {
    const params = { ...filterParams(filters, visibility), asOf: graphDate(asOfDate(filters)), halfLifeDays, labels };
    const rows = await read<{
      source: string;
      target: string;
      weight: number;
      sourceIsAdult: boolean;
      targetIsAdult: boolean;
    }>(cypher.projectionLinks, params);
    const ids = new Set<string>();
    const adults = new Set<string>();
    for (const row of rows) {
      ids.add(row.source);
      ids.add(row.target);
      if (row.sourceIsAdult) adults.add(row.source);
      if (row.targetIsAdult) adults.add(row.target);
    }
    return { projection: buildProjection(ids, rows), adults };
  }

  /** Narrows a projection to the parts connected to the given records, if any were given. */
  function focus(projection: Projection, within: string[] | undefined): Projection {
    if (!within?.length) return projection;
    const starts = within.map((id) => projection.index.get(id)).filter((i): i is number => i !== undefined);
    const reached = componentsContaining(projection, starts);
    return subProjection(projection, (i) => reached[i] === 1);
  }

  async function summaries(ids: Iterable<string>, visibility: Visibility, filters: AnalysisFilters) {
    const rows = await read<{ record: LabelledRecord }>(cypher.recordsById, {
      ...filterParams(filters, visibility),
      ids: [...ids],
    });
    return new Map(rows.map(({ record }) => [record.id, summarise(record, visibility)]));
  }

  return {
    async sharedAdults(options: SharedAdultsOptions, visibility: Visibility) {
      const rows = await read<{
        adult: LabelledRecord;
        youngPeople: number;
        levelScore: number;
        lastSeen: string;
        ties: { youngPerson: LabelledRecord; links: LinkEvidence[] }[];
      }>(cypher.sharedAdults, {
        ...filterParams(options, visibility),
        minYoungPeople: options.minYoungPeople,
        limit: options.limit,
      });
      return {
        items: rows.slice(0, options.limit).map((row) => ({
          adult: summarise(row.adult, visibility),
          youngPeopleCount: row.youngPeople,
          levelScore: row.levelScore,
          lastSeen: row.lastSeen,
          youngPeople: row.ties
            .map((tie) => ({ ...summarise(tie.youngPerson, visibility), links: sortLinks(tie.links) }))
            .sort(byLevelThenCaption),
        })),
        truncated: rows.length > options.limit,
      };
    },

    async hotspots(options: HotspotsOptions, visibility: Visibility) {
      const rows = await read<{
        location: LabelledRecord;
        lastSeen: string;
        youngPeopleCount: number;
        adultCount: number;
        youngPeople: TieRow[];
        adults: TieRow[];
      }>(cypher.hotspots, {
        ...filterParams(options, visibility),
        minYoungPeople: options.minYoungPeople,
        minPeople: options.minPeople,
        memberLimit: options.memberLimit,
        limit: options.limit,
      });
      const people = (list: TieRow[]) =>
        list.map((tie) => ({
          ...summarise(tie.record, visibility),
          ties: [...tie.ties].sort(),
          lastSeen: tie.lastSeen,
        }));
      return {
        items: rows.slice(0, options.limit).map((row) => ({
          location: summarise(row.location, visibility),
          youngPeopleCount: row.youngPeopleCount,
          adultCount: row.adultCount,
          lastSeen: row.lastSeen,
          youngPeople: people(row.youngPeople),
          adults: people(row.adults),
        })),
        truncated: rows.length > options.limit,
      };
    },

    async triangles(options: TrianglesOptions, visibility: Visibility) {
      const rows = await read<{
        youngPerson: LabelledRecord;
        adult: LabelledRecord;
        location: LabelledRecord;
        seen: string;
        youngPersonLinks: LinkEvidence[];
        adultLinks: LinkEvidence[];
        directLinks: LinkEvidence[];
      }>(cypher.triangles, {
        ...filterParams(options, visibility),
        minLevel: options.minLevel,
        linkedOnly: options.linkedOnly,
        hubLimit: options.hubLimit,
        limit: options.limit,
      });
      const [hubs] = await read<{ skipped: number }>(cypher.triangleHubs, {
        ...filterParams(options, visibility),
        hubLimit: options.hubLimit,
      });
      return {
        items: rows.slice(0, options.limit).map((row) => ({
          youngPerson: summarise(row.youngPerson, visibility),
          adult: summarise(row.adult, visibility),
          location: summarise(row.location, visibility),
          lastSeen: row.seen,
          linked: row.directLinks.length > 0,
          youngPersonLinks: sortLinks(row.youngPersonLinks),
          adultLinks: sortLinks(row.adultLinks),
          directLinks: sortLinks(row.directLinks),
        })),
        truncated: rows.length > options.limit,
        skippedHubs: hubs?.skipped ?? 0,
      };
    },

    async paths(options: PathsOptions, visibility: Visibility) {
      if (options.source === options.target) throw badRequest('source and target must be different records');
      const params = filterParams(options, visibility);
      const found = await read<{ id: string }>(cypher.endpoints, { ...params, ...options });
      for (const id of [options.source, options.target]) {
        if (!found.some((row) => row.id === id)) throw notFound('record', id);
      }
      const rows = await read<{ nodes: LabelledRecord[]; links: LinkEvidence[] }>(cypher.shortestPaths, {
        ...params,
        source: options.source,
        target: options.target,
        maxHops: options.maxHops,
        limit: options.limit,
      });
      return {
        items: rows.slice(0, options.limit).map((row) => ({
          length: row.links.length,
          nodes: row.nodes.map((node) => summarise(node, visibility)),
          links: row.links,
        })),
        truncated: rows.length > options.limit,
      };
    },

    async neighbourhood(options: NeighbourhoodOptions, visibility: Visibility) {
      const params = filterParams(options, visibility);
      const start = await read<{ record: LabelledRecord }>(cypher.recordsById, { ...params, ids: options.ids });
      for (const id of options.ids) {
        if (!start.some((row) => row.record.id === id)) throw notFound('record', id);
      }
      const hopOf = new Map(options.ids.map((id) => [id, 0]));
      let frontier = [...options.ids];
      let truncated = false;
      for (let hop = 1; hop <= options.hops && frontier.length > 0; hop += 1) {
        const room = options.nodeLimit - hopOf.size;
        const next = await read<{ id: string }>(cypher.nextHop, {
          ...params,
          frontier,
          seen: [...hopOf.keys()],
          limit: room + 1,
        });
        if (next.length > room) truncated = true;
        frontier = next.slice(0, room).map((row) => row.id);
        for (const id of frontier) hopOf.set(id, hop);
        if (truncated) break;
      }
      const ids = [...hopOf.keys()];
      const [records, links] = await Promise.all([
        read<{ record: LabelledRecord }>(cypher.recordsById, { ...params, ids }),
        read<{ link: LinkEvidence }>(cypher.linksAmong, { ...params, ids, linkLimit: options.linkLimit }),
      ]);
      return {
        nodes: records
          .map(({ record }) => ({ ...summarise(record, visibility), hop: hopOf.get(record.id) ?? 0 }))
          .sort((a, b) => a.hop - b.hop || a.id.localeCompare(b.id)),
        links: links.slice(0, options.linkLimit).map((row) => row.link),
        truncated: truncated || links.length > options.linkLimit,
      };
    },

    async groups(options: GroupsOptions, visibility: Visibility) {
      const built = await adultProjection(options, visibility, options.halfLifeDays, options.hubLimit);
      const projection = focus(built.projection, options.within);
      const found = detectCommunities(projection, { resolution: options.resolution, seed: algorithmSeed });
      const strength = groupStrength(projection, found.community, found.count);
      const candidates = strength
        .map((group, community) => ({ ...group, community }))
        .filter((group) => group.members.length >= options.minSize)
        .sort(
          (a, b) =>
            b.members.length - a.members.length ||
            b.internal - a.internal ||
            (a.members[0] as string).localeCompare(b.members[0] as string),
        );
      const reported = candidates.slice(0, options.limit);
      const groupOf = new Map<string, number>();
      reported.forEach((group, rank) => {
        for (const member of group.members) groupOf.set(member, rank);
      });
      const bonds = explainGroups(groupOf, built.shared, built.direct, built.identifiers, built.options);
      const context = groupOf.size
        ? await read<{ record: LabelledRecord; ties: { adult: string; links: LinkEvidence[] }[] }>(
            cypher.groupContext,
            {
              ...filterParams(options, visibility),
              members: [...groupOf.keys()],
            },
          )
        : [];
      const people = await summaries(groupOf.keys(), visibility, options);
      return {
        items: reported.map((group, rank) => {
          const members = new Set(group.members);
          const touched = context
            .map((row) => ({ row, ties: row.ties.filter((tie) => members.has(tie.adult)) }))
            .filter(({ ties }) => ties.length > 0);
          const youngPeople = touched
            .filter(({ row }) => row.record.label === 'YoungPerson')
            .map(({ row, ties }) => ({ ...summarise(row.record, visibility), adults: ties.map((t) => t.adult).sort() }))
            .sort((a, b) => b.adults.length - a.adults.length || byLevelThenCaption(a, b));
          const locations = touched
            .filter(({ row, ties }) => row.record.label === 'Location' && ties.length >= 2)
            .map(({ row, ties }) => ({ ...summarise(row.record, visibility), adults: ties.map((t) => t.adult).sort() }))
            .sort((a, b) => b.adults.length - a.adults.length || a.caption.localeCompare(b.caption));
          return {
            id: `group-${rank + 1}`,
            members: group.members.map((id) => people.get(id)).filter((m): m is EntitySummary => m !== undefined),
            cohesion: round(group.cohesion),
            density: round(group.density),
            internalWeight: round(group.internal),
            youngPeople,
            sharedLocations: locations,
            bonds: (bonds.get(rank) ?? []).slice(0, 50).map((bond) => ({
              ...bond,
              weight: round(bond.weight),
              reasons: bond.reasons.map((reason) => ({ ...reason, weight: round(reason.weight) })),
            })),
          };
        }),
        truncated: candidates.length > options.limit,
        method: {
          algorithm: 'Louvain (graphology-communities-louvain)',
          resolution: options.resolution,
          modularity: round(found.modularity),
          adults: projection.ids.length,
          bonds: projection.edgeCount,
          asOf: asOfDate(options),
          halfLifeDays: options.halfLifeDays,
          skippedHubs: built.skippedHubs,
        },
      };
    },

    async centrality(options: CentralityOptions, visibility: Visibility) {
      const projection = focus(
        options.projection === 'adults'
          ? (await adultProjection(options, visibility, options.halfLifeDays, options.hubLimit)).projection
          : (await linkProjection(projectedLabels[options.projection], options, visibility, options.halfLifeDays))
              .projection,
        options.within,
      );
      const measured = centrality(projection, { seed: algorithmSeed });
      const order = projection.ids
        .map((_, i) => i)
        .sort((a, b) => (measured[options.sortBy][b] ?? 0) - (measured[options.sortBy][a] ?? 0) || a - b)
        .slice(0, options.limit);
      const people = await summaries(
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
      const labels = projectedLabels[options.projection];
      const built = await linkProjection(labels, options, visibility, options.halfLifeDays);
      const projection = focus(built.projection, options.within);
      const result = keyPlayers(projection, {
        count: options.count,
        isCandidate: (i) => built.adults.has(projection.ids[i] as string),
        seed: algorithmSeed,
      });
      const people = await summaries(
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

function sortLinks(links: LinkEvidence[]): LinkEvidence[] {
  return [...links].sort(
    (a, b) => (b.lastSeen ?? b.firstSeen).localeCompare(a.lastSeen ?? a.firstSeen) || a.id.localeCompare(b.id),
  );
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
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
