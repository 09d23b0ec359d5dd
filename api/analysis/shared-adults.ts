import type { Visibility } from '../auth/viewer.ts';
import { type AnalysisFilters, countedTiesOf, countingRules } from './filters.ts';
import { isoDay, type Mirror, PERSON_OF_INTEREST, YOUNG_PERSON } from './mirror/mirror.ts';
import { byLevelThenCaption, type LinkEvidence, sortLinks, summarise } from './summary.ts';
import { freshTallies, type Kept, type Tally, touchAround } from './tallies.ts';
import { byId, TopK } from './top.ts';

export interface SharedAdultsOptions extends AnalysisFilters {
  minYoungPeople: number;
  memberLimit: number;
  limit: number;
}

interface Candidate {
  adult: number;
  id: string;
  youngPeople: number;
  levelScore: number;
  lastSeen: number;
}

const ranking = (a: Candidate, b: Candidate) =>
  b.youngPeople - a.youngPeople || b.levelScore - a.levelScore || b.lastSeen - a.lastSeen || byId(a.id, b.id);

const [YOUNG_PEOPLE, LEVEL_SCORE, LAST_SEEN] = [0, 1, 2];

/** Each adult's young people (each once), the sum of their levels, and the last day a tie between them was seen. */
export const sharedAdultTally: Tally = {
  columns: 3,
  start: [0, 0, Number.NEGATIVE_INFINITY],
  count(mirror, ties, adult, row, marks, stamp) {
    if (mirror.label(adult) !== PERSON_OF_INTEREST || !ties.counts(adult)) return false;
    ties.forEachTie(
      adult,
      (youngPerson, l) => {
        row[LAST_SEEN] = Math.max(row[LAST_SEEN] as number, mirror.seen(l));
        if (marks[youngPerson] === stamp) return;
        marks[youngPerson] = stamp;
        row[YOUNG_PEOPLE] = (row[YOUNG_PEOPLE] as number) + 1;
        row[LEVEL_SCORE] = (row[LEVEL_SCORE] as number) + mirror.level(youngPerson);
      },
      YOUNG_PERSON,
    );
    return true;
  },
  // A link changes the numbers of the adult at either end; a record, its own and (a young person's level or
  // whether it counts) those of the adults tied to it.
  touched(mirror, changed, touch) {
    for (const l of changed.links) {
      touch(mirror.from(l));
      touch(mirror.to(l));
    }
    for (const n of changed.records) touchAround(mirror, n, touch);
  },
};

/**
 * Persons of interest linked to at least `minYoungPeople` young people, ranked by how many, then how high
 * their levels (the sum of 1, 2 or 3 for each), then how recently; each with its young people (highest
 * level first, up to `memberLimit`) and the links. `kept`, when given, holds the adults' numbers under the
 * same filters and the rows listed before (see tallies.ts); without it all is counted afresh.
 */
export function sharedAdults(mirror: Mirror, options: SharedAdultsOptions, visibility: Visibility, kept?: Kept) {
  const rules = countingRules(options, visibility);
  const { ranked, values, columns } = kept?.tallies ?? freshTallies(mirror, sharedAdultTally, rules);
  const top = new TopK<Candidate>(options.limit + 1, ranking);
  for (let adult = 0; adult < ranked.length; adult++) {
    if (ranked[adult] !== 1) continue;
    const at = adult * columns;
    const youngPeople = values[at + YOUNG_PEOPLE] as number;
    if (youngPeople < options.minYoungPeople) continue;
    top.offer({
      adult,
      id: mirror.recordId(adult),
      youngPeople,
      levelScore: values[at + LEVEL_SCORE] as number,
      lastSeen: values[at + LAST_SEEN] as number,
    });
  }
  const ties = countedTiesOf(mirror, rules);
  const countedTies = (adult: number, visit: (youngPerson: number, l: number) => void) =>
    ties.forEachTie(adult, visit, YOUNG_PERSON);

  const rows = top.sorted();
  const make = (row: Candidate) => {
    const linksTo = new Map<number, LinkEvidence[]>();
    countedTies(row.adult, (youngPerson, l) => {
      const links = linksTo.get(youngPerson) ?? [];
      links.push(mirror.evidence(l));
      linksTo.set(youngPerson, links);
    });
    return {
      adult: summarise(mirror.record(row.adult), visibility),
      youngPeopleCount: row.youngPeople,
      levelScore: row.levelScore,
      lastSeen: isoDay(row.lastSeen),
      youngPeople: [...linksTo]
        .map(([youngPerson, links]) => ({
          ...summarise(mirror.record(youngPerson), visibility),
          links: sortLinks(links),
        }))
        .sort(byLevelThenCaption)
        .slice(0, options.memberLimit),
    };
  };
  const page = rows.slice(0, options.limit);
  return {
    items: kept?.rows ? kept.rows(page, (row) => row.adult, make) : page.map(make),
    truncated: rows.length > options.limit,
  };
}
