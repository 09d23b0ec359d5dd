import { z } from 'zod';
import type { AuditService } from '../audit/audit.service.ts';
import type { Visibility } from '../auth/viewer.ts';
import { visibilityOf } from '../auth/viewer.ts';
import { booleanQuery } from '../http/common-schemas.ts';
import { addressOf, type RouteDeclaration, route } from '../http/route.ts';
import { type AnalysisService, groupOrders } from './analysis.service.ts';
import { type AnalysisFilters, analysisFilters, checkWindow, idList, limit } from './filters.ts';
import { entitySummary, linkEvidence } from './summary.ts';

/**
 * The link analyses, one route each under /api/analysis/. Every run is audited with its parameters, since
 * an analysis reads across many people's records at once.
 */

const halfLifeDays = z.coerce
  .number()
  .int()
  .min(30)
  .max(3650)
  .default(365)
  .describe('A link counts half as much for every this many days since it was last seen');
const hubLimit = z.coerce
  .number()
  .int()
  .min(2)
  .max(1000)
  .default(100)
  .describe('A young person, place, phone or vehicle shared by more adults than this binds none of them');
const minBond = z.coerce
  .number()
  .min(0)
  .max(10)
  .default(0.03)
  .describe(
    'Bonds between two adults weaker than this bind nobody (0.03: about a place shared by eight adults, on two-year-old B2 intelligence)',
  );
const within = idList(50)
  .optional()
  .describe('Only the parts of the network connected to these records (comma-separated ids)');

/** How many people a row lists: its counts are always complete; more can be asked for, up to 500. */
const memberLimit = (of: string) => limit(20, 500).describe(`The most ${of} listed per row (the counts are complete)`);

const sharedAdultsQuery = analysisFilters.extend({
  minYoungPeople: z.coerce.number().int().min(1).max(1000).default(2),
  memberLimit: memberLimit('young people'),
  limit: limit(50, 500),
});
const hotspotsQuery = analysisFilters.extend({
  minYoungPeople: z.coerce.number().int().min(0).max(1000).default(1),
  minPeople: z.coerce.number().int().min(1).max(1000).default(2),
  memberLimit: memberLimit('young people, and the most adults,'),
  limit: limit(50, 500),
});
const trianglesQuery = analysisFilters.extend({
  minLevel: z.coerce.number().int().min(0).max(3).default(0).describe('Only young people at this level or higher'),
  linkedOnly: booleanQuery.describe('Only triangles whose adult is also linked to the young person directly'),
  observedOnly: booleanQuery.describe('Only triangles observed in an event (both involved in one event there)'),
  hubLimit: z.coerce
    .number()
    .int()
    .min(2)
    .max(10_000)
    .default(200)
    .describe('Leave out places with more links than this (see hotspots for those)'),
  limit: limit(100, 1000),
});
const pathsQuery = analysisFilters.extend({
  source: z.uuid(),
  target: z.uuid(),
  maxHops: z.coerce.number().int().min(1).max(6).default(4),
  limit: limit(10, 100),
});
const neighbourhoodQuery = analysisFilters.extend({
  ids: idList(50).describe('The records to start from (comma-separated ids)'),
  hops: z.coerce.number().int().min(1).max(3).default(1),
  nodeLimit: limit(200, 2000),
  linkLimit: limit(2000, 20_000),
});
const groupsQuery = analysisFilters.extend({
  minSize: z.coerce.number().int().min(2).max(100).default(3),
  resolution: z.coerce.number().min(0.1).max(10).default(1).describe('Louvain resolution: higher finds smaller groups'),
  refine: z
    .stringbool()
    .default(true)
    .describe(
      'Run Louvain again inside each group found, keeping a split only where it is significantly more modular than the same bonds rewired at random',
    ),
  halfLifeDays,
  hubLimit,
  minBond,
  within,
  limit: limit(50, 2000),
  listLimit: limit(20, 2000).describe(
    'The most young people, and the most shared places, listed per group: those tied to most of its adults first (youngPeopleCount and sharedLocationCount are complete)',
  ),
  bondLimit: limit(50, 2000).describe(
    'The most bonds listed per group, strongest first, each with every reason (bondCount is complete)',
  ),
  sortBy: z
    .enum(groupOrders)
    .default('size')
    .describe(
      'Groups first by: size (most adults), internalWeight (most bond weight between members), cohesion (least bound to adults outside) or density (most member pairs bound directly); ties go to the larger group',
    ),
});
const centralityQuery = analysisFilters.extend({
  projection: z
    .enum(['people', 'adults', 'all'])
    .default('people')
    .describe(
      'people: young people and adults and the links between them; adults: adults bound as for groups; all: with places and events',
    ),
  sortBy: z.enum(['degree', 'betweenness', 'closeness', 'pageRank']).default('betweenness'),
  halfLifeDays,
  hubLimit,
  minBond,
  within,
  limit: limit(50, 1000),
});
const keyPlayersQuery = analysisFilters.extend({
  projection: z.enum(['people', 'all']).default('people'),
  count: z.coerce.number().int().min(1).max(20).default(5),
  halfLifeDays,
  within,
});

/** Each analysis's parameters, as the API parses them (the benchmark reuses them). */
export const analysisQueries = {
  sharedAdults: sharedAdultsQuery,
  hotspots: hotspotsQuery,
  triangles: trianglesQuery,
  paths: pathsQuery,
  neighbourhood: neighbourhoodQuery,
  groups: groupsQuery,
  centrality: centralityQuery,
  keyPlayers: keyPlayersQuery,
};

const tiedPerson = entitySummary.extend({ ties: z.array(z.string()), lastSeen: z.iso.date() });
const groupPerson = entitySummary.extend({ adults: z.array(z.uuid()) });
const truncated = z.boolean().describe('True when more rows matched than the limit');

const responses = {
  sharedAdults: z.object({
    items: z.array(
      z.object({
        adult: entitySummary,
        youngPeopleCount: z.int(),
        levelScore: z.int(),
        lastSeen: z.iso.date(),
        youngPeople: z.array(entitySummary.extend({ links: z.array(linkEvidence) })),
      }),
    ),
    truncated,
  }),
  hotspots: z.object({
    items: z.array(
      z.object({
        location: entitySummary,
        youngPeopleCount: z.int(),
        adultCount: z.int(),
        eventCount: z.int().describe('Events (missing episodes, sightings, incidents) that happened there'),
        lastSeen: z.iso.date(),
        youngPeople: z.array(tiedPerson),
        adults: z.array(tiedPerson),
      }),
    ),
    truncated,
  }),
  triangles: z.object({
    items: z.array(
      z.object({
        youngPerson: entitySummary,
        adult: entitySummary,
        location: entitySummary,
        lastSeen: z.iso.date(),
        linked: z.boolean(),
        youngPersonLinks: z.array(linkEvidence),
        adultLinks: z.array(linkEvidence),
        directLinks: z.array(linkEvidence),
        events: z.array(entitySummary).describe('The events that observed this triangle, newest first'),
        eventLinks: z.array(linkEvidence).describe("Those events' links to the young person, the adult and the place"),
      }),
    ),
    truncated,
    skippedHubs: z.int().describe('Places left out for having more than hubLimit links'),
  }),
  paths: z.object({
    items: z.array(z.object({ length: z.int(), nodes: z.array(entitySummary), links: z.array(linkEvidence) })),
    truncated,
  }),
  neighbourhood: z.object({
    nodes: z.array(entitySummary.extend({ hop: z.int() })),
    links: z.array(linkEvidence),
    truncated,
  }),
  groups: z.object({
    items: z.array(
      z.object({
        id: z.string(),
        members: z.array(entitySummary),
        cohesion: z.number().describe("Share of the members' bond weight that stays inside the group"),
        density: z.number().describe('Share of member pairs bound directly'),
        internalWeight: z.number(),
        youngPeople: z
          .array(groupPerson)
          .describe('Those tied to most members first, then highest level first, up to listLimit'),
        youngPeopleCount: z.int().describe('Young people tied to any member, listed or not'),
        sharedLocations: z.array(groupPerson).describe('Places two or more members are tied to, up to listLimit'),
        sharedLocationCount: z.int(),
        bonds: z
          .array(
            z.object({
              adults: z.tuple([z.uuid(), z.uuid()]),
              weight: z.number(),
              reasons: z.array(
                z.object({
                  kind: z.enum(['young-person', 'event', 'location', 'associate', 'phone', 'vehicle']),
                  via: z.string().optional(),
                  value: z.string().optional(),
                  weight: z.number(),
                }),
              ),
            }),
          )
          .describe('The strongest bonds between members, up to bondLimit'),
        bondCount: z.int().describe('Bonds between members of at least minBond, listed or not'),
      }),
    ),
    truncated,
    method: z.record(z.string(), z.unknown()),
  }),
  centrality: z.object({
    items: z.array(
      z.object({
        entity: entitySummary,
        degree: z.int(),
        weightedDegree: z.number(),
        betweenness: z.number(),
        closeness: z.number(),
        pageRank: z.number(),
      }),
    ),
    truncated,
    method: z.record(z.string(), z.unknown()),
  }),
  keyPlayers: z.object({
    baseline: z.object({
      nodes: z.int(),
      largestComponent: z.int(),
      largestComponentShare: z.number(),
      components: z.int(),
    }),
    steps: z.array(
      z.object({
        order: z.int(),
        entity: entitySummary,
        largestComponent: z.int(),
        largestComponentShare: z.number(),
        components: z.int(),
      }),
    ),
    method: z.record(z.string(), z.unknown()),
  }),
};

/**
 * One analysis route: GET /api/analysis/<name>, the `analysis:run` permission, the shared window check,
 * and an audit event carrying the parameters (an analysis reads across many people's records at once).
 * The event is written while the analysis runs, not after it: the two are independent, and the write
 * transaction was most of what the API added to a path or neighbourhood query. The answer still waits
 * for both, and fails if the event could not be written; an analysis asked for but answered with an
 * error (a record not found, a timeout) is recorded too, as the attempt it was.
 */
function analysisRoute<Q extends AnalysisFilters>(
  audit: Pick<AuditService, 'record'>,
  declaration: {
    name: string;
    summary: string;
    query: z.ZodType<Q>;
    response: z.ZodType;
    errors?: readonly number[];
    run(query: Q, visibility: Visibility): Promise<unknown>;
  },
): RouteDeclaration {
  const { name, run, ...rest } = declaration;
  return route({
    method: 'get',
    path: `/api/analysis/${name}`,
    tag: 'analysis',
    permission: 'analysis:run',
    // The rankings are kept per state of the network and shared by everyone asking the same.
    sharedAnswers: true,
    ...rest,
    handler: async ({ query, viewer, request }) => {
      checkWindow(query);
      const [answer, recorded] = await Promise.allSettled([
        run(query, visibilityOf(viewer)),
        audit.record({
          action: 'analysis',
          subjectType: 'Analysis',
          subjectId: name,
          details: query,
          username: viewer.username,
          role: viewer.role,
          address: addressOf(request),
        }),
      ]);
      if (recorded.status === 'rejected') throw recorded.reason;
      if (answer.status === 'rejected') throw answer.reason;
      return answer.value;
    },
  });
}

export function analysisRoutes(service: AnalysisService, audit: Pick<AuditService, 'record'>): RouteDeclaration[] {
  return [
    analysisRoute(audit, {
      name: 'shared-adults',
      summary: 'Persons of interest linked to at least N young people, ranked by how many and how high their levels',
      query: sharedAdultsQuery,
      response: responses.sharedAdults,
      run: (query, visibility) => service.sharedAdults(query, visibility),
    }),
    analysisRoute(audit, {
      name: 'hotspots',
      summary: 'Locations ranked by the young people and adults tied to them, with the most recent sighting',
      query: hotspotsQuery,
      response: responses.hotspots,
      run: (query, visibility) => service.hotspots(query, visibility),
    }),
    analysisRoute(audit, {
      name: 'triangles',
      summary: 'PAT triangles: a young person and a person of interest tied to the same location',
      query: trianglesQuery,
      response: responses.triangles,
      run: (query, visibility) => service.triangles(query, visibility),
    }),
    analysisRoute(audit, {
      name: 'paths',
      summary: 'The shortest paths between two records (at most six hops), with the evidence on each step',
      query: pathsQuery,
      response: responses.paths,
      errors: [404],
      run: (query, visibility) => service.paths(query, visibility),
    }),
    analysisRoute(audit, {
      name: 'neighbourhood',
      summary: 'The network within k hops of one or more records, capped in size, for the chart to expand',
      query: neighbourhoodQuery,
      response: responses.neighbourhood,
      errors: [404],
      run: (query, visibility) => service.neighbourhood(query, visibility),
    }),
    analysisRoute(audit, {
      name: 'groups',
      summary:
        'Organised groups: Louvain communities of adults bound by shared young people, places, links and identifiers',
      query: groupsQuery,
      response: responses.groups,
      run: (query, visibility) => service.groups(query, visibility),
    }),
    analysisRoute(audit, {
      name: 'centrality',
      summary: 'Degree, betweenness, closeness and PageRank over a chosen projection of the network',
      query: centralityQuery,
      response: responses.centrality,
      run: (query, visibility) => service.centrality(query, visibility),
    }),
    analysisRoute(audit, {
      name: 'key-players',
      summary: 'The persons of interest whose removal fragments the network most, removed one after another',
      query: keyPlayersQuery,
      response: responses.keyPlayers,
      run: (query, visibility) => service.keyPlayers(query, visibility),
    }),
  ];
}
