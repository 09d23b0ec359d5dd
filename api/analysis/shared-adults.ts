import type { Visibility } from '../auth/viewer.ts';
import { type AnalysisFilters, countedNetwork, countingRules } from './filters.ts';
import { isoDay, type Mirror, PERSON_OF_INTEREST, YOUNG_PERSON } from './mirror/mirror.ts';
import { byLevelThenCaption, type LinkEvidence, sortLinks, summarise } from './summary.ts';
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

/**
 * Persons of interest linked to at least `minYoungPeople` young people, ranked by how many, then how high
 * their levels (the sum of 1, 2 or 3 for each), then how recently; each with its young people (highest
 * level first, up to `memberLimit`) and the links.
 */
export function sharedAdults(mirror: Mirror, options: SharedAdultsOptions, visibility: Visibility) {
  const network = countedNetwork(mirror, countingRules(options, visibility));
  // counted[y] === adult once that adult's young person y has been counted, so each counts once.
  const counted = new Int32Array(mirror.recordSlots).fill(-1);
  const top = new TopK<Candidate>(options.limit + 1, ranking);

  const countedTies = (adult: number, visit: (youngPerson: number, l: number) => void) =>
    network.forEachTie(adult, visit, YOUNG_PERSON);

  for (let adult = 0; adult < mirror.recordSlots; adult++) {
    if (mirror.label(adult) !== PERSON_OF_INTEREST || network.records[adult] !== 1) continue;
    let youngPeople = 0;
    let levelScore = 0;
    let lastSeen = Number.NEGATIVE_INFINITY;
    countedTies(adult, (youngPerson, l) => {
      lastSeen = Math.max(lastSeen, mirror.seen(l));
      if (counted[youngPerson] === adult) return;
      counted[youngPerson] = adult;
      youngPeople += 1;
      levelScore += mirror.level(youngPerson);
    });
    if (youngPeople >= options.minYoungPeople) {
      top.offer({ adult, id: mirror.recordId(adult), youngPeople, levelScore, lastSeen });
    }
  }

  const rows = top.sorted();
  return {
    items: rows.slice(0, options.limit).map((row) => {
      const ties = new Map<number, LinkEvidence[]>();
      countedTies(row.adult, (youngPerson, l) => {
        const links = ties.get(youngPerson) ?? [];
        links.push(mirror.evidence(l));
        ties.set(youngPerson, links);
      });
      return {
        adult: summarise(mirror.record(row.adult), visibility),
        youngPeopleCount: row.youngPeople,
        levelScore: row.levelScore,
        lastSeen: isoDay(row.lastSeen),
        youngPeople: [...ties]
          .map(([youngPerson, links]) => ({
            ...summarise(mirror.record(youngPerson), visibility),
            links: sortLinks(links),
          }))
          .sort(byLevelThenCaption)
          .slice(0, options.memberLimit),
      };
    }),
    truncated: rows.length > options.limit,
  };
}
