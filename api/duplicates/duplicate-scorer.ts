/**
 * Finds likely duplicate records: pure functions, no database. A proposal carries its reasons and a score
 * from 0 to 1; nothing here merges anything.
 */

/** What the scorer reads of a record. */
export interface DuplicateCandidate {
  id: string;
  name: string;
  dateOfBirth?: string | null | undefined;
  aliases?: readonly string[] | null | undefined;
  phones?: readonly string[] | null | undefined;
}

/** A record as the scorer reads it: its caption as its name, and its date of birth, aliases and phones if it has them. */
export const candidateOf = (caption: string, record: Record<string, unknown>): DuplicateCandidate => ({
  id: String(record.id ?? ''),
  name: String(record[caption] ?? ''),
  dateOfBirth: typeof record.dateOfBirth === 'string' ? record.dateOfBirth : null,
  aliases: Array.isArray(record.aliases) ? (record.aliases as string[]) : [],
  phones: Array.isArray(record.phones) ? (record.phones as string[]) : [],
});

export type DuplicateReasonKind = 'same-name-and-date-of-birth' | 'shared-phone' | 'similar-name';

export interface DuplicateReason {
  kind: DuplicateReasonKind;
  message: string;
}

export interface DuplicatePair {
  ids: [string, string];
  score: number;
  reasons: DuplicateReason[];
}

/** Names at least this similar (Jaro-Winkler over normalised names) are proposed when the dates of birth allow. */
export const similarNameThreshold = 0.9;

/** Lower case, accents and punctuation gone, words sorted: "O'Brien, Test" and "test obrien" are the same name. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`.-]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .sort()
    .join(' ');
}

/** Spaces and punctuation ignored, so "07700 900123" and "07700900123" are one phone; a leading + is kept. */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/[^0-9]/g, '');
}

/** Levenshtein edit distance. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** 1 − distance / longer length: 1 for equal strings, 0 for nothing in common. */
export function levenshteinSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - levenshtein(a, b) / longer;
}

/** Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < Math.min(a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** How alike two names are: the better of Jaro-Winkler and Levenshtein similarity over the normalised names. */
export function nameSimilarity(a: string, b: string): number {
  const left = normaliseName(a);
  const right = normaliseName(b);
  return Math.max(jaroWinkler(left, right), levenshteinSimilarity(left, right));
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** The names a record goes by: its name and its aliases. */
const namesOf = (record: DuplicateCandidate) => [record.name, ...(record.aliases ?? [])].filter(Boolean);

/**
 * Why two records of one label may be the same person or place, and how likely (0 to 1); undefined when nothing
 * suggests it. Similar names count only when the dates of birth are the same or one is missing.
 */
export function scorePair(a: DuplicateCandidate, b: DuplicateCandidate): Omit<DuplicatePair, 'ids'> | undefined {
  const reasons: DuplicateReason[] = [];
  let score = 0;
  const bothDated = Boolean(a.dateOfBirth && b.dateOfBirth);
  const sameDate = bothDated && a.dateOfBirth === b.dateOfBirth;

  const sameName = namesOf(a).some((x) => namesOf(b).some((y) => normaliseName(x) === normaliseName(y)));
  if (sameName && sameDate) {
    reasons.push({ kind: 'same-name-and-date-of-birth', message: `Same name and date of birth (${a.dateOfBirth})` });
    score = 1;
  }

  const theirPhones = new Set((b.phones ?? []).map(normalisePhone).filter(Boolean));
  const shared = [...new Set((a.phones ?? []).map(normalisePhone))].filter((phone) => theirPhones.has(phone));
  if (shared.length) {
    reasons.push({ kind: 'shared-phone', message: `Shared phone ${shared.join(', ')}` });
    score = Math.max(score, 0.9);
  }

  if (!(sameName && sameDate) && (!bothDated || sameDate)) {
    let best = 0;
    for (const x of namesOf(a)) for (const y of namesOf(b)) best = Math.max(best, nameSimilarity(x, y));
    if (best >= similarNameThreshold) {
      const dates = sameDate ? 'the same date of birth' : 'no date of birth on one or both';
      reasons.push({
        kind: 'similar-name',
        message: `Near-identical names (${Math.round(best * 100)}% alike), ${dates}`,
      });
      // A similar name with a matching date weighs more than one with a date missing.
      score = Math.max(score, best * (sameDate ? 0.95 : 0.85));
    }
  }
  return reasons.length ? { score: round(score), reasons } : undefined;
}

/** Blocks bigger than this (a very common name fragment) are not compared pairwise: they say too little. */
const maxBlock = 400;

/** Keys that similar records are likely to share: the whole name, name-word prefixes, a phone. */
function blockingKeys(record: DuplicateCandidate): string[] {
  const keys = new Set<string>();
  for (const name of namesOf(record)) {
    keys.add(`e:${normaliseName(name)}`);
    for (const word of normaliseName(name).split(' ')) {
      if (word.length >= 2) keys.add(`n:${word.slice(0, 3)}`);
    }
  }
  for (const phone of record.phones ?? []) keys.add(`p:${normalisePhone(phone)}`);
  return [...keys];
}

/** A shared phone or an identical name always matters, however many share it; a common name fragment does not. */
const tooCommon = (key: string, size: number) => size > maxBlock && key.startsWith('n:');

/**
 * Records indexed by their blocking keys, so that the records one record may duplicate are found among thousands
 * without scoring them all: the import asks it of each record a file would create.
 */
export class DuplicateIndex {
  private readonly blocks = new Map<string, DuplicateCandidate[]>();

  constructor(records: Iterable<DuplicateCandidate> = []) {
    for (const record of records) this.add(record);
  }

  add(record: DuplicateCandidate): void {
    for (const key of blockingKeys(record)) {
      const block = this.blocks.get(key);
      if (block) block.push(record);
      else this.blocks.set(key, [record]);
    }
  }

  /** The records sharing a usable blocking key with RECORD (itself left out), each once. */
  sharingKeys(record: DuplicateCandidate): DuplicateCandidate[] {
    const found = new Map<string, DuplicateCandidate>();
    for (const key of blockingKeys(record)) {
      const block = this.blocks.get(key) ?? [];
      if (tooCommon(key, block.length)) continue;
      for (const other of block) if (other.id !== record.id && !found.has(other.id)) found.set(other.id, other);
    }
    return [...found.values()];
  }
}

/** One key for a pair, whichever way round it is named. */
export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Every likely duplicate pair among RECORDS (all of one label), best first, except the pairs KEPT APART (by
 * `pairKey`: judged not to be duplicates). Records are compared only when they share a blocking key, so a network of
 * thousands is scored in well under a second.
 */
export function proposeDuplicates(
  records: readonly DuplicateCandidate[],
  limit = Infinity,
  keptApart: ReadonlySet<string> = new Set(),
): DuplicatePair[] {
  const blocks = new Map<string, number[]>();
  records.forEach((record, index) => {
    for (const key of blockingKeys(record)) {
      const block = blocks.get(key);
      if (block) block.push(index);
      else blocks.set(key, [index]);
    }
  });
  const compared = new Set<string>();
  const pairs: DuplicatePair[] = [];
  for (const [key, block] of blocks) {
    if (tooCommon(key, block.length)) continue;
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const a = records[block[i] ?? 0];
        const b = records[block[j] ?? 0];
        if (!a || !b || a.id === b.id) continue;
        const [first, second] = a.id < b.id ? [a, b] : [b, a];
        const key = pairKey(first.id, second.id);
        if (compared.has(key) || keptApart.has(key)) continue;
        compared.add(key);
        const scored = scorePair(first, second);
        if (scored) pairs.push({ ids: [first.id, second.id], ...scored });
      }
    }
  }
  pairs.sort((x, y) => y.score - x.score || x.ids[0].localeCompare(y.ids[0]) || x.ids[1].localeCompare(y.ids[1]));
  return pairs.slice(0, limit);
}
