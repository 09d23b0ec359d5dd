import type { ElementDefinition } from 'cytoscape';
import type { Network, SchemaDocument } from '../api.ts';

export type Level = 1 | 2 | 3 | 'archived';

export interface NodeData {
  id: string;
  label: string;
  side: string;
  caption: string;
  /** The caption with a text cue that does not rely on colour, e.g. "Amber (L3)". */
  display: string;
  level?: Level;
  archived: boolean;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  type: string;
  caption: string;
  grading: string;
  weak: boolean;
  policeOnly: boolean;
}

/** Weak intelligence: an untested source (3) or information that is unconfirmed or worse (D, E). */
export function isWeakGrading(link: Record<string, unknown>): boolean {
  return link.gradingSource === 3 || link.gradingInformation === 'D' || link.gradingInformation === 'E';
}

const kebab = (label: string) => label.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

/** The pure mapper: API network JSON and the schema in, Cytoscape elements out. */
export function toElements(network: Network, schema: SchemaDocument): ElementDefinition[] {
  const nodeSchema = new Map<string, SchemaDocument['nodes'][number]>(schema.nodes.map((n) => [n.label, n]));
  const linkCaption = new Map(schema.relationships.map((r) => [r.type, r.caption]));
  const nodes: ElementDefinition[] = network.nodes.map((node) => {
    const declared = nodeSchema.get(node.label);
    const caption = String(node.record[declared?.caption ?? 'name'] ?? node.id);
    const archived = node.record.archivedAt !== undefined && node.record.archivedAt !== null;
    const levelValue = node.record.levelOfConcern;
    const level =
      levelValue === 1 || levelValue === 2 || levelValue === 3 || levelValue === 'archived' ? levelValue : undefined;
    const cue = level === undefined ? '' : level === 'archived' ? ' (archived)' : ` (L${level})`;
    const data: NodeData = {
      id: node.id,
      label: node.label,
      side: declared?.side ?? 'unknown',
      caption,
      display: `${caption}${cue}`,
      archived,
      ...(level === undefined ? {} : { level }),
    };
    const classes = [
      kebab(node.label),
      declared?.side ?? '',
      level === undefined ? '' : `level-${level}`,
      archived ? 'archived' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return { group: 'nodes', data, classes };
  });
  const present = new Set(network.nodes.map((n) => n.id));
  const edges: ElementDefinition[] = network.links
    .filter((link) => present.has(link.from) && present.has(link.to))
    .map((link) => {
      const weak = isWeakGrading(link);
      const policeOnly = link.gradingHandling === 'C';
      const data: EdgeData = {
        id: link.id,
        source: link.from,
        target: link.to,
        type: link.type,
        caption: linkCaption.get(link.type) ?? link.type,
        grading: `${String(link.gradingSource ?? '?')}${String(link.gradingInformation ?? '?')}${String(link.gradingHandling ?? '?')}`,
        weak,
        policeOnly,
      };
      const classes = [`link-${link.type.toLowerCase()}`, weak ? 'weak' : '', policeOnly ? 'police-only' : '']
        .filter(Boolean)
        .join(' ');
      return { group: 'edges', data, classes };
    });
  return [...nodes, ...edges];
}
