import type { Visibility } from '../auth/viewer.ts';
import { type AnalysisFilters, countedNetwork, countingRules } from './filters.ts';
import { EVENT, isoDay, LOCATION, type Mirror, PERSON_OF_INTEREST, YOUNG_PERSON } from './mirror/mirror.ts';
import { type EntitySummary, type LinkEvidence, sortLinks, summarise } from './summary.ts';
import { byId, TopK } from './top.ts';

export interface TrianglesOptions extends AnalysisFilters {
  minLevel: number;
  linkedOnly: boolean;
  observedOnly: boolean;
  hubLimit: number;
  limit: number;
}

/** A record at the end of one of an event's counted links. */
interface End {
  record: number;
  l: number;
}

interface Triangle {
  youngPerson: number;
  adult: number;
  location: number;
  level: number;
  seen: number;
  /** The events that observed it: the young person and the adult both involved in one event there. */
  events: number[];
  /** Their INVOLVED_IN and HAPPENED_AT links. */
  eventLinks: number[];
}

/**
 * PAT triangles: a young person and a person of interest both tied to one location, ranked by the young
 * person's level, then by recency. A triangle is as recent as the older of its two sides. A place with more
 * than `hubLimit` links the viewer may see (a shopping centre, a station) is left out: its triangles are
 * every visitor times every other, which says little and costs much; hotspots rank such places instead.
 * A triangle observed in an event (both involved in one event that happened there) is kept wherever it
 * happened, and names its events: it is the strongest evidence of all.
 */
export function triangles(mirror: Mirror, options: TrianglesOptions, visibility: Visibility) {
  const rules = countingRules(options, visibility);
  const network = countedNetwork(mirror, rules);
  const { offsets, other, link } = mirror.adjacency();
  const id = (n: number) => mirror.recordId(n);
  const top = new TopK<Triangle>(
    options.limit + 1,
    (a, b) =>
      b.level - a.level ||
      b.seen - a.seen ||
      byId(id(a.youngPerson), id(b.youngPerson)) ||
      byId(id(a.adult), id(b.adult)) ||
      byId(id(a.location), id(b.location)),
  );

  /** The counted links between two records, found from the end with fewer links. */
  const linksBetween = (x: number, y: number): number[] => {
    const [from, to] =
      (offsets[x + 1] as number) - (offsets[x] as number) <= (offsets[y + 1] as number) - (offsets[y] as number)
        ? [x, y]
        : [y, x];
    const found: number[] = [];
    for (let a = offsets[from] as number; a < (offsets[from + 1] as number); a++) {
      if (other[a] === to && network.links[link[a] as number] === 1) found.push(link[a] as number);
    }
    return found;
  };

  const key = (youngPerson: number, adult: number, location: number) => `${youngPerson} ${adult} ${location}`;
  const observed = new Map<string, Triangle>();
  for (let event = 0; event < mirror.recordSlots; event++) {
    if (mirror.label(event) !== EVENT || network.records[event] !== 1) continue;
    const ends = { places: [] as End[], youngPeople: [] as End[], adults: [] as End[] };
    network.forEachTie(event, (record, l) => {
      const label = mirror.label(record);
      if (label === LOCATION) ends.places.push({ record, l });
      else if (label === YOUNG_PERSON) ends.youngPeople.push({ record, l });
      else if (label === PERSON_OF_INTEREST) ends.adults.push({ record, l });
    });
    for (const place of ends.places) {
      for (const child of ends.youngPeople) {
        const level = mirror.level(child.record);
        if (level < options.minLevel) continue;
        for (const adult of ends.adults) {
          const seen = Math.min(mirror.seen(child.l), mirror.seen(adult.l), mirror.seen(place.l));
          const at = key(child.record, adult.record, place.record);
          const triangle = observed.get(at) ?? {
            youngPerson: child.record,
            adult: adult.record,
            location: place.record,
            level,
            seen,
            events: [],
            eventLinks: [],
          };
          triangle.seen = Math.max(triangle.seen, seen);
          triangle.events.push(event);
          triangle.eventLinks.push(child.l, adult.l, place.l);
          observed.set(at, triangle);
        }
      }
    }
  }

  // Per location: the latest sighting of each counted young person and adult there, in reused scratch.
  const latest = new Float64Array(mirror.recordSlots);
  const stamp = new Int32Array(mirror.recordSlots).fill(-1);
  let skippedHubs = 0;
  for (let location = 0; location < mirror.recordSlots; location++) {
    if (mirror.label(location) !== LOCATION || network.records[location] !== 1) continue;
    let visible = 0;
    for (let a = offsets[location] as number; a < (offsets[location + 1] as number); a++) {
      if (rules.policeIntelligence || !mirror.linkPoliceOnlyAt(link[a] as number)) visible += 1;
    }
    if (visible > options.hubLimit) {
      skippedHubs += 1;
      continue;
    }
    const youngPeople: number[] = [];
    const adults: number[] = [];
    network.forEachTie(location, (person, l) => {
      const label = mirror.label(person);
      if (label !== YOUNG_PERSON && label !== PERSON_OF_INTEREST) return;
      if (stamp[person] !== location) {
        stamp[person] = location;
        latest[person] = mirror.seen(l);
        if (label === YOUNG_PERSON) youngPeople.push(person);
        else adults.push(person);
      } else {
        latest[person] = Math.max(latest[person] as number, mirror.seen(l));
      }
    });
    for (const youngPerson of youngPeople) {
      const level = mirror.level(youngPerson);
      if (level < options.minLevel) continue;
      for (const adult of adults) {
        const seen = Math.min(latest[youngPerson] as number, latest[adult] as number);
        const inEvent = observed.size ? observed.get(key(youngPerson, adult, location)) : undefined;
        if (inEvent) {
          // Offered with the events that observed it, below.
          inEvent.seen = Math.max(inEvent.seen, seen);
          continue;
        }
        if (options.observedOnly) continue;
        const triangle = { youngPerson, adult, location, level, seen, events: [], eventLinks: [] };
        if (!top.wouldKeep(triangle)) continue;
        if (options.linkedOnly && linksBetween(youngPerson, adult).length === 0) continue;
        top.offer(triangle);
      }
    }
  }

  for (const triangle of observed.values()) {
    if (options.linkedOnly && linksBetween(triangle.youngPerson, triangle.adult).length === 0) continue;
    top.offer(triangle);
  }

  const evidence = (x: number, y: number): LinkEvidence[] =>
    sortLinks(linksBetween(x, y).map((l) => mirror.evidence(l)));
  const events = (slots: number[]): EntitySummary[] =>
    [...new Set(slots)]
      .map((event) => summarise(mirror.record(event), visibility))
      .sort((a, b) => (b.occurredOn ?? '').localeCompare(a.occurredOn ?? '') || byId(a.id, b.id));
  const rows = top.sorted();
  return {
    items: rows.slice(0, options.limit).map((row) => {
      const directLinks = evidence(row.youngPerson, row.adult);
      return {
        youngPerson: summarise(mirror.record(row.youngPerson), visibility),
        adult: summarise(mirror.record(row.adult), visibility),
        location: summarise(mirror.record(row.location), visibility),
        lastSeen: isoDay(row.seen),
        linked: directLinks.length > 0,
        youngPersonLinks: evidence(row.youngPerson, row.location),
        adultLinks: evidence(row.adult, row.location),
        directLinks,
        events: events(row.events),
        eventLinks: sortLinks([...new Set(row.eventLinks)].map((l) => mirror.evidence(l))),
      };
    }),
    truncated: rows.length > options.limit,
    skippedHubs,
  };
}
