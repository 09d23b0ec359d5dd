import { z } from 'zod';
import type { ChartLink, ChartRecord, CollapsedGroup } from '../workspace/contents.ts';

/** A number the analyst may set for an analysis, e.g. "at least N young people". */
export interface NumberField {
  name: string;
  label: string;
  min: number;
  max: number;
  default: number;
  step?: number;
}

/** One of a few named settings the analyst may choose, e.g. what ranks the groups. */
export interface ChoiceField {
  name: string;
  label: string;
  choices: readonly { value: string; label: string }[];
  default: string;
}

export type ParamField = NumberField | ChoiceField;

export const isChoice = (field: ParamField): field is ChoiceField => 'choices' in field;

export interface PanelColumn {
  id: string;
  header: string;
  numeric?: boolean;
}

/** One row of a panel's table, in the same shape for every analysis: its cells and what it points at. */
export interface PanelRow {
  key: string;
  cells: Record<string, string | number>;
  records: ChartRecord[];
  links: ChartLink[];
  /** For organised groups: the adults that can be drawn as one node. */
  group?: CollapsedGroup;
}

/** One registered analysis: how to ask for it, and how to show its answer. */
export interface AnalysisPanel {
  /** The URL segment under /analysis/ and the API's name under /api/analysis/. */
  id: string;
  label: string;
  description: string;
  params: readonly ParamField[];
  /** Paths run between the two records selected on the chart. */
  needsTwoRecords?: boolean;
  columns: readonly PanelColumn[];
  rows(answer: unknown): PanelRow[];
}

/** The params schema of a panel: each field a bounded number or one of its choices, falling back to its default. */
export function paramsSchema(fields: readonly ParamField[]) {
  return z.object(
    Object.fromEntries(
      fields.map((field) => [
        field.name,
        isChoice(field)
          ? z
              .enum(field.choices.map((choice) => choice.value))
              .default(field.default)
              .catch(field.default)
          : z.coerce.number().min(field.min).max(field.max).default(field.default).catch(field.default),
      ]),
    ),
  );
}

export function panelParams(panel: AnalysisPanel, search: URLSearchParams): Record<string, number | string> {
  const raw = Object.fromEntries(panel.params.map((f) => [f.name, search.get(f.name) ?? undefined]));
  return paramsSchema(panel.params).parse(raw) as Record<string, number | string>;
}

export const levelText = (level: unknown) =>
  level === undefined || level === null ? '' : level === 'archived' ? 'archived' : `L${String(level)}`;

export const round = (value: number, places = 3) => Number(value.toFixed(places));
