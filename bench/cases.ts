import * as cypher from '../api/analysis/analysis.cypher.ts';
import { analysisQueries } from '../api/analysis/analysis.routes.ts';
import type { AnalysisService } from '../api/analysis/analysis.service.ts';
import { filterParams } from '../api/analysis/filters.ts';
import { systemVisibility, type Visibility } from '../api/auth/viewer.ts';
import { type Graph, graphDate } from '../api/db/neo4j.ts';
import { linkService } from '../api/links/links.service.ts';
import type { LinkInput } from '../graph-schema/records.ts';
import type { SyntheticNetwork } from '../seed/synthetic.ts';
import * as reference from '../tests/support/reference-analyses.cypher.ts';

/** One analysis as the benchmark runs it: over HTTP, in process, and as bare Cypher. */
export interface BenchCase {
  name: string;
  apiPath: string;
  service(visibility: Visibility): Promise<unknown>;
  /**
   * Straight through the driver: the Cypher the service runs, with the same parameters; or, for an analysis
   * the service answers from the in-memory mirror, the same ranking computed by Neo4j alone.
   */
  cypher(): Promise<unknown>;
  /** Run, unmeasured, before each measured run (e.g. a change the analysis must then take in). */
  before?: () => Promise<unknown>;
  /** Slow enough that fewer runs are taken. */
  heavy?: boolean;
  note?: string;
}

const projection = { timeoutMs: 60_000, maxRows: 5_000_000 };
const fromMirror = 'cypher: the same ranking computed by Neo4j alone; the service answers from the mirror';

export function analysisCases(network: SyntheticNetwork, graph: Graph, service: AnalysisService): BenchCase[] {
  const [first, second] = network.groundTruth.groups;
  if (!first || !second) throw new Error('the benchmark needs at least two planted groups');
  const source = first.members[0] as string;
  const target = second.members[0] as string;
  const around = first.youngPeople[0] as string;
  const links = linkService(graph);
  const actor = { username: 'bench', role: 'police' } as const;
  let added: string | undefined;
  let changes = 0;
  /**
   * One change the mirror must read in: a link from a planted group's adult to a young person, created, and
   * on the next call deleted again, so the network never strays more than a link from the one generated.
   */
  const changeOneLink = async () => {
    if (added) {
      await links.remove(added, 1, actor);
      added = undefined;
      return;
    }
    const youngPerson = network.youngPeople[changes % network.youngPeople.length] as { id: string };
    changes += 1;
    const link = await links.create(
      {
        type: 'CONTROLS',
        from: source,
        to: youngPerson.id,
        sourceAgency: 'Police',
        gradingSource: 2,
        gradingInformation: 'B',
        gradingHandling: 'P',
        firstSeen: '2026-06-01',
      } as LinkInput,
      actor,
    );
    added = link.id;
  };
  const read = (query: string, params: Record<string, unknown>) => graph.read(query, params, projection);
  const today = graphDate(new Date().toISOString().slice(0, 10));

  const sharedAdults = analysisQueries.sharedAdults.parse({});
  const hotspots = analysisQueries.hotspots.parse({});
  const triangles = analysisQueries.triangles.parse({});
  const paths = analysisQueries.paths.parse({ source, target });
  const neighbourhood = analysisQueries.neighbourhood.parse({ ids: around, hops: '2' });
  const groups = analysisQueries.groups.parse({});
  const centrality = analysisQueries.centrality.parse({});
  const keyPlayers = analysisQueries.keyPlayers.parse({});
  const params = filterParams(sharedAdults, systemVisibility);

  const groupInputs = () => {
    const p = { ...params, asOf: today, halfLifeDays: groups.halfLifeDays };
    return Promise.all([
      read(reference.adultTies, p),
      read(reference.adultLinks, p),
      read(reference.adultIdentifiers, p),
    ]);
  };

  return [
    {
      name: 'shared adults',
      apiPath: '/api/analysis/shared-adults',
      service: (v) => service.sharedAdults(sharedAdults, v),
      cypher: () => read(reference.sharedAdults, { ...params, minYoungPeople: 2, limit: sharedAdults.limit }),
      note: fromMirror,
    },
    {
      name: 'shared adults, after a change',
      apiPath: '/api/analysis/shared-adults',
      before: changeOneLink,
      service: (v) => service.sharedAdults(sharedAdults, v),
      cypher: () => read(reference.sharedAdults, { ...params, minYoungPeople: 2, limit: sharedAdults.limit }),
      note: 'a link is created or deleted again (unmeasured) before each run, which then reads the change into the mirror',
    },
    {
      name: 'hotspots',
      apiPath: '/api/analysis/hotspots',
      service: (v) => service.hotspots(hotspots, v),
      cypher: () =>
        read(reference.hotspots, {
          ...params,
          minYoungPeople: hotspots.minYoungPeople,
          minPeople: hotspots.minPeople,
          memberLimit: hotspots.memberLimit,
          limit: hotspots.limit,
        }),
      note: fromMirror,
    },
    {
      name: 'triangles',
      apiPath: '/api/analysis/triangles',
      service: (v) => service.triangles(triangles, v),
      cypher: async () => {
        const p = { ...params, minLevel: 0, linkedOnly: false, hubLimit: triangles.hubLimit, limit: triangles.limit };
        await read(reference.triangles, p);
        return read(reference.triangleHubs, p);
      },
      note: fromMirror,
    },
    {
      name: 'paths (two planted groups)',
      apiPath: `/api/analysis/paths?source=${source}&target=${target}`,
      service: (v) => service.paths(paths, v),
      cypher: async () => {
        await read(reference.endpoints, { ...params, source, target });
        return read(reference.shortestPaths, { ...params, source, target, maxHops: paths.maxHops, limit: paths.limit });
      },
    },
    {
      name: '2-hop neighbourhood',
      apiPath: `/api/analysis/neighbourhood?ids=${around}&hops=2`,
      service: (v) => service.neighbourhood(neighbourhood, v),
      cypher: async () => {
        // The service's own sequence: the start, one query per hop, then the records and links found.
        const seen = new Set([around]);
        let frontier = [around];
        await read(cypher.recordsById, { ...params, ids: frontier });
        for (let hop = 1; hop <= 2; hop += 1) {
          const room = neighbourhood.nodeLimit - seen.size;
          const next = await read(reference.nextHop, { ...params, frontier, seen: [...seen], limit: room + 1 });
          frontier = (next as { id: string }[]).slice(0, room).map((row) => row.id);
          for (const id of frontier) seen.add(id);
        }
        const ids = [...seen];
        return Promise.all([
          read(cypher.recordsById, { ...params, ids }),
          read(cypher.linksAmong, { ...params, ids, linkLimit: neighbourhood.linkLimit }),
        ]);
      },
    },
    {
      name: 'groups (Louvain)',
      apiPath: '/api/analysis/groups',
      service: (v) => service.groups(groups, v),
      cypher: groupInputs,
      heavy: true,
      note: 'cypher: the bond inputs read by Neo4j alone; the service keeps its answer while the network is unchanged (the warm-up made it)',
    },
    {
      name: 'groups, after a change',
      apiPath: '/api/analysis/groups',
      before: changeOneLink,
      service: (v) => service.groups(groups, v),
      cypher: groupInputs,
      heavy: true,
      note: 'a link is created or deleted before each run, so the bonds are made afresh (the row above reuses them)',
    },
    {
      name: 'centrality (people)',
      apiPath: '/api/analysis/centrality',
      service: (v) => service.centrality(centrality, v),
      cypher: () =>
        read(reference.projectionLinks, {
          ...params,
          asOf: today,
          halfLifeDays: centrality.halfLifeDays,
          labels: ['YoungPerson', 'PersonOfInterest'],
        }),
      heavy: true,
      note: 'cypher: the projection read by Neo4j alone; the service reads it from the mirror, then runs Brandes/PageRank',
    },
    {
      name: 'key players (5)',
      apiPath: '/api/analysis/key-players',
      service: (v) => service.keyPlayers(keyPlayers, v),
      cypher: () =>
        read(reference.projectionLinks, {
          ...params,
          asOf: today,
          halfLifeDays: keyPlayers.halfLifeDays,
          labels: ['YoungPerson', 'PersonOfInterest'],
        }),
      heavy: true,
      note: 'cypher: as for centrality; five removals, recomputing betweenness after each',
    },
  ];
}
