import { describe, expect, it } from 'vitest';
import { memoByMirror } from '../../api/analysis/mirror/memo.ts';
import { adultRow, linkRow, mirrorOf, youngPersonRow } from '../support/mirror-factories.ts';

describe('results kept by mirror state', () => {
  it('reuses a result until the mirror changes, and keys it by its parameters', () => {
    const [child, adult] = [youngPersonRow(), adultRow()];
    const mirror = mirrorOf([child, adult], []);
    const memo = memoByMirror<number>(2);
    let made = 0;
    const make = () => {
      made += 1;
      return made;
    };
    expect(memo.get(mirror, 'a', make)).toBe(1);
    expect(memo.get(mirror, 'a', make)).toBe(1);
    expect(memo.get(mirror, 'b', make)).toBe(2);
    mirror.upsertLink(linkRow('CONTROLS', adult, child));
    expect(memo.get(mirror, 'a', make)).toBe(3);
    expect(memo.get(mirror, 'a', make)).toBe(3);
  });

  it('keeps no more than its size, and nothing from another mirror', () => {
    const first = mirrorOf([youngPersonRow()], []);
    const second = mirrorOf([youngPersonRow()], []);
    const memo = memoByMirror<string>(2);
    for (const key of ['a', 'b', 'c']) memo.get(first, key, () => `${key}1`);
    expect(memo.get(first, 'a', () => 'a2')).toBe('a2');
    expect(memo.get(second, 'c', () => 'c2')).toBe('c2');
    expect(memo.get(first, 'c', () => 'c3')).toBe('c3');
  });

  it('forgets a result on request, so the next call makes it again', () => {
    const mirror = mirrorOf([youngPersonRow()], []);
    const memo = memoByMirror<{ made: number }>(2);
    const first = memo.get(mirror, 'a', () => ({ made: 1 }));
    memo.get(mirror, 'b', () => ({ made: 2 }));
    memo.forget(first);
    expect(memo.get(mirror, 'a', () => ({ made: 3 }))).toEqual({ made: 3 });
    expect(memo.get(mirror, 'b', () => ({ made: 4 }))).toEqual({ made: 2 });
  });
});
