import type { ChartLink } from './contents.ts';

export interface Position {
  x: number;
  y: number;
}

/**
 * Where to put records new to the chart: around the middle of their neighbours already placed, spread on a
 * small circle so they do not land on top of each other. Records already placed are never moved.
 */
export function placeNear(
  newIds: readonly string[],
  links: readonly ChartLink[],
  placed: Readonly<Record<string, Position>>,
  fallback: Position,
): Record<string, Position> {
  const positions: Record<string, Position> = {};
  const byAnchor = new Map<string, string[]>();
  for (const id of newIds) {
    const neighbours = links
      .flatMap((link) => (link.from === id ? [link.to] : link.to === id ? [link.from] : []))
      .filter((other) => placed[other]);
    const anchor = neighbours.sort()[0] ?? '';
    byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), id]);
  }
  for (const [anchor, ids] of byAnchor) {
    const centre = placed[anchor] ?? fallback;
    const radius = 90 + 12 * ids.length;
    ids.forEach((id, index) => {
      const angle = (2 * Math.PI * index) / ids.length + 0.3;
      positions[id] = { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
    });
  }
  return positions;
}
