import type { Visibility } from '../auth/viewer.ts';
import { type AnalysisFilters, type CountedTies, countedTiesOf, countingRules } from './filters.ts';
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
import { freshTallies, type Kept, type Tally, touchAround } from './tallies.ts';
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

const isPerson = (mirror: Mirror, n: number) =>
  mirror.label(n) === YOUNG_PERSON || mirror.label(n) === PERSON_OF_INTEREST;

/** Each person tied to the location, through the link that ties them (for an event: their INVOLVED_IN). */
function forEachVisit(
  mirror: Mirror,
  ties: CountedTies,
  location: number,
  visit: (person: number, l: number) => void,
  onEvent?: () => void,
): void {
  ties.forEachTie(location, (record, l) => {
    if (isPerson(mirror, record)) {
      visit(record, l);
    } else if (mirror.label(record) === EVENT) {
      onEvent?.();
      ties.forEachTie(record, (person, involved) => {
        if (isPerson(mirror, person)) visit(person, involved);
      });
    }
  });
}

const [YOUNG_PEOPLE, ADULTS, EVENTS, LAST_SEEN] = [0, 1, 2, 3];

/** Each location's young people and adults (each once), its events, and the last day one of them was seen there. */
export const hotspotTally: Tally = {
  columns: 4,
  start: [0, 0, 0, Number.NEGATIVE_INFINITY],
  count(mirror, ties, location, row, marks, stamp) {
    if (mirror.label(location) !== LOCATION || !ties.counts(location)) return false;
    forEachVisit(
      mirror,
      ties,
      location,
      (person, l) => {
        row[LAST_SEEN] = Math.max(row[LAST_SEEN] as number, mirror.seen(l));
        if (marks[person] === stamp) return;
        marks[person] = stamp;
        const column = mirror.label(person) === YOUNG_PERSON ? YOUNG_PEOPLE : ADULTS;
        row[column] = (row[column] as number) + 1;
      },
      () => {
        row[EVENTS] = (row[EVENTS] as number) + 1;
      },
    );
    return true;
  },
  // A location's numbers read its ties, its events' ties, and whether the people and events at the far
  // ends count: a link changes those of a location at either end or at an event at either end; a record,
  // those of the locations within reach of it through at most one event.
  touched(mirror, changed, touch) {
    const touchEnd = (n: number) => {
      if (mirror.label(n) === EVENT) touchAround(mirror, n, touch);
      else touch(n);
    };
    for (const l of changed.links) {
      touchEnd(mirror.from(l));
      touchEnd(mirror.to(l));
    }
    for (const n of changed.records) touchAround(mirror, n, touchEnd);
  },
};

/**
 * Locations ranked by the young people and adults tied to them — by a link (frequents, seen at, lives at)
 * or by being involved in an event that happened there — then by how recently; each with the people who
 * meet there, most recent first, and how many events happened there. `kept`, when given, holds the locations' numbers
 * under the same filters and the rows listed before (see tallies.ts); without it all is counted afresh.
 */
export function hotspots(mirror: Mirror, options: HotspotsOptions, visibility: Visibility, kept?: Kept) {
  const rules = countingRules(options, visibility);
  const { ranked, values, columns } = kept?.tallies ?? freshTallies(mirror, hotspotTally, rules);
  const top = new TopK<Candidate>(options.limit + 1, ranking);
  for (let location = 0; location < ranked.length; location++) {
    if (ranked[location] !== 1) continue;
    const at = location * columns;
    const youngPeople = values[at + YOUNG_PEOPLE] as number;
    const adults = values[at + ADULTS] as number;
    if (youngPeople < options.minYoungPeople || youngPeople + adults < options.minPeople) continue;
    top.offer({
      location,
      id: mirror.recordId(location),
      youngPeople,
      adults,
      events: values[at + EVENTS] as number,
      lastSeen: values[at + LAST_SEEN] as number,
    });
  }
  const ties = countedTiesOf(mirror, rules);
  const countedTies = (location: number, visit: (person: number, l: number) => void) =>
    forEachVisit(mirror, ties, location, visit);

  const rows = top.sorted();
  const make = (row: Candidate) => {
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
  };
  const page = rows.slice(0, options.limit);
  return {
    items: kept?.rows ? kept.rows(page, (row) => row.location, make) : page.map(make),
    truncated: rows.length > options.limit,
  };
}
