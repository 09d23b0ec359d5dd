import type { ElementDefinition } from 'cytoscape';
import type { SchemaDocument } from '../api.ts';
import type { ChartLink, Level } from '../workspace/contents.ts';
import type { VisibleChart } from '../workspace/visible.ts';

export type { Level };

export interface NodeData {
  id: string;
  label: string;
  side: string;
  caption: string;
  /** The caption with a text cue that does not rely on colour, e.g. "Amber (L3)". */
  display: string;
  level?: Level;
  archived: boolean;
  disrupted: boolean;
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

/** What a selected analysis row points at: these are drawn strong, everything else dimmed. */
export interface Highlight {
  records: readonly string[];
  links: readonly string[];
}

/** Weak intelligence: an untested source (3) or information that is unconfirmed or worse (D, E). */
export function isWeakGrading(link: Pick<ChartLink, 'gradingSource' | 'gradingInformation'>): boolean {
  return link.gradingSource === 3 || link.gradingInformation === 'D' || link.gradingInformation === 'E';
}

const kebab = (label: string) => label.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
/** Class names, each once: Cytoscape failed to drop a class from a list holding a duplicate ("location location"). */
const classList = (...names: (string | false | undefined)[]) =>
  [...new Set(names.filter((name): name is string => Boolean(name)))].join(' ');

function levelCue(level: Level | undefined): string {
  if (level === undefined) return '';
  return level === 'archived' ? ' (archived)' : ` (L${level})`;
}

/** The pure mapper: what is visible, and the schema, in; Cytoscape elements out. */
export function toElements(
  visible: VisibleChart,
  schema: SchemaDocument,
  options: { pinned?: readonly string[]; highlight?: Highlight | undefined } = {},
): ElementDefinition[] {
  const side = new Map<string, string>(schema.nodes.map((n) => [n.label, n.side]));
  const linkCaption = new Map(schema.relationships.map((r) => [r.type, r.caption]));
  const pinned = new Set(options.pinned ?? []);
  const highlight = options.highlight;
  const strongRecords = new Set(highlight?.records ?? []);
  const strongLinks = new Set(highlight?.links ?? []);
  const emphasis = (strong: boolean) => (highlight ? (strong ? 'highlighted' : 'dimmed') : undefined);

  const nodes: ElementDefinition[] = visible.records.map((record) => {
    const members = visible.groupMembers[record.id];
    const recordSide = members ? 'group' : (side.get(record.label) ?? 'unknown');
    const pinCue = pinned.has(record.id) ? ' [pinned]' : '';
    const disruptedCue = record.disrupted ? ' [disrupted]' : '';
    const data: NodeData = {
      id: record.id,
      label: record.label,
      side: recordSide,
      caption: record.caption,
      display: `${record.caption}${levelCue(record.levelOfConcern)}${disruptedCue}${pinCue}`,
      archived: record.archived,
      disrupted: Boolean(record.disrupted),
      ...(record.levelOfConcern === undefined ? {} : { level: record.levelOfConcern }),
    };
    const strong = strongRecords.has(record.id) || Boolean(members?.some((id) => strongRecords.has(id)));
    const classes = classList(
      kebab(record.label),
      recordSide,
      record.levelOfConcern !== undefined && `level-${record.levelOfConcern}`,
      record.archived && 'archived',
      pinned.has(record.id) && 'pinned',
      record.disrupted && 'disrupted',
      emphasis(strong),
    );
    return { group: 'nodes', data, classes };
  });

  const edges: ElementDefinition[] = visible.links.map((link) => {
    const weak = isWeakGrading(link);
    const policeOnly = link.gradingHandling === 'C';
    const data: EdgeData = {
      id: link.id,
      source: link.from,
      target: link.to,
      type: link.type,
      caption: linkCaption.get(link.type) ?? link.type,
      grading: `${link.gradingSource ?? '?'}${link.gradingInformation ?? '?'}${link.gradingHandling ?? '?'}`,
      weak,
      policeOnly,
    };
    const classes = classList(
      `link-${link.type.toLowerCase()}`,
      weak && 'weak',
      policeOnly && 'police-only',
      emphasis(strongLinks.has(link.id)),
    );
    return { group: 'edges', data, classes };
  });
  return [...nodes, ...edges];
}
