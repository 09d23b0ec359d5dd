import { z } from 'zod';
import { readConfigFile } from './operations-config.ts';

/** The three groups of a CSE screening tool, from least to most weighty. */
export const indicatorGroups = ['vulnerability', 'moderate', 'significant'] as const;
export type IndicatorGroup = (typeof indicatorGroups)[number];

const indicatorId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id in lower-case words joined by hyphens, e.g. "missing-regularly"');
const months = z.int().min(1).max(120);
const factor = z.number().min(0).max(1);
const group = z.object({ label: z.string().min(1).max(100), weight: z.number().min(0).max(100) }).strict();

export const riskIndicatorSchema = z
  .object({
    id: indicatorId,
    label: z.string().min(1).max(200),
    group: z.enum(indicatorGroups),
    description: z.string().max(500).optional(),
  })
  .strict();
export type RiskIndicator = z.infer<typeof riskIndicatorSchema>;

export const riskIndicatorsSchema = z
  .object({
    description: z.string().optional(),
    groups: z.object({ vulnerability: group, moderate: group, significant: group }).strict(),
    recency: z
      .object({
        bands: z
          .array(z.object({ withinMonths: months, factor }).strict())
          .min(1)
          .max(10)
          .refine(
            (bands) => bands.every((band, i) => i === 0 || band.withinMonths > (bands[i - 1]?.withinMonths ?? 0)),
            {
              message: 'bands must be in order of withinMonths, each longer than the one before',
            },
          ),
        olderFactor: factor,
      })
      .strict(),
    thresholds: z.object({ level2: z.number().positive(), level3: z.number().positive() }).strict(),
    missingEpisodes: z
      .object({
        occasionalIndicator: indicatorId,
        regularIndicator: indicatorId,
        regularCount: z.int().min(2).max(50),
        regularWithinMonths: months,
      })
      .strict(),
    knownPerpetratorContact: z.object({ indicator: indicatorId }).strict().nullable(),
    cafReferral: z
      .object({ actionWhat: z.string().min(1).max(1000), actionDueWorkingDays: z.int().min(1).max(60) })
      .strict(),
    indicators: z.array(riskIndicatorSchema).min(1).max(100),
  })
  .strict()
  .superRefine((config, context) => {
    const ids = new Set<string>();
    config.indicators.forEach((indicator, index) => {
      if (ids.has(indicator.id)) {
        context.addIssue({
          code: 'custom',
          path: ['indicators', index, 'id'],
          message: `${indicator.id} is listed twice`,
        });
      }
      ids.add(indicator.id);
    });
    if (config.thresholds.level3 <= config.thresholds.level2) {
      context.addIssue({ code: 'custom', path: ['thresholds', 'level3'], message: 'level3 must be above level2' });
    }
    const named: [string[], string | undefined][] = [
      [['missingEpisodes', 'occasionalIndicator'], config.missingEpisodes.occasionalIndicator],
      [['missingEpisodes', 'regularIndicator'], config.missingEpisodes.regularIndicator],
      [['knownPerpetratorContact', 'indicator'], config.knownPerpetratorContact?.indicator],
    ];
    for (const [path, id] of named) {
      if (id !== undefined && !ids.has(id)) {
        context.addIssue({ code: 'custom', path, message: `${id} is not one of the listed indicators` });
      }
    }
  });
export type RiskIndicatorsConfig = z.infer<typeof riskIndicatorsSchema>;

export const riskIndicatorsFile = 'risk-indicators.json';

let riskIndicators: RiskIndicatorsConfig | undefined;

/** The indicator list and the scoring that suggests a level from it; a broken file stops the server, naming the field. */
export function loadRiskIndicators(directory?: string): RiskIndicatorsConfig {
  if (directory) return readConfigFile(riskIndicatorsFile, riskIndicatorsSchema, directory);
  riskIndicators ??= readConfigFile(riskIndicatorsFile, riskIndicatorsSchema);
  return riskIndicators;
}
