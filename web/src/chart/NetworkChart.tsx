import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import cola from 'cytoscape-cola';
import fcose from 'cytoscape-fcose';
import svg from 'cytoscape-svg';
import { type Ref, useEffect, useImperativeHandle, useRef } from 'react';
import type { Position } from '../workspace/placement.ts';
import { placeNear } from '../workspace/placement.ts';
import { layoutFor, viewportTextureAbove } from './layouts.ts';
import { chartStyle } from './style.ts';

cytoscape.use(cola);
cytoscape.use(fcose);
cytoscape.use(svg);

declare global {
  interface Window {
    patmapChart?: Core;
  }
}

/** What the rest of the workspace may ask of the chart. */
export interface ChartHandle {
  positions(): Record<string, Position>;
  focus(id: string): void;
  fit(): void;
  png(): Promise<Blob>;
  svg(): string;
}

export interface NetworkChartProps {
  elements: ElementDefinition[];
  selected: readonly string[];
  /** Positions from a saved view; a new object puts the records back where they were saved. */
  restore: Record<string, Position> | undefined;
  onOpen(id: string): void;
  onSelection(ids: string[]): void;
  handle: Ref<ChartHandle | null>;
}

type SvgCore = Core & { svg(options: { full: boolean; bg: string; scale: number }): string };

function createChart(
  container: HTMLElement,
  big: boolean,
  callbacks: { current: Pick<NetworkChartProps, 'onOpen' | 'onSelection'> },
): Core {
  const cy = cytoscape({
    container,
    style: chartStyle,
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 3,
    selectionType: 'additive',
    // The canvas renderer, not WebGL: on a machine without a GPU it panned 5,000 records at 60 frames a
    // second where WebGL managed under two (npm run bench:web). During a drag, pinch or wheel zoom a big
    // chart also moves a picture of itself, without its links, and redraws when the gesture ends.
    textureOnViewport: big,
    hideEdgesOnViewport: big,
  });
  // Lets end-to-end tests and a curious analyst's console reach the chart.
  window.patmapChart = cy;
  cy.on('tap', 'node', (event) => callbacks.current.onOpen(event.target.id()));
  cy.on('select unselect', 'node', () => callbacks.current.onSelection(cy.$('node:selected').map((n) => n.id())));
  return cy;
}

const edgeEnds = (elements: ElementDefinition[]) =>
  elements
    .filter((e) => e.group === 'edges')
    .map((e) => ({ id: String(e.data.id), type: '', from: String(e.data.source), to: String(e.data.target) }));

/**
 * The link chart. Cytoscape is made once; later changes are applied to it in place, so the positions the
 * analyst arranged stay: records new to the chart are put near their neighbours, and only a chart drawn
 * from nothing is laid out (cola up to a few hundred records, fcose above).
 */
export function NetworkChart({ elements, selected, restore, onOpen, onSelection, handle }: NetworkChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<Core | undefined>(undefined);
  const remembered = useRef<Record<string, Position>>({});
  const restored = useRef<Record<string, Position> | undefined>(undefined);
  const callbacks = useRef({ onOpen, onSelection });
  callbacks.current = { onOpen, onSelection };

  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = undefined;
    },
    [],
  );

  useEffect(() => {
    if (!container.current || (!chart.current && !elements.length)) return;
    // Made on the first elements, since how a big chart is drawn cannot be changed later.
    const records = elements.filter((e) => e.group === 'nodes').length;
    const cy = chart.current ?? createChart(container.current, records > viewportTextureAbove, callbacks);
    chart.current = cy;
    const fresh = restore && restore !== restored.current ? restore : undefined;
    if (fresh) {
      restored.current = fresh;
      Object.assign(remembered.current, fresh);
    }
    const wanted = new Map(elements.map((e) => [String(e.data.id), e]));
    const wasEmpty = cy.nodes().empty();
    const newNodes: ElementDefinition[] = [];
    const newEdges: ElementDefinition[] = [];
    cy.batch(() => {
      cy.elements().forEach((element) => {
        if (wanted.has(element.id())) return;
        if (element.isNode()) remembered.current[element.id()] = { ...element.position() };
        element.remove();
      });
      for (const [id, definition] of wanted) {
        const existing = cy.getElementById(id);
        if (existing.empty()) (definition.group === 'nodes' ? newNodes : newEdges).push(definition);
        else {
          existing.data(definition.data);
          existing.classes(definition.classes ?? '');
        }
      }
    });
    const placed: Record<string, Position> = {};
    for (const node of cy.nodes()) placed[node.id()] = { ...node.position() };
    const unknown = newNodes.map((n) => String(n.data.id)).filter((id) => !remembered.current[id]);
    const layoutAll = wasEmpty && unknown.length === newNodes.length && newNodes.length > 0;
    const extent = cy.extent();
    const near = layoutAll
      ? {}
      : placeNear(
          unknown,
          edgeEnds(elements),
          { ...remembered.current, ...placed },
          {
            x: (extent.x1 + extent.x2) / 2,
            y: (extent.y1 + extent.y2) / 2,
          },
        );
    cy.add(
      newNodes.map((n) => {
        const id = String(n.data.id);
        const position = fresh?.[id] ?? remembered.current[id] ?? near[id];
        return position ? { ...n, position } : n;
      }),
    );
    cy.add(newEdges);
    if (fresh) {
      for (const node of cy.nodes()) {
        const position = fresh[node.id()];
        if (position && !node.locked()) node.position(position);
      }
    }
    cy.nodes().forEach((node) => {
      if (node.hasClass('pinned')) node.lock();
      else node.unlock();
    });
    if (layoutAll) {
      container.current.setAttribute('data-layout', 'running');
      const layout = cy.layout(layoutFor(newNodes.length));
      layout.one('layoutstop', () => container.current?.setAttribute('data-layout', 'done'));
      layout.run();
    } else {
      if (wasEmpty && newNodes.length) cy.fit(undefined, 40);
      container.current.setAttribute('data-layout', 'done');
    }
  }, [elements, restore]);

  useEffect(() => {
    const cy = chart.current;
    if (!cy) return;
    const want = new Set(selected);
    cy.batch(() => {
      cy.nodes().forEach((node) => {
        if (want.has(node.id()) && !node.selected()) node.select();
        if (!want.has(node.id()) && node.selected()) node.unselect();
      });
    });
  }, [selected]);

  useImperativeHandle(handle, () => ({
    positions() {
      const positions: Record<string, Position> = { ...remembered.current };
      for (const node of chart.current?.nodes() ?? []) positions[node.id()] = { ...node.position() };
      return positions;
    },
    focus(id) {
      const node = chart.current?.getElementById(id);
      if (!node || node.empty()) return;
      chart.current?.animate({ center: { eles: node }, zoom: Math.max(chart.current.zoom(), 1.2) }, { duration: 300 });
    },
    fit() {
      chart.current?.fit(undefined, 40);
    },
    async png() {
      const cy = chart.current;
      if (!cy) throw new Error('No chart');
      return cy.png({ output: 'blob-promise', full: true, scale: 2, bg: '#ffffff' });
    },
    svg() {
      const cy = chart.current as SvgCore | undefined;
      if (!cy) throw new Error('No chart');
      return cy.svg({ full: true, bg: '#ffffff', scale: 1 });
    },
  }));

  return (
    <div
      ref={container}
      className="chart"
      role="img"
      aria-label="Link chart of young people, persons of interest and locations; the same records are listed in the side panel"
      data-testid="network-chart"
      data-node-count={elements.filter((e) => e.group === 'nodes').length}
    />
  );
}
