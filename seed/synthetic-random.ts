/**
 * Seeded randomness for the synthetic network: the same seed always gives the same network, so a
 * benchmark or a quality check can be rerun and compared. Never Math.random.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of the choices, each as likely as its weight. */
  weighted<T>(choices: Weighted<T>): T;
  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** A version-4-shaped UUID drawn from this generator, so ids repeat with the seed. */
  uuid(): string;
}

export type Weighted<T> = readonly (readonly [T, number])[];

/** sfc32 (Chris Doty-Humphrey's small fast counting generator): fast, and good enough for test data. */
export function createRandom(seed: number): Random {
  // Seeded as PractRand seeds it: the seed's low and high 32 bits, so no two safe integers share a stream.
  let a = 0;
  let b = seed >>> 0;
  let c = Math.floor(seed / 2 ** 32) >>> 0;
  let d = 1;
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs after seeding are poorly mixed; PractRand's seeding discards them too.
  for (let i = 0; i < 12; i += 1) uint32();

  const next = () => uint32() / 2 ** 32;
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick(items) {
      if (items.length === 0) throw new Error('Cannot pick from nothing');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted(choices) {
      let total = 0;
      for (const [, weight] of choices) total += weight;
      let target = next() * total;
      for (const [choice, weight] of choices) {
        target -= weight;
        if (target < 0) return choice;
      }
      const last = choices.at(-1);
      if (!last) throw new Error('Cannot choose from nothing');
      return last[0];
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j] as (typeof items)[number], items[i] as (typeof items)[number]];
      }
      return items;
    },
    uuid() {
      const first = hexWord(uint32());
      const versioned = hexWord((uint32() & 0xffff0fff) | 0x00004000);
      const variant = hexWord((uint32() & 0x3fffffff) | 0x80000000);
      const last = hexWord(uint32());
      return `${first}-${versioned.slice(0, 4)}-${versioned.slice(4)}-${variant.slice(0, 4)}-${variant.slice(4)}${last}`;
    },
  };
  return random;
}

const hexByte = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hexWord = (word: number): string =>
  `${hexByte[(word >>> 24) & 0xff]}${hexByte[(word >>> 16) & 0xff]}${hexByte[(word >>> 8) & 0xff]}${hexByte[word & 0xff]}`;

/**
 * Zipf-like popularity: the item ranked r in a random order weighs r^-exponent. Drawing link ends by
 * these weights is the Chung–Lu recipe for a heavy-tailed degree distribution: a few hubs, a long tail.
 */
export function popularityWeights(count: number, random: Random, exponent: number): Float64Array {
  const order = random.shuffle(Array.from({ length: count }, (_, item) => item));
  const weights = new Float64Array(count);
  order.forEach((item, rank) => {
    weights[item] = (rank + 1) ** -exponent;
  });
  return weights;
}

export interface WeightedDraw<T> {
  readonly size: number;
  draw(): T;
}

/** Draws items, each as likely as its weight, in O(log n) a draw. */
export function weightedDraw<T>(items: readonly T[], weightOf: (item: T) => number, random: Random): WeightedDraw<T> {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  items.forEach((item, index) => {
    total += weightOf(item);
    cumulative[index] = total;
  });
  return {
    size: items.length,
    draw() {
      if (items.length === 0) throw new Error('Cannot draw from nothing');
      const target = random.next() * total;
      let low = 0;
      let high = items.length - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((cumulative[middle] as number) <= target) low = middle + 1;
        else high = middle;
      }
      return items[low] as T;
    },
  };
}
