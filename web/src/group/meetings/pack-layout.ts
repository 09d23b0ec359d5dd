import type { ElementDefinition } from 'cytoscape';

export interface Point {
  x: number;
  y: number;
}

const ringOf = (element: ElementDefinition) => {
  const label = String(element.data.label);
  if (label === 'Location') return 0;
  if (label === 'PersonOfInterest') return 1;
  return 2;
};

/**
 * Where the pack draws each record: places on the inner ring, adults on the middle one, young people outside,
 * each ring in id order. The same data always gives the same picture, so two printed packs agree.
 */
export function packPositions(nodes: readonly ElementDefinition[]): Record<string, Point> {
  const rings: ElementDefinition[][] = [[], [], []];
  for (const node of nodes) rings[ringOf(node)]?.push(node);
  const positions: Record<string, Point> = {};
  let previous: number | undefined;
  for (const ring of rings) {
    ring.sort((a, b) => String(a.data.id).localeCompare(String(b.data.id)));
    if (!ring.length) continue;
    // A lone record in the middle; otherwise far enough out that neighbours on a ring stay about 70 px apart.
    const radius =
      previous === undefined && ring.length === 1
        ? 0
        : Math.max((previous ?? 0) + 140, (ring.length * 70) / (2 * Math.PI));
    previous = radius;
    ring.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / ring.length - Math.PI / 2;
      positions[String(node.data.id)] = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
    });
  }
  return positions;
}
