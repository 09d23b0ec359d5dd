import { z } from 'zod';
import { readConfigFile } from '../config/operations-config.ts';

export const strategicReportConfigSchema = z.object({
  description: z.string().optional(),
  suppressBelow: z.int().min(2).max(100),
  maxMonths: z.int().min(1).max(120),
});
export type StrategicReportConfig = z.infer<typeof strategicReportConfigSchema>;

let strategicReportConfig: StrategicReportConfig | undefined;

/** graph-schema/config/strategic-report.json: the suppression threshold and the longest period. */
export function loadStrategicReportConfig(): StrategicReportConfig {
  strategicReportConfig ??= readConfigFile('strategic-report.json', strategicReportConfigSchema);
  return strategicReportConfig;
}
