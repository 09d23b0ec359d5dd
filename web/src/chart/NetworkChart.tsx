import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import cola from 'cytoscape-cola';
import { useEffect, useRef } from 'react';
import { chartStyle } from './style.ts';

cytoscape.use(cola);

declare global {
  interface Window {
    patmapChart?: Core;
  }
}

export interface NetworkChartProps {
  elements: ElementDefinition[];
  onSelect(id: string | undefined): void;
}

/** The link chart: Cytoscape with the cola layout, which keeps running as nodes are dragged. */
export function NetworkChart({ elements, onSelect }: NetworkChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<Core | undefined>(undefined);

  useEffect(() => {
    if (!container.current) return;
    const cy = cytoscape({
      container: container.current,
      elements,
      style: chartStyle,
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 3,
    });
    chart.current = cy;
    // Lets end-to-end tests and a curious analyst's console reach the chart.
    window.patmapChart = cy;
    cy.on('tap', 'node', (event) => onSelect(event.target.id()));
    cy.on('tap', (event) => {
      if (event.target === cy) onSelect(undefined);
    });
    const layout = cy.layout({
      name: 'cola',
      animate: true,
      randomize: false,
      maxSimulationTime: 3000,
      nodeSpacing: 36,
      edgeLength: 150,
      avoidOverlap: true,
      fit: true,
      padding: 40,
    } as cytoscape.LayoutOptions);
    container.current.removeAttribute('data-layout');
    layout.one('layoutstop', () => {
      container.current?.setAttribute('data-layout', 'done');
    });
    layout.run();
    return () => {
      layout.stop();
      cy.destroy();
      chart.current = undefined;
    };
  }, [elements, onSelect]);

  return (
    <div
      ref={container}
      className="chart"
      role="img"
      aria-label="Link chart of young people, persons of interest and locations"
      data-testid="network-chart"
      data-node-count={elements.filter((e) => e.group === 'nodes').length}
    />
  );
}
