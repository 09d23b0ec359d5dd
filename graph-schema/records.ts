import { z } from 'zod';
import type { AnyNodeDeclaration } from './index.ts';
import { evidenceShape, handlingCodes, nodeDeclarations, relationshipDeclarations } from './index.ts';
import { shortText } from './properties.ts';

/** Fields the system keeps on every record; users never write them directly. */
export const systemShape = z.object({
  id: z.uuid(),
  version: z.int().min(1).describe('Incremented on every change; an update must send the version it read'),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  createdBy: z.string(),
  updatedBy: z.string().optional(),
  archivedAt: z.iso.datetime({ offset: true }).optional(),
  archiveReason: z.string().optional(),
});

export const systemProperties = Object.keys(systemShape.shape);

export const versionField = z.object({ version: z.int().min(1) });

/** Every record carries a handling code: C (conditions apply) marks police-only intelligence. */
export const recordHandlingShape = z.object({
  gradingHandling: z
    .enum(handlingCodes)
    .default('P')
    .describe('Handling code: P lawful sharing permitted, C conditions apply (police only)'),
});

/** What a user may write to a record of this label. */
export function writableShape(declaration: AnyNodeDeclaration) {
  return declaration.shape.extend(recordHandlingShape.shape);
}

export function createSchema(declaration: AnyNodeDeclaration) {
  return writableShape(declaration).strict();
}

/**
 * Any subset of the writable properties, with the version the client read. Defaults are not applied
 * (an update leaves what it does not name alone); null clears an optional property.
 */
export function updateSchema(declaration: AnyNodeDeclaration) {
  const elsewhere = new Set<string>(declaration.setElsewhere?.properties ?? []);
  const how = declaration.setElsewhere?.how ?? '';
  const fields = Object.entries(writableShape(declaration).shape).map(([key, schema]) => [
    key,
    elsewhere.has(key) ? z.never({ error: `${key} is not changed here: ${how}` }) : updatableField(schema as z.ZodType),
  ]);
  return z.object(Object.fromEntries(fields)).partial().extend(versionField.shape).strict();
}

function updatableField(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault) return schema.unwrap() as z.ZodType;
  return schema.safeParse(undefined).success ? schema.nullable() : schema;
}

export function recordSchema(declaration: AnyNodeDeclaration) {
  return writableShape(declaration)
    .extend(declaration.storedShape?.shape ?? {})
    .extend(systemShape.shape)
    .extend({ pseudonymised: z.boolean().optional().describe('True when identifying properties are hidden from you') });
}

export const archiveSchema = z
  .object({ reason: shortText.describe('Why the record is archived'), version: versionField.shape.version })
  .strict();

const endpointsShape = z.object({
  from: z.uuid().describe('id of the start node'),
  to: z.uuid().describe('id of the end node'),
});

/** A link as written: one variant per declared relationship type, each with the evidence every link carries. */
export const linkInputSchema = z.discriminatedUnion(
  'type',
  relationshipDeclarations.map((declaration) =>
    z
      .object({ type: z.literal(declaration.type) })
      .extend(endpointsShape.shape)
      .extend(evidenceShape.shape)
      .extend(declaration.shape.shape)
      .strict()
      .refine((link) => !link.lastSeen || String(link.lastSeen) >= String(link.firstSeen), {
        message: 'lastSeen must not be before firstSeen',
        path: ['lastSeen'],
      }),
  ) as unknown as readonly [z.ZodObject, ...z.ZodObject[]],
);
export type LinkInput = z.infer<typeof linkInputSchema>;

export const linkRecordSchema = z
  .object({
    type: z.enum(relationshipDeclarations.map((d) => d.type) as [string, ...string[]]),
    fromLabel: z.enum(nodeDeclarations.map((d) => d.label)),
    toLabel: z.enum(nodeDeclarations.map((d) => d.label)),
  })
  .extend(endpointsShape.shape)
  .extend(evidenceShape.shape)
  .extend(Object.assign({}, ...relationshipDeclarations.map((d) => d.shape.partial().shape)))
  .extend(systemShape.omit({ archivedAt: true, archiveReason: true }).shape);
