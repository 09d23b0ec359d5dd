/** The seed used when a caller gives none, so that an analysis run twice shows the same picture. */
export const DEFAULT_SEED = 20_240_601;

/**
 * A seeded pseudo-random source in [0, 1) (mulberry32): Math.random cannot be seeded, and results
 * shown to an operations group must not change between two runs on the same data.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` distinct items of `pool` (not modified), by a partial Fisher–Yates shuffle of a copy. */
export function sampleWithoutReplacement(pool: Int32Array, count: number, random: () => number): Int32Array {
  const items = pool.slice();
  const take = Math.min(count, items.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (items.length - i));
    const picked = items[j] as number;
    items[j] = items[i] as number;
    items[i] = picked;
  }
  return items.subarray(0, take);
}
