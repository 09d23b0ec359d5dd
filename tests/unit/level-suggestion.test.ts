import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../api/operations/assessments/caf-referral.ts';
import { suggestLevel } from '../../api/operations/assessments/level-suggestion.ts';
import { configDirectory } from '../../api/operations/config/operations-config.ts';
import { loadRiskIndicators, riskIndicatorsFile } from '../../api/operations/config/risk-indicators.ts';

const config = loadRiskIndicators();
const assessedOn = '2026-11-30';
const seen = (indicator: string, lastSeen = '2026-11-20') => ({ indicator, lastSeen });

describe('the shipped indicator list', () => {
  it('has the three groups and the indicators from the level descriptions', () => {
    const ids = config.indicators.map((i) => i.id);
    for (const id of [
      'missing-occasionally',
      'missing-regularly',
      'beginning-to-truant',
      'older-boyfriend',
      'unexplained-gifts',
      'drug-alcohol-use',
      'places-of-concern',
      'vulnerable-peers',
      'violence-intimidation-fear',
      'sexualised-risk-taking',
      'contact-known-perpetrators',
      'entrenched-abusive-relationship',
      'swapping-sex',
      'problem-drug-alcohol-use',
    ]) {
      expect(ids).toContain(id);
    }
    expect(new Set(config.indicators.map((i) => i.group))).toEqual(
      new Set(['vulnerability', 'moderate', 'significant']),
    );
  });
});

describe('suggestLevel on known indicator sets', () => {
  it('suggests level 1 with nothing present, and says so', () => {
    const result = suggestLevel({ assessedOn, indicators: [] }, config);
    expect(result.suggestedLevel).toBe(1);
    expect(result.score).toBe(0);
    expect(result.suggestionReasons).toEqual([
      'Level 1 suggested: a score of 0 (level 2 from 5, level 3 from 10).',
      'No risk indicators present.',
    ]);
  });

  it('suggests level 1 for two recent moderate indicators (2 + 2 = 4)', () => {
    const result = suggestLevel(
      { assessedOn, indicators: [seen('beginning-to-truant'), seen('unexplained-gifts')] },
      config,
    );
    expect(result).toMatchObject({ suggestedLevel: 1, score: 4 });
    expect(result.suggestionReasons[1]).toBe(
      '2 moderate indicators seen in the last 3 months: beginning to truant, or excluded from school; unexplained gifts, money, phones or clothes.',
    );
  });

  it('suggests level 2 for one recent significant indicator (5)', () => {
    const result = suggestLevel({ assessedOn, indicators: [seen('violence-intimidation-fear')] }, config);
    expect(result).toMatchObject({ suggestedLevel: 2, score: 5 });
  });

  it('suggests level 3 for two recent significant indicators (10), naming them', () => {
    const result = suggestLevel(
      {
        assessedOn,
        indicators: [seen('contact-known-perpetrators'), seen('violence-intimidation-fear', '2026-09-01')],
      },
      config,
    );
    expect(result).toMatchObject({ suggestedLevel: 3, score: 10 });
    expect(result.suggestionReasons).toEqual([
      'Level 3 suggested: a score of 10 (level 2 from 5, level 3 from 10).',
      '2 significant indicators seen in the last 3 months: contact with known perpetrators; violence, intimidation and fear.',
    ]);
  });

  it('adds vulnerabilities at weight 1: three moderate and one vulnerability reach level 2 (7)', () => {
    const result = suggestLevel(
      {
        assessedOn,
        indicators: [seen('older-boyfriend'), seen('drug-alcohol-use'), seen('vulnerable-peers'), seen('looked-after')],
      },
      config,
    );
    expect(result).toMatchObject({ suggestedLevel: 2, score: 7 });
    expect(result.suggestionReasons).toContain(
      '1 vulnerability seen in the last 3 months: looked after, or leaving care.',
    );
  });
});

describe('recency', () => {
  it('counts an old significant indicator for less: half at 3-6 months, a quarter at 6-12, a tenth beyond', () => {
    const at = (lastSeen: string) =>
      suggestLevel({ assessedOn, indicators: [seen('swapping-sex', lastSeen)] }, config).score;
    expect(at('2026-08-30')).toBe(5);
    expect(at('2026-08-29')).toBe(2.5);
    expect(at('2026-05-30')).toBe(2.5);
    expect(at('2026-05-29')).toBe(1.25);
    expect(at('2025-11-29')).toBe(0.5);
  });

  it('drops two significant indicators from level 3 to level 2 when they are months old, and says at what weight', () => {
    const recent = suggestLevel(
      { assessedOn, indicators: [seen('swapping-sex'), seen('problem-drug-alcohol-use')] },
      config,
    );
    const old = suggestLevel(
      { assessedOn, indicators: [seen('swapping-sex', '2026-07-01'), seen('problem-drug-alcohol-use', '2026-07-01')] },
      config,
    );
    expect(recent.suggestedLevel).toBe(3);
    expect(old).toMatchObject({ suggestedLevel: 2, score: 5 });
    expect(old.suggestionReasons[1]).toBe(
      '2 significant indicators last seen 3–6 months before the assessment, counted at 50%: swapping sex for goods, money, drugs or accommodation; problem drug or alcohol use.',
    );
  });
});

describe('missing episodes and known perpetrators feed the suggestion', () => {
  it('counts one logged episode as occasionally missing even when not ticked', () => {
    const result = suggestLevel({ assessedOn, indicators: [], missingEpisodes: ['2026-11-01'] }, config);
    expect(result).toMatchObject({ suggestedLevel: 1, score: 2 });
    expect(result.indicators).toEqual([
      expect.objectContaining({
        indicator: 'missing-occasionally',
        lastSeen: '2026-11-01',
        sources: ['missing-episodes'],
      }),
    ]);
    expect(result.suggestionReasons).toContain(
      '1 logged missing episode (the latest on 2026-11-01): counted as "Occasionally missing from home or care", though the assessment did not tick it.',
    );
  });

  it('counts three episodes within three months as regularly missing, once, over the ticked occasional', () => {
    const result = suggestLevel(
      {
        assessedOn,
        indicators: [seen('missing-occasionally', '2026-10-01')],
        missingEpisodes: ['2026-09-10', '2026-10-15', '2026-11-25', '2027-01-01'],
      },
      config,
    );
    expect(result).toMatchObject({ suggestedLevel: 2, score: 5 });
    const counted = result.indicators.filter((i) => i.counted).map((i) => i.indicator);
    expect(counted).toEqual(['missing-regularly']);
    expect(result.suggestionReasons.join(' ')).toContain('3 logged missing episodes (the latest on 2026-11-25)');
    expect(result.suggestionReasons.join(' ')).toContain('only the first counts');
  });

  it('does not call episodes spread over a year regular', () => {
    const result = suggestLevel(
      { assessedOn, indicators: [], missingEpisodes: ['2026-01-10', '2026-05-15', '2026-11-25'] },
      config,
    );
    expect(result.indicators.map((i) => i.indicator)).toEqual(['missing-occasionally']);
  });

  it('counts a linked known perpetrator as contact, with the other indicators', () => {
    const result = suggestLevel(
      {
        assessedOn,
        indicators: [seen('violence-intimidation-fear')],
        knownPerpetratorContacts: ['2026-10-20', '2026-02-01'],
      },
      config,
    );
    expect(result).toMatchObject({ suggestedLevel: 3, score: 10 });
    expect(result.suggestionReasons).toContain(
      'Linked in the network to 2 adults flagged as a known perpetrator (last seen 2026-10-20): counted as "Contact with known perpetrators", though the assessment did not tick it.',
    );
  });

  it('takes the later of the ticked and the logged last-seen dates', () => {
    const result = suggestLevel(
      {
        assessedOn,
        indicators: [seen('contact-known-perpetrators', '2025-01-01')],
        knownPerpetratorContacts: ['2026-11-01'],
      },
      config,
    );
    expect(result.indicators[0]).toMatchObject({ lastSeen: '2026-11-01', sources: ['assessment', 'network'] });
    expect(result.score).toBe(5);
  });
});

describe('the configuration check', () => {
  const withChange = (change: (json: Record<string, unknown>) => void) => {
    const json = JSON.parse(readFileSync(path.join(configDirectory, riskIndicatorsFile), 'utf8'));
    change(json);
    const directory = mkdtempSync(path.join(tmpdir(), 'patmap-indicators-'));
    writeFileSync(path.join(directory, riskIndicatorsFile), JSON.stringify(json));
    return () => loadRiskIndicators(directory);
  };

  it('names the file and the field that is wrong', () => {
    const load = withChange((json) => {
      (json.indicators as Record<string, unknown>[])[2] = { id: 'x', label: 'X', group: 'severe' };
    });
    expect(load).toThrow(/risk-indicators\.json is not valid: indicators\.2\.group/);
  });

  it('refuses a duplicate id, thresholds out of order and a missing-episode indicator not listed', () => {
    expect(
      withChange((json) => {
        const list = json.indicators as { id: string }[];
        list.push({ ...(list[0] as { id: string }) });
      }),
    ).toThrow(/indicators\.\d+\.id: history-of-abuse is listed twice/);
    expect(withChange((json) => Object.assign(json, { thresholds: { level2: 5, level3: 4 } }))).toThrow(
      /thresholds\.level3/,
    );
    expect(
      withChange((json) => {
        (json.missingEpisodes as Record<string, unknown>).regularIndicator = 'missing-always';
      }),
    ).toThrow(/missingEpisodes\.regularIndicator: missing-always is not one of the listed indicators/);
  });

  it('names the file when it is not JSON', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'patmap-indicators-'));
    writeFileSync(path.join(directory, riskIndicatorsFile), '{ "groups": ');
    expect(() => loadRiskIndicators(directory)).toThrow(/risk-indicators\.json could not be read as JSON/);
  });
});

describe('the CAF action due date', () => {
  it('counts working days, Monday to Friday', () => {
    expect(addWorkingDays('2026-12-01', 10)).toBe('2026-12-15');
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-05', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-06', 10)).toBe('2026-12-18');
  });
});
