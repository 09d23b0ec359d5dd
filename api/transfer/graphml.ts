/**
 * GraphML for Gephi and yEd: one typed <key> per property (int, double, boolean or string, from the values
 * exported), each node's caption as `label` and its patmap label as `kind`, each edge's type and evidence as data.
 * Lists are written as one string, their items separated by " | ", as in the CSV format.
 */

import { cellText } from './csv-format.ts';

export interface GraphNode {
  id: string;
  kind: string;
  label: string;
  properties: Record<string, unknown>;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  properties: Record<string, unknown>;
}

type KeyType = 'int' | 'double' | 'boolean' | 'string';

const escapeXml = (text: string) =>
  text
    // Characters XML 1.0 cannot hold at all.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing exactly those characters
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');

function keyType(values: unknown[]): KeyType {
  const present = values.filter((value) => value !== undefined && value !== null);
  if (present.length && present.every((value) => typeof value === 'boolean')) return 'boolean';
  if (present.length && present.every((value) => typeof value === 'number')) {
    return present.every((value) => Number.isInteger(value)) ? 'int' : 'double';
  }
  return 'string';
}

interface Key {
  id: string;
  name: string;
  type: KeyType;
}

function keysOf(prefix: 'n' | 'e', fixed: string[], items: Record<string, unknown>[]): Key[] {
  const names = [...new Set(items.flatMap((item) => Object.keys(item)))].filter((name) => !fixed.includes(name));
  return [...fixed, ...names.sort()].map((name, index) => ({
    id: `${prefix}${index}`,
    name,
    type: keyType(items.map((item) => item[name])),
  }));
}

const dataOf = (keys: Key[], values: Record<string, unknown>) =>
  keys
    .filter((key) => values[key.name] !== undefined && values[key.name] !== null && values[key.name] !== '')
    .map((key) => `<data key="${key.id}">${escapeXml(cellText(values[key.name]))}</data>`)
    .join('');

export function toGraphml(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): string {
  const nodeValues = nodes.map((node) => ({ label: node.label, kind: node.kind, ...node.properties }));
  const edgeValues = edges.map((edge) => ({ type: edge.type, ...edge.properties }));
  const nodeKeys = keysOf('n', ['label', 'kind'], nodeValues);
  const edgeKeys = keysOf('e', ['type'], edgeValues);
  const keyLine = (key: Key, domain: 'node' | 'edge') =>
    `  <key id="${key.id}" for="${domain}" attr.name="${escapeXml(key.name)}" attr.type="${key.type}"/>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...nodeKeys.map((key) => keyLine(key, 'node')),
    ...edgeKeys.map((key) => keyLine(key, 'edge')),
    '  <graph id="patmap" edgedefault="directed">',
    ...nodes.map(
      (node, i) =>
        `    <node id="${escapeXml(node.id)}">${dataOf(nodeKeys, nodeValues[i] as Record<string, unknown>)}</node>`,
    ),
    ...edges.map(
      (edge, i) =>
        `    <edge id="${escapeXml(edge.id)}" source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}">` +
        `${dataOf(edgeKeys, edgeValues[i] as Record<string, unknown>)}</edge>`,
    ),
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}
