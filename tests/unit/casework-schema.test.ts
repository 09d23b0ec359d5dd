import { describe, expect, it } from 'vitest';
import { caseworkDeclarations, caseworkLabels } from '../../graph-schema/casework/index.ts';
import { schemaStatements } from '../../graph-schema/cypher.ts';
import { nodeLabels } from '../../graph-schema/index.ts';

describe('casework declarations', () => {
  for (const casework of caseworkDeclarations) {
    const properties = Object.keys(casework.shape.shape);
    it(`${casework.label}: indexed, dates and identifying name real properties`, () => {
      const named = [...casework.indexed, ...casework.dates, ...(casework.identifying ?? [])];
      expect(named.filter((name) => !properties.includes(name))).toEqual([]);
    });
    it(`${casework.label}: links point only at declared labels`, () => {
      const known = new Set<string>([...nodeLabels, ...caseworkLabels]);
      const targets = casework.links.flatMap((link) => link.to);
      expect(targets.filter((label) => !known.has(label))).toEqual([]);
    });
    it(`${casework.label}: has a unique id constraint`, () => {
      expect(schemaStatements().some((s) => s.includes(`FOR (n:${casework.label}) REQUIRE n.id IS UNIQUE`))).toBe(true);
    });
  }

  it('labels are unique, all listed, and none is a network label', () => {
    expect(caseworkDeclarations.map((c) => c.label).sort()).toEqual([...caseworkLabels].sort());
    expect(caseworkLabels.filter((label) => (nodeLabels as readonly string[]).includes(label))).toEqual([]);
  });
});
