import type { Visibility } from '../auth/viewer.ts';
import { notFound } from '../http/errors.ts';
import {
  type AnalysisFilters,
  type CountingRules,
  countingRules,
  mirrorLinkCounts,
  mirrorRecordCounts,
} from './filters.ts';
import type { Mirror } from './mirror/mirror.ts';
import { type EntitySummary, type LinkEvidence, summarise } from './summary.ts';
import { byId } from './top.ts';

/**
 * The analyses that walk a few hops from given records — the neighbourhood the chart expands, and the
 * shortest paths between two records — over the mirror, through the links and records that count for the
 * viewer under the filters (as every other analysis counts them). They answered through Cypher before, as
 * four or five read transactions each; tests/support/reference-analyses.cypher.ts keeps that Cypher, and the
 * mirror's tests check that both give the same answers.
 */

export interface NeighbourhoodOptions extends AnalysisFilters {
  ids: string[];
  hops: number;
  nodeLimit: number;
  linkLimit: number;
}

export interface PathsOptions extends AnalysisFilters {
  source: string;
  target: string;
  maxHops: number;
  limit: number;
}

/** The slot of each record asked for, or 404 naming the first that is not there for this viewer. */
function countedSlots(mirror: Mirror, ids: readonly string[], rules: CountingRules): number[] {
  return ids.map((id) => {
    const n = mirror.recordIndex.get(id);
    if (n === undefined || !mirrorRecordCounts(mirror, n, rules)) throw notFound('record', id);
    return n;
  });
}

/** Calls visit(other, l) for each link of n that counts, whose other end counts. */
function forEachCountedTie(
  mirror: Mirror,
  n: number,
  rules: CountingRules,
  visit: (other: number, l: number) => void,
): void {
  const { offsets, other, link } = mirror.adjacency();
  for (let arc = offsets[n] as number; arc < (offsets[n + 1] as number); arc++) {
    const l = link[arc] as number;
    const m = other[arc] as number;
    if (mirrorLinkCounts(mirror, l, rules) && mirrorRecordCounts(mirror, m, rules)) visit(m, l);
  }
}

/**
 * The records within `hops` of the given ones, hop by hop: each hop adds the records next to the last one's, in
 * id order, until `nodeLimit` records are in (then it stops and says truncated); and every counted link among
 * them, in id order, up to `linkLimit`.
 */
export function neighbourhood(mirror: Mirror, options: NeighbourhoodOptions, visibility: Visibility) {
  const rules = countingRules(options, visibility);
  const hopOf = new Map<number, number>();
  for (const n of countedSlots(mirror, options.ids, rules)) hopOf.set(n, 0);
  let frontier = [...hopOf.keys()];
  let truncated = false;
  for (let hop = 1; hop <= options.hops && frontier.length > 0; hop += 1) {
    const room = options.nodeLimit - hopOf.size;
    const next = new Set<number>();
    for (const n of frontier) {
      forEachCountedTie(mirror, n, rules, (m) => {
        if (!hopOf.has(m)) next.add(m);
      });
    }
    const ordered = [...next].sort((a, b) => byId(mirror.recordId(a), mirror.recordId(b)));
    if (ordered.length > room) truncated = true;
    frontier = ordered.slice(0, Math.max(room, 0));
    for (const n of frontier) hopOf.set(n, hop);
    if (truncated) break;
  }
  const orderedLinks = linksAmong(
    mirror,
    [...hopOf.keys()],
    (l) => mirrorLinkCounts(mirror, l, rules),
    options.linkLimit + 1,
  );
  const nodes: (EntitySummary & { hop: number })[] = [...hopOf].map(([n, hop]) => ({
    ...summarise(mirror.record(n), visibility),
    hop,
  }));
  return {
    nodes: nodes.sort((a, b) => a.hop - b.hop || byId(a.id, b.id)),
    links: orderedLinks.slice(0, options.linkLimit).map((l) => mirror.evidence(l)),
    truncated: truncated || orderedLinks.length > options.linkLimit,
  };
}

/** The links between the given records that `counts` keeps, each once, in id order, at most `limit`. */
export function linksAmong(
  mirror: Mirror,
  records: readonly number[],
  counts: (l: number) => boolean,
  limit: number,
): number[] {
  const among = new Uint8Array(mirror.recordSlots);
  for (const n of records) among[n] = 1;
  const { offsets, link } = mirror.adjacency();
  const found = new Set<number>();
  for (const n of records) {
    for (let arc = offsets[n] as number; arc < (offsets[n + 1] as number); arc++) {
      const l = link[arc] as number;
      // From its start only (a link from a record to itself is met twice there; the set keeps it once).
      if (mirror.from(l) === n && among[mirror.to(l)] === 1 && counts(l)) found.add(l);
    }
  }
  return [...found]
    .map((l) => ({ l, id: mirror.linkId(l) }))
    .sort((a, b) => byId(a.id, b.id))
    .slice(0, limit)
    .map(({ l }) => l);
}

/** Each record's distance from `from`, up to `maxHops`, through what counts; -1 where it is further or cut off. */
function distances(mirror: Mirror, from: number, maxHops: number, rules: CountingRules): Int32Array {
  const distance = new Int32Array(mirror.recordSlots).fill(-1);
  distance[from] = 0;
  let frontier = [from];
  for (let hop = 1; hop <= maxHops && frontier.length > 0; hop += 1) {
    const next: number[] = [];
    for (const n of frontier) {
      forEachCountedTie(mirror, n, rules, (m) => {
        if (distance[m] !== -1) return;
        distance[m] = hop;
        next.push(m);
      });
    }
    frontier = next;
  }
  return distance;
}

/**
 * Every shortest path between the two records (at most `maxHops` long), in the order of their records' ids, then
 * of their links' ids (two records joined by two links give two paths), up to `limit`. Paths are walked in that
 * order and the walk stops at the limit, so a pair joined by very many shortest paths costs no more than `limit`.
 */
export function paths(mirror: Mirror, options: PathsOptions, visibility: Visibility) {
  const rules = countingRules(options, visibility);
  const [source, target] = countedSlots(mirror, [options.source, options.target], rules) as [number, number];
  const fromSource = distances(mirror, source, options.maxHops, rules);
  const length = fromSource[target] as number;
  const found: { nodes: number[]; links: number[] }[] = [];
  if (length > 0) {
    const toTarget = distances(mirror, target, length, rules);
    const nodes = [source];
    /** For each hop so far, the links that make it, in id order (two records may be joined by several). */
    const hops: number[][] = [];
    // One run of records gives a path for every choice of one link a hop, in the order of those links' ids. Walking
    // records first and choosing links only at the end keeps the paths in records' order even when a hop has two
    // links: choosing a hop's link before walking on put the records after it out of order.
    const emit = () => {
      const choice = hops.map(() => 0);
      for (;;) {
        if (found.length > options.limit) return;
        found.push({ nodes: [...nodes], links: hops.map((via, i) => via[choice[i] as number] as number) });
        let hop = hops.length - 1;
        while (hop >= 0 && choice[hop] === (hops[hop] as number[]).length - 1) choice[hop--] = 0;
        if (hop < 0) return;
        choice[hop] = (choice[hop] as number) + 1;
      }
    };
    const walk = (n: number, step: number): void => {
      if (found.length > options.limit) return;
      if (n === target) {
        emit();
        return;
      }
      // The next records on some shortest path, each with the links that lead there, in id order.
      const next = new Map<number, number[]>();
      forEachCountedTie(mirror, n, rules, (m, l) => {
        if (fromSource[m] !== step + 1 || toTarget[m] !== length - step - 1) return;
        next.set(m, [...(next.get(m) ?? []), l]);
      });
      const ordered = [...next].sort(([a], [b]) => byId(mirror.recordId(a), mirror.recordId(b)));
      for (const [m, via] of ordered) {
        via.sort((a, b) => byId(mirror.linkId(a), mirror.linkId(b)));
        nodes.push(m);
        hops.push(via);
        walk(m, step + 1);
        nodes.pop();
        hops.pop();
      }
    };
    walk(source, 0);
  }
  return {
    items: found.slice(0, options.limit).map((path) => ({
      length: path.links.length,
      nodes: path.nodes.map((n) => summarise(mirror.record(n), visibility)),
      links: path.links.map((l): LinkEvidence => mirror.evidence(l)),
    })),
    truncated: found.length > options.limit,
  };
}
