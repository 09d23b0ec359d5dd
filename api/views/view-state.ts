import { z } from 'zod';
import { gradingInformation, nodeLabels } from '../../graph-schema/index.ts';
import { shortText } from '../../graph-schema/properties.ts';

const chartId = z.string().min(1).max(80);
const position = z.object({ x: z.number().finite(), y: z.number().finite() });

/** The chart filters a view keeps: the same ones the web app puts in its URL. */
export const chartFilters = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  labels: z.array(z.enum(nodeLabels)).max(nodeLabels.length).default([]),
  levels: z
    .array(z.enum(['1', '2', '3', 'archived']))
    .max(4)
    .default([]),
  linkTypes: z
    .array(z.string().regex(/^[A-Z_]{2,40}$/))
    .max(40)
    .default([]),
  minSource: z.int().min(1).max(3).default(3),
  minInformation: z.enum(gradingInformation).default('E'),
});
export type ChartFilters = z.infer<typeof chartFilters>;

/**
 * What a saved view holds: which records are on the chart, where they were placed, what was hidden,
 * pinned and collapsed, and the filters. Ids only, never the records: reopening reads them again, as
 * the viewer may see them then.
 */
export const viewState = z.object({
  records: z.array(z.uuid()).max(5000),
  hidden: z.array(z.uuid()).max(5000).default([]),
  pinned: z.array(z.uuid()).max(5000).default([]),
  positions: z.record(chartId, position).default({}),
  collapsedGroups: z
    .array(z.object({ id: chartId, name: z.string().min(1).max(200), members: z.array(z.uuid()).min(1).max(500) }))
    .max(100)
    .default([]),
  filters: chartFilters,
});
export type ViewState = z.infer<typeof viewState>;

export const viewName = shortText.max(120);
