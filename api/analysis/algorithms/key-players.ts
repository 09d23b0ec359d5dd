import { DEFAULT_EXACT_UP_TO, defaultSamples, SEARCH_BUDGET, shortestPathCentrality } from './centrality.ts';
import { largestComponent, removalImpact } from './components.ts';
import { renumberForLocality } from './locality.ts';
import type { Projection } from './projection.ts';
import { createRandom, DEFAULT_SEED } from './random.ts';

export interface KeyPlayerOptions {
  /** how many nodes to remove, at most */
  count: number;
  /** which nodes may be removed, e.g. persons of interest only */
  isCandidate: (i: number) => boolean;
  /** candidates tried at each step, by betweenness (default 8) */
  shortlist?: number;
  seed?: number;
  /** as for centrality */
  exactUpTo?: number;
  /**
   * pivots per component at each step; default: 200, or fewer where that would not fit an eighth of
   * centrality's search budget (8 at 500k edges)
   */
  samples?: number;
}

export interface KeyPlayerStep {
  index: number;
  id: string;
  largestComponent: number;
  /** of the nodes present before any removal */
  largestComponentShare: number;
  components: number;
}

export interface KeyPlayers {
  baseline: { largestComponent: number; largestComponentShare: number; components: number };
  steps: KeyPlayerStep[];
  method: string;
}

/**
 * Disruption planning by greedy sequential removal. Betweenness alone ranks brokers but not what removing
 * them does; so at each step the `shortlist` candidates with the highest betweenness on the remaining
 * graph are each tried, and the one that leaves the smallest largest connected component is removed (ties:
 * higher betweenness, then id). What each removal leaves is computed exactly, for all nodes at once (see
 * removalImpact). Stops early when no candidate remains.
 */
export function keyPlayers(p: Projection, options: KeyPlayerOptions): KeyPlayers {
  const shortlist = options.shortlist ?? 8;
  // Each step recomputes betweenness, and the shortlist is then checked exactly, so a step gets an eighth of
  // centrality's search budget: rough ranks suffice to find the few brokers worth trying.
  const samples = options.samples ?? defaultSamples(p, SEARCH_BUDGET / 8);
  if (!Number.isInteger(options.count) || options.count < 0) {
    throw new RangeError(`count must be a whole number, not ${options.count}`);
  }
  if (!Number.isInteger(shortlist) || shortlist < 1) {
    throw new RangeError(`shortlist must be a positive integer, not ${shortlist}`);
  }

  const n = p.ids.length;
  const share = (size: number) => (n > 0 ? size / n : 0);
  // All work happens in the locality order; `original` maps back for ids and tie-breaks.
  const graph = renumberForLocality(p);
  const { original } = graph;
  const candidate = new Uint8Array(n);
  let candidatesLeft = 0;
  for (let k = 0; k < n; k++) {
    if (options.isCandidate(original[k] as number)) {
      candidate[k] = 1;
      candidatesLeft++;
    }
  }
  const removed = new Uint8Array(n);
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const baseline = largestComponent(graph);
  const steps: KeyPlayerStep[] = [];
  let sampledSteps = 0;

  while (steps.length < options.count && candidatesLeft > 0) {
    const { betweenness, sampled } = shortestPathCentrality(graph, {
      removed,
      exactUpTo: options.exactUpTo ?? DEFAULT_EXACT_UP_TO,
      samples,
      random,
    });
    const ranked = shortlistByBetweenness(
      betweenness,
      original,
      shortlist,
      (k) => candidate[k] === 1 && removed[k] === 0,
    );
    if (sampled) sampledSteps++;

    // The shortlist is in tie-break order already, so only a strictly smaller component replaces the best.
    const impact = removalImpact(graph, removed);
    let best = ranked[0] as number;
    for (const k of ranked) {
      if ((impact.largestComponent[k] as number) < (impact.largestComponent[best] as number)) best = k;
    }
    removed[best] = 1;
    candidatesLeft--;
    const size = impact.largestComponent[best] as number;
    const index = original[best] as number;
    steps.push({
      index,
      id: p.ids[index] as string,
      largestComponent: size,
      largestComponentShare: share(size),
      components: impact.components[best] as number,
    });
  }

  const betweennessHow =
    sampledSteps === 0
      ? 'computed exactly'
      : `estimated from up to ${samples} pivots per connected component${sampledSteps < steps.length ? ` in ${sampledSteps} of ${steps.length} steps (exactly in the others)` : ''}`;
  return {
    baseline: {
      largestComponent: baseline.size,
      largestComponentShare: share(baseline.size),
      components: baseline.components,
    },
    steps,
    method:
      `Removed candidates one at a time: before each removal, betweenness was ${betweennessHow} on the remaining ` +
      `graph, the ${shortlist} candidates with the highest betweenness were each tried, and the one leaving ` +
      'the smallest largest connected component was removed.',
  };
}

/**
 * The `size` eligible nodes with the highest betweenness, ties by original index (so by id), best first;
 * a bounded insertion rather than sorting every candidate at every step.
 */
function shortlistByBetweenness(
  betweenness: Float64Array,
  original: Int32Array,
  size: number,
  eligible: (k: number) => boolean,
): number[] {
  const ranksAbove = (a: number, b: number) =>
    (betweenness[a] as number) > (betweenness[b] as number) ||
    (betweenness[a] === betweenness[b] && (original[a] as number) < (original[b] as number));
  const best: number[] = [];
  for (let k = 0; k < betweenness.length; k++) {
    if (!eligible(k)) continue;
    if (best.length === size && !ranksAbove(k, best[size - 1] as number)) continue;
    let at = Math.min(best.length, size - 1);
    best[at] = k;
    while (at > 0 && ranksAbove(k, best[at - 1] as number)) {
      best[at] = best[at - 1] as number;
      best[--at] = k;
    }
  }
  return best;
}
