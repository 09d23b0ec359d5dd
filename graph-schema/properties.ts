import { z } from 'zod';

/** Property shapes shared by several declarations. Each one is storable as a Neo4j property. */

export const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD');

export const shortText = z.string().trim().min(1).max(200);

export const longText = z.string().trim().max(5000);

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
