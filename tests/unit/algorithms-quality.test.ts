import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, normalizedMutualInformation } from '../../api/analysis/algorithms/quality.ts';

// Expected values are sklearn's (normalized_mutual_info_score and adjusted_rand_score), from its
// documentation or worked by hand with the same definitions.
describe('normalizedMutualInformation', () => {
  it('is 1 for the same partition, whatever the labels are called', () => {
    expect(normalizedMutualInformation([0, 0, 1, 1, 2], [0, 0, 1, 1, 2])).toBe(1);
    expect(normalizedMutualInformation([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(normalizedMutualInformation(['x', 'x', 'y', 'z'], [7, 7, 3, 'q'])).toBe(1);
  });

  it('is 1 when both are one cluster, or empty, as sklearn', () => {
    expect(normalizedMutualInformation([1, 1, 1], ['a', 'a', 'a'])).toBe(1);
    expect(normalizedMutualInformation([], [])).toBe(1);
  });

  it('matches sklearn on a refinement: 0.8', () => {
    // H(a) = ln 2, H(b) = 1.5 ln 2, and b refines a so I = ln 2: ln 2 / 1.25 ln 2.
    expect(normalizedMutualInformation([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.8, 14);
  });

  it('is 0 when one labeling says nothing about the other', () => {
    expect(normalizedMutualInformation([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(normalizedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1])).toBe(0);
  });

  it('is symmetric', () => {
    const a = [0, 0, 0, 1, 1, 1, 2, 2];
    const b = [0, 0, 1, 1, 1, 2, 2, 2];
    expect(normalizedMutualInformation(a, b)).toBeCloseTo(normalizedMutualInformation(b, a), 14);
  });

  it('refuses labelings of different lengths', () => {
    expect(() => normalizedMutualInformation([0, 1], [0])).toThrow(RangeError);
  });
});

describe('adjustedRandIndex', () => {
  it('is 1 for the same partition, whatever the labels are called', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 1])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([1, 1, 1], [2, 2, 2])).toBe(1);
    expect(adjustedRandIndex([0, 1, 2], [5, 4, 3])).toBe(1);
    expect(adjustedRandIndex([], [])).toBe(1);
  });

  it("matches sklearn's documented examples", () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.5714285714285715, 14);
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(0.5714285714285715, 14);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 14);
  });

  it('refuses labelings of different lengths', () => {
    expect(() => adjustedRandIndex([0], [0, 1])).toThrow(/differ in length/);
  });
});
