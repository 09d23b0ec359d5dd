import type { RiskIndicator, RiskIndicatorsConfig } from '../config/risk-indicators.ts';
import { addMonths } from '../levels/review-due.ts';

/**
 * The level a risk assessment suggests, as a pure function of the indicators present and the configuration
 * (graph-schema/config/risk-indicators.json):
 *
 * - each indicator present counts its group's weight (vulnerability 1, moderate 2, significant 5 by default)
 *   times a recency factor: last seen within the first band's months of the assessment date counts fully, then
 *   less with each band (half within 6 months, a quarter within 12), and `olderFactor` (0.1) beyond;
 * - logged missing episodes count as the missing indicators even when not ticked: `regularCount` (3) episodes
 *   within `regularWithinMonths` (3) make "regularly missing" (last seen: the latest episode of such a run),
 *   any episode makes "occasionally missing" (last seen: the latest episode); of the two only the weightier counts;
 * - a link in the network to an adult flagged as a known perpetrator counts as "contact with known perpetrators"
 *   (last seen: the newest such link);
 * - the sum suggests level 3 at or above `thresholds.level3`, level 2 at or above `thresholds.level2`, else 1.
 *
 * The reasons say all of that in plain sentences, the verdict first.
 */

export type SuggestedLevel = 1 | 2 | 3;

export interface SuggestionInput {
  assessedOn: string;
  /** What the assessor ticked: indicator ids from the configuration, each with when it was last seen. */
  indicators: readonly { indicator: string; lastSeen: string }[];
  /** The day each logged missing episode began (Event.occurredOn); any after the assessment date is ignored. */
  missingEpisodes?: readonly string[];
  /** For each adult flagged as a known perpetrator linked to the young person, when that contact was last seen. */
  knownPerpetratorContacts?: readonly string[];
}

export type IndicatorSource = 'assessment' | 'missing-episodes' | 'network';

export interface CountedIndicator {
  indicator: string;
  label: string;
  group: RiskIndicator['group'];
  lastSeen: string;
  sources: IndicatorSource[];
  /** The recency factor applied to the group's weight. */
  factor: number;
  points: number;
  /** False when a weightier indicator of the same family (the missing ones) counted instead. */
  counted: boolean;
}

export interface LevelSuggestion {
  suggestedLevel: SuggestedLevel;
  suggestionReasons: string[];
  score: number;
  indicators: CountedIndicator[];
}

const groupOrder = ['significant', 'moderate', 'vulnerability'] as const;
const groupNoun = {
  significant: 'significant indicator',
  moderate: 'moderate indicator',
  vulnerability: 'vulnerability',
};

const maxDate = (dates: readonly string[]): string => [...dates].sort().at(-1) ?? '';
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const nounFor = (count: number, group: RiskIndicator['group']) =>
  group === 'vulnerability'
    ? count === 1
      ? '1 vulnerability'
      : `${count} vulnerabilities`
    : plural(count, groupNoun[group]);
const number = (value: number) => String(Math.round(value * 100) / 100);
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text);
const quoted = (indicator: RiskIndicator) => `"${indicator.label}"`;

/** The recency band a last-seen date falls in: its index (bands.length for older than all) and factor. */
function recencyOf(lastSeen: string, assessedOn: string, config: RiskIndicatorsConfig) {
  const { bands, olderFactor } = config.recency;
  const index = bands.findIndex((band) => lastSeen >= addMonths(assessedOn, -band.withinMonths));
  return index === -1 ? { index: bands.length, factor: olderFactor } : { index, factor: bands[index]?.factor ?? 0 };
}

function bandPhrase(index: number, config: RiskIndicatorsConfig): string {
  const { bands } = config.recency;
  const band = bands[index];
  if (index === 0 && band) return `seen in the last ${plural(band.withinMonths, 'month')}`;
  if (band) return `last seen ${bands[index - 1]?.withinMonths}–${band.withinMonths} months before the assessment`;
  return `last seen over ${bands.at(-1)?.withinMonths} months before the assessment`;
}

/** The latest episode that ends a run of `regularCount` episodes within `regularWithinMonths`, if any. */
function latestRegularRun(episodes: readonly string[], config: RiskIndicatorsConfig): string | undefined {
  const { regularCount, regularWithinMonths } = config.missingEpisodes;
  const sorted = [...episodes].sort().reverse();
  return sorted.find((end) => {
    const from = addMonths(end, -regularWithinMonths);
    return sorted.filter((day) => day <= end && day > from).length >= regularCount;
  });
}

export function suggestLevel(input: SuggestionInput, config: RiskIndicatorsConfig): LevelSuggestion {
  const byId = new Map(config.indicators.map((indicator) => [indicator.id, indicator]));
  const present = new Map<string, { lastSeen: string; sources: IndicatorSource[] }>();
  const add = (id: string, lastSeen: string, source: IndicatorSource) => {
    if (!byId.has(id)) throw new Error(`Unknown risk indicator ${id}`);
    const seen = present.get(id);
    if (!seen) present.set(id, { lastSeen, sources: [source] });
    else {
      seen.lastSeen = maxDate([seen.lastSeen, lastSeen]);
      if (!seen.sources.includes(source)) seen.sources.push(source);
    }
  };
  const ticked = new Set(input.indicators.map((item) => item.indicator));
  for (const item of input.indicators) add(item.indicator, item.lastSeen, 'assessment');

  const derivedReasons: string[] = [];
  const notTicked = (id: string) => (ticked.has(id) ? '' : ', though the assessment did not tick it');

  const episodes = (input.missingEpisodes ?? []).filter((day) => day <= input.assessedOn);
  if (episodes.length) {
    const { occasionalIndicator, regularIndicator, regularCount, regularWithinMonths } = config.missingEpisodes;
    const latest = maxDate(episodes);
    const regularEnd = latestRegularRun(episodes, config);
    if (regularEnd) {
      add(regularIndicator, regularEnd, 'missing-episodes');
      derivedReasons.push(
        `${plural(episodes.length, 'logged missing episode')} (the latest on ${latest}), at least ${regularCount} ` +
          `of them within ${plural(regularWithinMonths, 'month')} up to ${regularEnd}: counted as ` +
          `${quoted(byId.get(regularIndicator) as RiskIndicator)}${notTicked(regularIndicator)}.`,
      );
    }
    // After a regular run, one more recent episode is still worth weighing on its own: it may count for more.
    if (!regularEnd || latest > regularEnd) add(occasionalIndicator, latest, 'missing-episodes');
    if (!regularEnd) {
      derivedReasons.push(
        `${plural(episodes.length, 'logged missing episode')} (the latest on ${latest}): counted as ` +
          `${quoted(byId.get(occasionalIndicator) as RiskIndicator)}${notTicked(occasionalIndicator)}.`,
      );
    }
  }

  const contacts = (input.knownPerpetratorContacts ?? []).filter((day) => day <= input.assessedOn);
  const contactIndicator = config.knownPerpetratorContact?.indicator;
  if (contactIndicator && contacts.length) {
    const latest = maxDate(contacts);
    add(contactIndicator, latest, 'network');
    derivedReasons.push(
      `Linked in the network to ${plural(contacts.length, 'adult')} flagged as a known perpetrator ` +
        `(last seen ${latest}): counted as ${quoted(byId.get(contactIndicator) as RiskIndicator)}${notTicked(contactIndicator)}.`,
    );
  }

  const counted: CountedIndicator[] = [...present].map(([id, seen]) => {
    const indicator = byId.get(id) as RiskIndicator;
    const { factor } = recencyOf(seen.lastSeen, input.assessedOn, config);
    return {
      indicator: id,
      label: indicator.label,
      group: indicator.group,
      lastSeen: seen.lastSeen,
      sources: seen.sources,
      factor,
      points: config.groups[indicator.group].weight * factor,
      counted: true,
    };
  });

  // Occasionally and regularly missing describe one behaviour: only the weightier counts.
  const missingFamily = [config.missingEpisodes.occasionalIndicator, config.missingEpisodes.regularIndicator];
  const family = counted.filter((item) => missingFamily.includes(item.indicator));
  if (family.length === 2) {
    const [weaker, stronger] = [...family].sort((a, b) => a.points - b.points || (a.group === 'significant' ? 1 : -1));
    if (weaker && stronger) {
      weaker.counted = false;
      weaker.points = 0;
      derivedReasons.push(`"${stronger.label}" and "${weaker.label}" describe one behaviour: only the first counts.`);
    }
  }

  const score = counted.reduce((sum, item) => sum + item.points, 0);
  const { level2, level3 } = config.thresholds;
  const suggestedLevel: SuggestedLevel = score >= level3 ? 3 : score >= level2 ? 2 : 1;

  const groupReasons: string[] = [];
  for (const group of groupOrder) {
    const inGroup = counted.filter((item) => item.group === group && item.counted);
    const bands = [...new Set(inGroup.map((item) => recencyOf(item.lastSeen, input.assessedOn, config).index))].sort();
    for (const band of bands) {
      const items = inGroup.filter((item) => recencyOf(item.lastSeen, input.assessedOn, config).index === band);
      const factor = items[0]?.factor ?? 1;
      const weighting = factor === 1 ? '' : `, counted at ${number(factor * 100)}%`;
      groupReasons.push(
        `${nounFor(items.length, group)} ${bandPhrase(band, config)}${weighting}: ` +
          `${items.map((item) => lowerFirst(item.label)).join('; ')}.`,
      );
    }
  }

  const verdict =
    `Level ${suggestedLevel} suggested: a score of ${number(score)} ` +
    `(level 2 from ${number(level2)}, level 3 from ${number(level3)}).`;
  const none = counted.length ? [] : ['No risk indicators present.'];
  const sentence = (text: string) => text[0]?.toUpperCase() + text.slice(1);
  return {
    suggestedLevel,
    suggestionReasons: [verdict, ...none, ...groupReasons.map(sentence), ...derivedReasons],
    score,
    indicators: counted,
  };
}
