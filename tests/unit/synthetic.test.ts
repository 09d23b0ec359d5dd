import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  allowsLink,
  location,
  type NodeLabel,
  personOfInterest,
  relationshipDeclaration,
  youngPerson,
} from '../../graph-schema/index.ts';
import { createSchema, linkInputSchema } from '../../graph-schema/records.ts';
import { createLinks, createNodes } from '../../seed/synthetic.cypher.ts';
import { generateSynthetic, linkFamilies, type SyntheticNetwork } from '../../seed/synthetic.ts';
import { createRandom } from '../../seed/synthetic-random.ts';

const options = { youngPeople: 300, adults: 400, locations: 300, groups: 10, seed: 42 };
const network = generateSynthetic(options);
const records = [...network.youngPeople, ...network.personsOfInterest, ...network.locations];
const labelOf = new Map<string, NodeLabel>([
  ...network.youngPeople.map((r) => [r.id, 'YoungPerson'] as const),
  ...network.personsOfInterest.map((r) => [r.id, 'PersonOfInterest'] as const),
  ...network.locations.map((r) => [r.id, 'Location'] as const),
]);

/** The ids each record is linked to, either way. */
function neighboursOf(net: SyntheticNetwork): Map<string, Set<string>> {
  const neighbours = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    const set = neighbours.get(a) ?? new Set<string>();
    set.add(b);
    neighbours.set(a, set);
  };
  for (const link of net.links) {
    add(link.from, link.to);
    add(link.to, link.from);
  }
  return neighbours;
}

describe('generateSynthetic', () => {
  it('gives the same network for the same seed, ids included', () => {
    expect(generateSynthetic(options)).toEqual(network);
  });

  it('gives a different network for a different seed', () => {
    const other = generateSynthetic({ ...options, seed: 43 });
    expect(other.youngPeople[0]?.id).not.toBe(network.youngPeople[0]?.id);
    expect(other.links.map((l) => l.id)).not.toEqual(network.links.map((l) => l.id));
    expect(other.groundTruth.groups[0]?.members).not.toEqual(network.groundTruth.groups[0]?.members);
  });

  it('honours the requested counts, with links per node as the link target', () => {
    expect(network.youngPeople).toHaveLength(300);
    expect(network.personsOfInterest).toHaveLength(400);
    expect(network.locations).toHaveLength(300);
    expect(network.links).toHaveLength(5 * 1000);
    expect(generateSynthetic({ ...options, linksPerNode: 2 }).links).toHaveLength(2 * 1000);
    expect(network.groundTruth.groups).toHaveLength(10);
    const { planted, noise, background } = network.groundTruth.linkCounts;
    expect(planted + noise + background).toBe(network.links.length);
  });

  it('writes records every create schema accepts as they are', () => {
    const sets = [
      { declaration: youngPerson, rows: network.youngPeople },
      { declaration: personOfInterest, rows: network.personsOfInterest },
      { declaration: location, rows: network.locations },
    ];
    for (const { declaration, rows } of sets) {
      for (const { id, ...input } of rows) {
        expect(z.uuid().safeParse(id).success).toBe(true);
        expect(createSchema(declaration).parse(input)).toEqual(input);
      }
    }
  });

  it('writes links the link schema accepts, between endpoints the schema allows', () => {
    for (const { id, ...link } of network.links) {
      expect(z.uuid().safeParse(id).success).toBe(true);
      expect(linkInputSchema.parse(link)).toEqual(link);
      const from = labelOf.get(link.from);
      const to = labelOf.get(link.to);
      expect(from && to && allowsLink(link.type, from, to), `${from} ${link.type} ${to}`).toBe(true);
    }
    for (const family of linkFamilies) {
      for (const [type] of family.types) expect(allowsLink(type, family.from, family.to)).toBe(true);
    }
  });

  it('gives every record and link its own id, and every young person its own reference', () => {
    const ids = [...records.map((r) => r.id), ...network.links.map((l) => l.id)];
    expect(new Set(ids).size).toBe(ids.length);
    const references = network.youngPeople.map((r) => r.reference);
    expect(new Set(references).size).toBe(references.length);
    expect(references[0]).toBe('SYN-000001');
    expect(generateSynthetic({ ...options, referencePrefix: 'SYNB' }).youngPeople[0]?.reference).toBe('SYNB-000001');
  });

  it('looks fictional', () => {
    expect(network.youngPeople[0]?.name).toBe('Synthetic Young Person 000001');
    expect(network.personsOfInterest[0]?.name).toBe('Synthetic Adult 000001');
    expect(network.locations[0]?.name).toBe('Synthetic Place 000001');
    for (const place of network.locations) if (place.postcode) expect(place.postcode).toMatch(/^ZZ/);
    for (const adult of network.personsOfInterest) {
      for (const phone of adult.phones ?? []) expect(phone).toMatch(/^SYN-TEL-/);
      for (const vehicle of adult.vehicles ?? []) expect(vehicle).toMatch(/^ZZ\d\d [A-Z]{3}$/);
    }
  });

  it('makes no duplicate, reversed-duplicate or self links', () => {
    const undirected = new Set(['PEER_OF', 'FAMILY_OF', 'ASSOCIATE_OF']);
    const keys = network.links.map((link) => {
      const sameLabel = labelOf.get(link.from) === labelOf.get(link.to);
      const ends = undirected.has(link.type) && sameLabel ? [link.from, link.to].sort() : [link.from, link.to];
      return `${ends[0]} ${link.type} ${ends[1]}`;
    });
    expect(new Set(keys).size).toBe(keys.length);
    expect(network.links.filter((link) => link.from === link.to)).toEqual([]);
  });

  it('dates and grades links as the brief says: 2023 to October 2026, about one in twenty police-only', () => {
    for (const link of network.links) {
      expect(link.firstSeen >= '2023-01-01' && link.firstSeen <= '2026-10-31').toBe(true);
      if (link.lastSeen) expect(link.lastSeen >= link.firstSeen && link.lastSeen <= '2026-10-31').toBe(true);
      if (link.type === 'SUPPLIES') expect(link.supplied?.length).toBeGreaterThan(0);
    }
    const policeOnly = network.links.filter((link) => link.gradingHandling === 'C').length / network.links.length;
    expect(policeOnly).toBeGreaterThan(0.03);
    expect(policeOnly).toBeLessThan(0.07);
  });

  it('has a heavy-tailed degree distribution: a few hubs far above the mean', () => {
    const degrees = [...neighboursOf(network).values()].map((set) => set.size);
    const mean = degrees.reduce((sum, d) => sum + d, 0) / records.length;
    expect(Math.max(...degrees)).toBeGreaterThanOrEqual(5 * mean);
  });

  it('plants groups of 4 to 12 adults, each with its own young people and places', () => {
    const seen = new Set<string>();
    for (const group of network.groundTruth.groups) {
      expect(group.members.length).toBeGreaterThanOrEqual(4);
      expect(group.members.length).toBeLessThanOrEqual(12);
      expect(group.youngPeople.length).toBeGreaterThanOrEqual(2);
      expect(group.locations.length).toBeGreaterThanOrEqual(1);
      for (const id of group.members) expect(labelOf.get(id)).toBe('PersonOfInterest');
      for (const id of group.youngPeople) expect(labelOf.get(id)).toBe('YoungPerson');
      for (const id of group.locations) expect(labelOf.get(id)).toBe('Location');
      for (const id of [...group.members, ...group.youngPeople, ...group.locations]) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
  });

  it('binds each group: shared young people and places, direct ties, shared phones and a vehicle', () => {
    const neighbours = neighboursOf(network);
    const adults = new Map(network.personsOfInterest.map((adult) => [adult.id, adult]));
    for (const group of network.groundTruth.groups) {
      const members = new Set(group.members);
      const membersTiedTo = (id: string) => [...(neighbours.get(id) ?? [])].filter((n) => members.has(n)).length;
      for (const shared of [...group.youngPeople, ...group.locations])
        expect(membersTiedTo(shared)).toBeGreaterThanOrEqual(2);
      // Direct links alone join every member to the rest: the ring the generator lays first.
      const reached = new Set([group.members[0]]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const link of network.links) {
          if (!members.has(link.from) || !members.has(link.to)) continue;
          if (reached.has(link.from) !== reached.has(link.to)) {
            reached.add(link.from);
            reached.add(link.to);
            grew = true;
          }
        }
      }
      expect(reached.size).toBe(members.size);
      for (const value of [...group.phones, ...group.vehicles]) {
        const holders = group.members.filter((id) => {
          const adult = adults.get(id);
          return [...(adult?.phones ?? []), ...(adult?.vehicles ?? [])].includes(value);
        });
        expect(holders.length).toBeGreaterThanOrEqual(2);
      }
      const otherHolders = network.personsOfInterest.filter(
        (adult) => !members.has(adult.id) && adult.phones?.some((phone) => group.phones.includes(phone)),
      );
      expect(otherHolders).toEqual([]);
    }
  });

  it('sends about the noise share of a group’s links out of it, never into another group', () => {
    const { planted, noise } = network.groundTruth.linkCounts;
    expect(noise / (planted + noise)).toBeCloseTo(0.2, 1);
    const groupOf = new Map<string, string>();
    for (const group of network.groundTruth.groups) {
      for (const id of [...group.members, ...group.youngPeople, ...group.locations]) groupOf.set(id, group.id);
    }
    const acrossGroups = network.links.filter((link) => {
      const from = groupOf.get(link.from);
      const to = groupOf.get(link.to);
      return from !== undefined && to !== undefined && from !== to;
    });
    expect(acrossGroups).toEqual([]);
    const quiet = generateSynthetic({ ...options, noise: 0 }).groundTruth.linkCounts;
    expect(quiet.noise).toBe(0);
  });

  it('copes with no groups, and with networks too small for the link target', () => {
    const plain = generateSynthetic({ youngPeople: 50, adults: 50, locations: 50, groups: 0, seed: 1 });
    expect(plain.groundTruth.groups).toEqual([]);
    expect(plain.links).toHaveLength(750);
    const crowded = generateSynthetic({ youngPeople: 3, adults: 4, locations: 1, groups: 1, seed: 1 });
    expect(crowded.groundTruth.groups[0]?.members).toHaveLength(4);
    expect(crowded.links.length).toBeGreaterThan(0);
  });

  it('refuses options it cannot honour, naming the option', () => {
    expect(() => generateSynthetic({ ...options, groups: 101 })).toThrow(/adults must be at least 404/);
    expect(() => generateSynthetic({ ...options, youngPeople: -1 })).toThrow(/youngPeople must not be negative/);
    expect(() => generateSynthetic({ ...options, adults: 1.5 })).toThrow(/adults must be a whole number/);
    expect(() => generateSynthetic({ ...options, noise: 1 })).toThrow(/noise/);
    expect(() => generateSynthetic({ ...options, referencePrefix: 'syn' })).toThrow(/referencePrefix/);
  });
});

describe('createRandom', () => {
  it('repeats with its seed and draws UUIDs zod accepts', () => {
    const draws = (seed: number) => {
      const random = createRandom(seed);
      return [random.next(), random.int(1, 6), random.uuid()];
    };
    expect(draws(1)).toEqual(draws(1));
    expect(draws(1)).not.toEqual(draws(2));
    expect(draws(2 ** 32 + 1)).not.toEqual(draws(1));
    const random = createRandom(7);
    for (let i = 0; i < 1000; i += 1) expect(z.uuid().safeParse(random.uuid()).success).toBe(true);
  });
});

describe('the loader’s batch statements', () => {
  it('name each link’s ends by their position in a list of the batch’s distinct records', () => {
    const supplies = network.links.filter((link) => link.type === 'SUPPLIES');
    expect(supplies.length).toBeGreaterThan(20);
    const declaration = relationshipDeclaration('SUPPLIES');
    if (!declaration) throw new Error('SUPPLIES is not declared');
    const statement = createLinks(declaration);
    const { ends, rows } = statement.parameters(supplies) as { ends: string[]; rows: unknown[][] };
    expect(new Set(ends).size).toBe(ends.length);
    expect(new Set(ends)).toEqual(new Set(supplies.flatMap((link) => [link.from, link.to])));
    expect(rows).toHaveLength(supplies.length);
    supplies.forEach((link, i) => {
      const [from, to, id, ...rest] = rows[i] as [number, number, string, ...unknown[]];
      expect([ends[from], ends[to], id]).toEqual([link.from, link.to, link.id]);
      expect(rest).toContain(link.firstSeen);
    });
    expect(statement.query).toContain('WHERE size(ends) = size($ends)');
  });

  it('lay each record out in one row of values', () => {
    const statement = createNodes(location);
    const { rows } = statement.parameters(network.locations.slice(0, 3)) as { rows: unknown[][] };
    expect(rows.map((row) => row[0])).toEqual(network.locations.slice(0, 3).map((place) => place.id));
    expect(rows[0]).toContain(network.locations[0]?.name);
  });
});
