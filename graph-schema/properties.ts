import { z } from 'zod';
import { todayIso } from './calendar.ts';

/** Property shapes shared by several declarations. Each one is storable as a Neo4j property. */

/** The years a date in casework can plausibly fall in: outside them it is a typing slip (0026 for 2026, 2206 …). */
export const earliestDate = '1900-01-01';
export const latestDate = '2100-12-31';

export const isoDate = z.iso
  .date()
  .refine((day) => day >= earliestDate && day <= latestDate, `a date from ${earliestDate} to ${latestDate}`)
  .describe('A calendar date, YYYY-MM-DD');

/** A day that has already come: a date of birth, say. Judged on today's date (UTC) as the value is checked. */
export const pastDate = isoDate.refine((day) => day <= todayIso(), 'a date that is not in the future');

// Control characters, and the bidirectional overrides and isolates that can make "Ann" display as "nnA" in a list.
const hiddenInLine = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
const hiddenInText = /(?![\t\n\r])[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
const hidden = 'no control characters or text-direction overrides';

/** One line of text: a name, a reference, a reason. */
export const shortText = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((text) => !hiddenInLine.test(text), `one line of text, ${hidden}`);

/** Text that may run to paragraphs (tabs and line breaks kept). */
export const longText = z
  .string()
  .trim()
  .max(5000)
  .refine((text) => !hiddenInText.test(text), `text with ${hidden}`);

export const textList = z.array(shortText).max(50);

export const agency = shortText.describe('The agency, e.g. "Police", "Children\'s Social Care", "Health"');

/** A property's schema without its optional, default and nullable wrappers. */
export const innerSchema = (schema: z.ZodType): z.ZodType =>
  schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable
    ? innerSchema(schema.unwrap() as z.ZodType)
    : schema;

/** Whether a property holds a list (aliases, phones, vehicles …) rather than one value. */
export const holdsList = (schema: z.ZodType | undefined): boolean =>
  schema !== undefined && innerSchema(schema) instanceof z.ZodArray;
