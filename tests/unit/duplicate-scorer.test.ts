import { describe, expect, it } from 'vitest';
import {
  type DuplicateCandidate,
  jaroWinkler,
  levenshtein,
  nameSimilarity,
  normaliseName,
  normalisePhone,
  pairKey,
  proposeDuplicates,
  scorePair,
} from '../../api/duplicates/duplicate-scorer.ts';

const candidate = (overrides: Partial<DuplicateCandidate> & { id: string }): DuplicateCandidate => ({
  name: 'Test Person One',
  ...overrides,
});

describe('string similarity', () => {
  it('computes Levenshtein distances', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });

  it('computes Jaro-Winkler as published (MARTHA / MARHTA ≈ 0.961, DIXON / DICKSONX ≈ 0.813)', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
  });

  it('normalises names: case, accents, punctuation and word order do not matter', () => {
    expect(normaliseName("  O'Brien, Tést ")).toBe('obrien test');
    expect(normaliseName('test obrien')).toBe('obrien test');
    expect(nameSimilarity('Person, Test', 'test person')).toBe(1);
  });

  it('normalises phones: spaces and punctuation ignored', () => {
    expect(normalisePhone('07700 900 123')).toBe('07700900123');
    expect(normalisePhone('+44 (7700) 900-123')).toBe('+447700900123');
  });
});

describe('scorePair', () => {
  it('scores the same name and date of birth as certain', () => {
    const scored = scorePair(
      candidate({ id: 'a', name: 'Test Person One', dateOfBirth: '2008-01-02' }),
      candidate({ id: 'b', name: 'test  person one', dateOfBirth: '2008-01-02' }),
    );
    expect(scored?.score).toBe(1);
    expect(scored?.reasons.map((r) => r.kind)).toEqual(['same-name-and-date-of-birth']);
  });

  it('proposes a shared phone, however differently it was typed, whatever the names', () => {
    const scored = scorePair(
      candidate({ id: 'a', name: 'Adult Example', phones: ['07700 900123'] }),
      candidate({ id: 'b', name: 'Someone Else Entirely', phones: ['07700900123', '07700900999'] }),
    );
    expect(scored?.reasons.map((r) => r.kind)).toEqual(['shared-phone']);
    expect(scored?.reasons[0]?.message).toContain('07700900123');
    expect(scored?.score).toBe(0.9);
  });

  it('proposes near-identical names when a date of birth is missing, weighted below a matching date', () => {
    const missing = scorePair(
      candidate({ id: 'a', name: 'Test Persen One', dateOfBirth: '2008-01-02' }),
      candidate({ id: 'b', name: 'Test Person One' }),
    );
    const matching = scorePair(
      candidate({ id: 'a', name: 'Test Persen One', dateOfBirth: '2008-01-02' }),
      candidate({ id: 'b', name: 'Test Person One', dateOfBirth: '2008-01-02' }),
    );
    expect(missing?.reasons.map((r) => r.kind)).toEqual(['similar-name']);
    expect(matching?.reasons.map((r) => r.kind)).toEqual(['similar-name']);
    expect(matching?.score ?? 0).toBeGreaterThan(missing?.score ?? 1);
  });

  it('matches a name against the other record’s aliases', () => {
    const scored = scorePair(
      candidate({ id: 'a', name: 'Adult Example', aliases: ['Big Example'], dateOfBirth: '1980-05-06' }),
      candidate({ id: 'b', name: 'Big Example', dateOfBirth: '1980-05-06' }),
    );
    expect(scored?.score).toBe(1);
  });

  it('does not propose similar names with different dates of birth, nor unrelated names', () => {
    expect(
      scorePair(
        candidate({ id: 'a', name: 'Test Person One', dateOfBirth: '2008-01-02' }),
        candidate({ id: 'b', name: 'Test Person One', dateOfBirth: '2009-03-04' }),
      ),
    ).toBeUndefined();
    expect(
      scorePair(candidate({ id: 'a', name: 'Test Person One' }), candidate({ id: 'b', name: 'Quite Different' })),
    ).toBeUndefined();
  });
});

describe('proposeDuplicates', () => {
  it('finds each likely pair once, best first, and nothing else', () => {
    const records = [
      candidate({ id: '1', name: 'Test Person One', dateOfBirth: '2008-01-02' }),
      candidate({ id: '2', name: 'Test Person One', dateOfBirth: '2008-01-02' }),
      candidate({ id: '3', name: 'Test Persen One' }),
      candidate({ id: '4', name: 'Unrelated Example', phones: ['0161 496 0000'] }),
      candidate({ id: '5', name: 'Another Example', phones: ['01614960000'] }),
      candidate({ id: '6', name: 'Nobody Alike', dateOfBirth: '1990-01-01' }),
    ];
    const pairs = proposeDuplicates(records);
    expect(pairs[0]).toMatchObject({ ids: ['1', '2'], score: 1 });
    expect(pairs.map((p) => p.ids.join('-')).sort()).toEqual(['1-2', '1-3', '2-3', '4-5']);
    expect(pairs.map((p) => p.score)).toEqual([...pairs.map((p) => p.score)].sort((a, b) => b - a));
    expect(proposeDuplicates(records, 2)).toHaveLength(2);
  });

  it('still compares identical names inside a very common name fragment', () => {
    const crowd = Array.from({ length: 500 }, (_, i) =>
      candidate({ id: `c${String(i).padStart(3, '0')}`, name: `Common Name${i}x${(i * 7919) % 1000}` }),
    );
    const twins = [
      candidate({ id: 't1', name: 'Common Twin', dateOfBirth: '2007-07-07' }),
      candidate({ id: 't2', name: 'Common Twin', dateOfBirth: '2007-07-07' }),
    ];
    const pairs = proposeDuplicates([...crowd, ...twins]);
    expect(pairs.find((p) => p.ids.join('-') === 't1-t2')?.score).toBe(1);
  });

  it('leaves out pairs kept apart, whichever way round they are named', () => {
    const records = [
      candidate({ id: 'a', name: 'Test Same', dateOfBirth: '1980-01-01' }),
      candidate({ id: 'b', name: 'Test Same', dateOfBirth: '1980-01-01' }),
      candidate({ id: 'c', name: 'Test Same', dateOfBirth: '1980-01-01' }),
    ];
    expect(proposeDuplicates(records)).toHaveLength(3);
    const pairs = proposeDuplicates(records, Infinity, new Set([pairKey('b', 'a')]));
    expect(pairs.map((pair) => pair.ids.join())).toEqual(['a,c', 'b,c']);
    expect(pairKey('a', 'b')).toBe(pairKey('b', 'a'));
  });
});
