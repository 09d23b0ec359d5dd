import cytoscape from 'cytoscape';
import svg from 'cytoscape-svg';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SchemaDocument } from '../../api.ts';
import { toElements } from '../../chart/elements.ts';
import { chartStyle } from '../../chart/style.ts';
import { type ChartLink, linkFromEvidence, recordFromSummary } from '../../workspace/contents.ts';
import type { Pack } from './meetings-api.ts';
import { packPositions } from './pack-layout.ts';

cytoscape.use(svg);

type SvgCore = cytoscape.Core & { svg(options: { full: boolean; bg: string; scale: number }): string };

/**
 * The network picture of the hotspots and groups discussed, drawn once by Cytoscape off screen with the
 * chart's own style and a fixed layout, and shown as an SVG image: it prints sharply, and never moves.
 */
export function PackNetwork({ network, schema }: { network: Pack['network']; schema: SchemaDocument }) {
  const scratch = useRef<HTMLDivElement>(null);
  const [picture, setPicture] = useState<string>();
  const elements = useMemo(
    () =>
      toElements(
        {
          records: network.nodes.map(recordFromSummary),
          links: network.links.map((link) => linkFromEvidence(link as unknown as Record<string, unknown> & ChartLink)),
          groupMembers: {},
        },
        schema,
      ),
    [network, schema],
  );
  const counts = {
    places: network.nodes.filter((n) => n.label === 'Location').length,
    adults: network.nodes.filter((n) => n.label === 'PersonOfInterest').length,
    youngPeople: network.nodes.filter((n) => n.label === 'YoungPerson').length,
  };

  useEffect(() => {
    const container = scratch.current;
    if (!container || !elements.length) return;
    const positions = packPositions(elements.filter((e) => e.group === 'nodes'));
    const cy = cytoscape({
      container,
      elements: elements.map((e) => (e.group === 'nodes' ? { ...e, position: positions[String(e.data.id)] } : e)),
      style: chartStyle,
      layout: { name: 'preset' },
      userZoomingEnabled: false,
      userPanningEnabled: false,
      autoungrabify: true,
    }) as SvgCore;
    cy.fit(undefined, 30);
    const url = URL.createObjectURL(
      new Blob([cy.svg({ full: true, bg: '#ffffff', scale: 1 })], { type: 'image/svg+xml' }),
    );
    setPicture(url);
    cy.destroy();
    return () => URL.revokeObjectURL(url);
  }, [elements]);

  if (!elements.length) return <p className="hint">No hotspots or groups to draw.</p>;
  return (
    <figure className="pack-network" data-testid="pack-network" data-node-count={network.nodes.length}>
      <div ref={scratch} className="pack-network-scratch" aria-hidden="true" />
      {picture && (
        <img
          src={picture}
          alt={`Network of the hotspots and groups discussed: ${counts.places} places, ${counts.adults} adults and ${counts.youngPeople} young people, ${network.links.length} links`}
        />
      )}
      <figcaption>
        Places (hexagons) in the middle, adults (triangles) around them, young people (circles, by level) outside.
        {network.truncated ? ' Only part of the network is drawn.' : ''}
      </figcaption>
    </figure>
  );
}
