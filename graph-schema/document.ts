import { z } from 'zod';
import { evidenceShape, nodeDeclarations, relationshipDeclarations } from './index.ts';
import { recordSchema } from './records.ts';

/** The schema as JSON, for the web app: what each label and link type is called and holds. */
export function schemaDocument() {
  return {
    nodes: nodeDeclarations.map((node) => ({
      label: node.label,
      title: node.title,
      plural: node.plural,
      pathSegment: node.pathSegment,
      side: node.side,
      description: node.description,
      caption: node.caption,
      searchable: node.searchable,
      properties: z.toJSONSchema(recordSchema(node), { io: 'output', unrepresentable: 'any' }),
    })),
    relationships: relationshipDeclarations.map((relationship) => ({
      type: relationship.type,
      caption: relationship.caption,
      description: relationship.description,
      endpoints: relationship.endpoints,
      properties: z.toJSONSchema(evidenceShape.extend(relationship.shape.shape), { unrepresentable: 'any' }),
    })),
  };
}

export type SchemaDocument = ReturnType<typeof schemaDocument>;
