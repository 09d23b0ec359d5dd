import { z } from 'zod';

/**
 * The backup file: JSON lines, gzip-compressed when its name ends in .gz. A header (with the audit head at the
 * moment of the backup), then every node, then every relationship, then an end line with the counts, so a
 * truncated file is recognised before anything is restored.
 */

export const backupFormat = 'patmap-backup';
export const backupFormatVersion = 1;

/** The Neo4j types a property may have in patmap's data, as valueType() names them. */
export const propertyTypes = [
  'STRING',
  'BOOLEAN',
  'INTEGER',
  'FLOAT',
  'DATE',
  'LOCAL DATETIME',
  'ZONED DATETIME',
  'LOCAL TIME',
  'ZONED TIME',
  'DURATION',
  'NOTHING',
] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** One property: its name, its Neo4j type (of the elements, for a list) and its value in portable form. */
export const propertySchema = z.object({
  key: z.string().min(1),
  type: z.enum(propertyTypes),
  list: z.boolean(),
  value: z.union([scalar, z.array(scalar)]),
});
export type BackupProperty = z.infer<typeof propertySchema>;

export const headerSchema = z.object({
  kind: z.literal('header'),
  format: z.literal(backupFormat),
  formatVersion: z.literal(backupFormatVersion),
  createdAt: z.string(),
  auditHead: z.object({ seq: z.number().nullable(), hash: z.string().nullable() }),
  /** Why some data is not in the file. */
  excluded: z.record(z.string(), z.string()),
});

export const nodeSchema = z.object({
  kind: z.literal('node'),
  key: z.string(),
  labels: z.array(z.string().min(1)).min(1),
  properties: z.array(propertySchema),
});

export const relationshipSchema = z.object({
  kind: z.literal('relationship'),
  key: z.string(),
  type: z.string().min(1),
  start: z.string(),
  end: z.string(),
  properties: z.array(propertySchema),
});

export const countsSchema = z.object({
  nodes: z.int(),
  relationships: z.int(),
  labels: z.record(z.string(), z.int()),
  types: z.record(z.string(), z.int()),
});
export type BackupCounts = z.infer<typeof countsSchema>;

export const endSchema = z.object({ kind: z.literal('end'), counts: countsSchema });

export const lineSchema = z.discriminatedUnion('kind', [headerSchema, nodeSchema, relationshipSchema, endSchema]);
export type BackupLine = z.infer<typeof lineSchema>;
export type BackupNode = z.infer<typeof nodeSchema>;
export type BackupRelationship = z.infer<typeof relationshipSchema>;
export type BackupHeader = z.infer<typeof headerSchema>;

/** A property as the backup query returns it: valueType()'s name, e.g. "LIST<STRING NOT NULL> NOT NULL". */
export interface StoredProperty {
  key: string;
  type: string;
  value: unknown;
}

/** valueType()'s name as a backup property type; anything patmap does not store (points, maps) is refused. */
export function portableProperty({ key, type, value }: StoredProperty): BackupProperty {
  const bare = type.replaceAll(' NOT NULL', '').trim();
  const listOf = /^LIST<(.+)>$/.exec(bare);
  const element = listOf ? (listOf[1] ?? '') : bare;
  if (!(propertyTypes as readonly string[]).includes(element)) {
    throw new Error(`Property ${key} has type ${type}, which the backup cannot carry`);
  }
  return propertySchema.parse({ key, type: element, list: Boolean(listOf), value });
}

export function emptyCounts(): BackupCounts {
  return { nodes: 0, relationships: 0, labels: {}, types: {} };
}

export function countLine(counts: BackupCounts, line: BackupNode | BackupRelationship): void {
  if (line.kind === 'node') {
    counts.nodes += 1;
    for (const label of line.labels) counts.labels[label] = (counts.labels[label] ?? 0) + 1;
  } else {
    counts.relationships += 1;
    counts.types[line.type] = (counts.types[line.type] ?? 0) + 1;
  }
}
