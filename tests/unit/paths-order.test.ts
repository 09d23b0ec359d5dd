import { describe, expect, it } from 'vitest';
import { analysisFilters } from '../../api/analysis/filters.ts';
import { paths } from '../../api/analysis/walks.ts';
import { systemVisibility } from '../../api/auth/viewer.ts';
import { adultRow, linkRow, mirrorOf, youngPersonRow } from '../support/mirror-factories.ts';

describe('shortest paths', () => {
  // source =(two links)= a, then a - b1 - target and a - b2 - target: four shortest paths of three hops.
  const source = adultRow();
  const a = adultRow();
  const b1 = adultRow();
  const b2 = adultRow();
  const target = youngPersonRow();
  const first = linkRow('ASSOCIATE_OF', source, a);
  const second = linkRow('ASSOCIATE_OF', source, a);
  const links = [
    first,
    second,
    linkRow('ASSOCIATE_OF', a, b1),
    linkRow('ASSOCIATE_OF', a, b2),
    linkRow('CONTROLS', b1, target),
    linkRow('CONTROLS', b2, target),
  ];
  const mirror = mirrorOf([source, a, b1, b2, target], links);
  const find = (limit: number) =>
    paths(
      mirror,
      { ...analysisFilters.parse({}), source: source.id, target: target.id, maxHops: 4, limit },
      systemVisibility,
    );
  const described = (found: ReturnType<typeof find>) =>
    found.items.map((path) => ({
      records: path.nodes.map((n) => n.id),
      firstLink: path.links[0]?.id,
    }));

  it('come in the order of their records, then of their links, when a hop has two links', () => {
    const found = find(10);
    expect(found.truncated).toBe(false);
    expect(described(found)).toEqual([
      { records: [source.id, a.id, b1.id, target.id], firstLink: first.id },
      { records: [source.id, a.id, b1.id, target.id], firstLink: second.id },
      { records: [source.id, a.id, b2.id, target.id], firstLink: first.id },
      { records: [source.id, a.id, b2.id, target.id], firstLink: second.id },
    ]);
  });

  it('stop at the limit in that order, and say so', () => {
    const found = find(3);
    expect(found.truncated).toBe(true);
    expect(described(found)).toEqual(described(find(10)).slice(0, 3));
  });
});
