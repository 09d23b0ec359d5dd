import type { LayoutOptions } from 'cytoscape';

/** Up to this many records cola lays the chart out (it looks best there); above it, fcose, which is much faster. */
export const colaLimit = 300;

/** The layout for a chart of `nodeCount` records. */
export function layoutFor(nodeCount: number): LayoutOptions {
  if (nodeCount <= colaLimit) {
    return {
      name: 'cola',
      animate: true,
      randomize: false,
      maxSimulationTime: 3000,
      nodeSpacing: 36,
      edgeLength: 150,
      avoidOverlap: true,
      fit: true,
      padding: 40,
    } as LayoutOptions;
  }
  return {
    name: 'fcose',
    quality: nodeCount > 1000 ? 'draft' : 'default',
    animate: false,
    randomize: true,
    nodeRepulsion: 6000,
    idealEdgeLength: 80,
    fit: true,
    padding: 30,
  } as LayoutOptions;
}

/** Above this many records the chart moves a cached picture of itself during a gesture (see NetworkChart). */
export const viewportTextureAbove = 1000;
