import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { schemaStatements } from '../../graph-schema/cypher.ts';
import { schemaDocument } from '../../graph-schema/document.ts';
import {
  allowsLink,
  defineNode,
  nodeDeclarations,
  nodeLabels,
  personOfInterest,
  relationshipDeclarations,
  type YoungPersonInput,
  youngPerson,
} from '../../graph-schema/index.ts';
import { createSchema, linkInputSchema, updateSchema } from '../../graph-schema/records.ts';

describe('node declarations', () => {
  for (const node of nodeDeclarations) {
    const properties = Object.keys(node.shape.shape);
    it(`${node.label}: caption, unique, indexed, searchable and dates name real properties`, () => {
      const named = [
        node.caption,
        ...node.unique,
        ...node.indexed,
        ...node.searchable,
        ...node.dates,
        ...(node.identifying ?? []),
        ...(node.pseudonym ? [node.pseudonym] : []),
      ];
      expect(named.filter((name) => !properties.includes(name))).toEqual([]);
    });
    it(`${node.label}: onArchive, storedShape and setElsewhere only touch declared properties`, () => {
      const touched = [
        ...Object.keys(node.onArchive ?? {}),
        ...Object.keys(node.storedShape?.shape ?? {}),
        ...(node.setElsewhere?.properties ?? []),
      ];
      expect(touched.filter((name) => !properties.includes(name))).toEqual([]);
    });
  }

  it('labels are unique and all listed', () => {
    expect(nodeDeclarations.map((n) => n.label).sort()).toEqual([...nodeLabels].sort());
  });

  it('path segments are unique', () => {
    const segments = nodeDeclarations.map((n) => n.pathSegment);
    expect(new Set(segments).size).toBe(segments.length);
  });

  it('refuses, at compile time, a caption that is not a property', () => {
    const shape = z.object({ name: z.string() });
    const declare = () =>
      defineNode({
        ...youngPerson,
        shape,
        // @ts-expect-error: "nickname" is not a property of the shape
        caption: 'nickname',
        unique: [],
        indexed: [],
        searchable: [],
        dates: [],
      });
    expect(declare).not.toThrow();
  });
});

describe('relationship declarations', () => {
  it('types are unique', () => {
    const types = relationshipDeclarations.map((r) => r.type);
    expect(new Set(types).size).toBe(types.length);
  });

  for (const relationship of relationshipDeclarations) {
    it(`${relationship.type}: endpoints are declared labels and dates are properties`, () => {
      const labels: string[] = [...nodeLabels];
      const endpoints = relationship.endpoints.flatMap((e) => [e.from, e.to]);
      expect(endpoints.length).toBeGreaterThan(0);
      expect(endpoints.filter((label) => !labels.includes(label))).toEqual([]);
      const properties = Object.keys(relationship.shape.shape);
      expect(relationship.dates.filter((name) => !properties.includes(name))).toEqual([]);
    });
  }

  it('allows only declared endpoints', () => {
    expect(allowsLink('CONTROLS', 'PersonOfInterest', 'YoungPerson')).toBe(true);
    expect(allowsLink('CONTROLS', 'YoungPerson', 'PersonOfInterest')).toBe(false);
    expect(allowsLink('FREQUENTS', 'Location', 'YoungPerson')).toBe(false);
    expect(allowsLink('NO_SUCH_TYPE', 'PersonOfInterest', 'YoungPerson')).toBe(false);
  });
});

describe('derived schemas', () => {
  it('create refuses unknown fields and requires the required ones', () => {
    const schema = createSchema(youngPerson);
    expect(schema.safeParse({ reference: 'YP-1', name: 'A', levelOfConcern: 1 }).success).toBe(true);
    expect(schema.safeParse({ reference: 'YP-1', name: 'A', levelOfConcern: 1, shoeSize: 5 }).success).toBe(false);
    expect(schema.safeParse({ reference: 'YP-1', levelOfConcern: 1 }).success).toBe(false);
    expect(schema.safeParse({ reference: 'YP-1', name: 'A', levelOfConcern: 'archived' }).success).toBe(false);
  });

  it('update needs the version read, and lets optional fields be cleared with null', () => {
    const schema = updateSchema(youngPerson);
    expect(schema.safeParse({ name: 'B' }).success).toBe(false);
    expect(schema.safeParse({ name: 'B', version: 1 }).success).toBe(true);
    expect(schema.safeParse({ school: null, version: 1 }).success).toBe(true);
    expect(schema.safeParse({ name: null, version: 1 }).success).toBe(false);
  });

  it('update fills in no defaults, so it leaves what it does not name alone', () => {
    expect(updateSchema(personOfInterest).parse({ name: 'B', version: 2 })).toEqual({ name: 'B', version: 2 });
    expect(updateSchema(youngPerson).parse({ school: 'X', version: 2 })).toEqual({ school: 'X', version: 2 });
    expect(updateSchema(personOfInterest).safeParse({ gradingHandling: null, version: 2 }).success).toBe(false);
    expect(updateSchema(personOfInterest).safeParse({ phones: null, version: 2 }).success).toBe(false);
  });

  it('a link must name a declared type and carry its evidence', () => {
    const base = {
      from: crypto.randomUUID(),
      to: crypto.randomUUID(),
      sourceAgency: 'Police',
      gradingSource: 2,
      gradingInformation: 'B',
      gradingHandling: 'P',
      firstSeen: '2026-01-01',
    };
    expect(linkInputSchema.safeParse({ ...base, type: 'CONTROLS' }).success).toBe(true);
    expect(linkInputSchema.safeParse({ ...base, type: 'LIKES' }).success).toBe(false);
    expect(linkInputSchema.safeParse({ ...base, type: 'CONTROLS', gradingInformation: 'F' }).success).toBe(false);
    expect(linkInputSchema.safeParse({ ...base, type: 'SUPPLIES' }).success).toBe(false);
    expect(linkInputSchema.safeParse({ ...base, type: 'SUPPLIES', supplied: ['gifts'] }).success).toBe(true);
    expect(linkInputSchema.safeParse({ ...base, type: 'CONTROLS', lastSeen: '2025-12-31' }).success).toBe(false);
  });

  it('types come from the shapes', () => {
    expectTypeOf<YoungPersonInput['levelOfConcern']>().toEqualTypeOf<1 | 2 | 3>();
    expectTypeOf<YoungPersonInput['reference']>().toEqualTypeOf<string>();
  });
});

describe('Cypher schema statements', () => {
  const statements = schemaStatements();
  it('are idempotent', () => {
    expect(statements.every((s) => s.includes('IF NOT EXISTS') || s.startsWith('DROP INDEX'))).toBe(true);
    expect(statements.filter((s) => s.startsWith('DROP')).every((s) => s.endsWith(' IF EXISTS'))).toBe(true);
  });
  it('drop the retired full-text index and make no other', () => {
    expect(statements).toContain('DROP INDEX entity_search IF EXISTS');
    expect(statements.some((s) => s.includes('FULLTEXT'))).toBe(false);
  });
  it('make entity ids and young people references unique', () => {
    expect(statements).toContain(
      'CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
    );
    expect(statements.some((s) => s.includes('(n:YoungPerson) REQUIRE n.reference IS UNIQUE'))).toBe(true);
  });
  it('index first seen on every relationship type', () => {
    for (const relationship of relationshipDeclarations) {
      expect(statements.some((s) => s.includes(`[r:${relationship.type}]`) && s.includes('ON (r.firstSeen)'))).toBe(
        true,
      );
    }
  });
});

describe('schema document for the web', () => {
  it('lists every label with JSON Schema properties', () => {
    const document = schemaDocument();
    expect(document.nodes.map((n) => n.label)).toEqual(nodeDeclarations.map((n) => n.label));
    const youngPeople = document.nodes[0]?.properties as { properties: Record<string, unknown> };
    expect(Object.keys(youngPeople.properties)).toEqual(expect.arrayContaining(['reference', 'levelOfConcern', 'id']));
  });
});
