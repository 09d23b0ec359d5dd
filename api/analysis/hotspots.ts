import type { Visibility } from '../auth/viewer.ts';
import { type AnalysisFilters, countedNetwork, countingRules } from './filters.ts';
import {
  EVENT,
  isoDay,
  LOCATION,
  type Mirror,
  mirrorTypes,
  PERSON_OF_INTEREST,
  YOUNG_PERSON,
} from './mirror/mirror.ts';
import { summarise } from './summary.ts';
import { byId, TopK } from './top.ts';

export interface HotspotsOptions extends AnalysisFilters {
  minYoungPeople: number;
  minPeople: number;
  memberLimit: number;
  limit: number;
}

interface Candidate {
  location: number;
  id: string;
  youngPeople: number;
  adults: number;
  events: number;
  lastSeen: number;
}

const ranking = (a: Candidate, b: Candidate) =>
  b.youngPeople + b.adults - (a.youngPeople + a.adults) ||
  b.youngPeople - a.youngPeople ||
  b.lastSeen - a.lastSeen ||
  byId(a.id, b.id);

interface Visitor {
  person: number;
  id: string;
  types: Set<number>;
  seen: number;
}

/**
 * Locations ranked by the young people and adults tied to them — by a link (frequents, seen at, lives at)
 * or by being involved in an event that happened there — then by how recently; each with the people who
 * meet there, most recent first, and how many events happened there.
 */
export function hotspots(mirror: Mirror, options: HotspotsOptions, visibility: Visibility) {
  const network = countedNetwork(mirror, countingRules(options, visibility));
  const counted = new Int32Array(mirror.recordSlots).fill(-1);
  const top = new TopK<Candidate>(options.limit + 1, ranking);

  const isPerson = (n: number) => mirror.label(n) === YOUNG_PERSON || mirror.label(n) === PERSON_OF_INTEREST;
  /** Each person tied to the location, through the link that ties them (for an event: their INVOLVED_IN). */
  const countedTies = (location: number, visit: (person: number, l: number) => void, onEvent?: () => void) =>
    network.forEachTie(location, (record, l) => {
      if (isPerson(record)) {
        visit(record, l);
      } else if (mirror.label(record) === EVENT) {
        onEvent?.();
        network.forEachTie(record, (person, involved) => {
          if (isPerson(person)) visit(person, involved);
        });
      }
    });

  for (let location = 0; location < mirror.recordSlots; location++) {
    if (mirror.label(location) !== LOCATION || network.records[location] !== 1) continue;
    let youngPeople = 0;
    let adults = 0;
    let events = 0;
    let lastSeen = Number.NEGATIVE_INFINITY;
    countedTies(
      location,
      (person, l) => {
        lastSeen = Math.max(lastSeen, mirror.seen(l));
        if (counted[person] === location) return;
        counted[person] = location;
        if (mirror.label(person) === YOUNG_PERSON) youngPeople += 1;
        else adults += 1;
      },
      () => {
        events += 1;
      },
    );
    if (youngPeople >= options.minYoungPeople && youngPeople + adults >= options.minPeople) {
      top.offer({ location, id: mirror.recordId(location), youngPeople, adults, events, lastSeen });
    }
  }

  const rows = top.sorted();
  return {
    items: rows.slice(0, options.limit).map((row) => {
      const visitors = new Map<number, Visitor>();
      countedTies(row.location, (person, l) => {
        const visitor = visitors.get(person) ?? {
          person,
          id: mirror.recordId(person),
          types: new Set(),
          seen: -Infinity,
        };
        visitor.types.add(mirror.type(l));
        visitor.seen = Math.max(visitor.seen, mirror.seen(l));
        visitors.set(person, visitor);
      });
      const listed = (label: number) =>
        [...visitors.values()]
          .filter((visitor) => mirror.label(visitor.person) === label)
          .sort((a, b) => b.seen - a.seen || byId(a.id, b.id))
          .slice(0, options.memberLimit)
          .map((visitor) => ({
            ...summarise(mirror.record(visitor.person), visibility),
            ties: [...visitor.types].map((type) => mirrorTypes[type] as string).sort(),
            lastSeen: isoDay(visitor.seen),
          }));
      return {
        location: summarise(mirror.record(row.location), visibility),
        youngPeopleCount: row.youngPeople,
        adultCount: row.adults,
        eventCount: row.events,
        lastSeen: isoDay(row.lastSeen),
        youngPeople: listed(YOUNG_PERSON),
        adults: listed(PERSON_OF_INTEREST),
      };
    }),
    truncated: rows.length > options.limit,
  };
}
