import { z } from 'zod';

/** Property shapes shared by several declarations. Each one is storable as a Neo4j property. */

export const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD');

export const shortText = z.string().trim().min(1).max(200);

export const longText = z.string().trim().max(5000);

export const textList = z.array(shortText).max(50);

export const agency = shortText.describe('The agency, e.g. "Police", "Children\'s Social Care", "Health"');
