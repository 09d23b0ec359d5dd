import type { SchemaDocument } from './api.ts';
import { disruptedColour, levelColours, sideColours } from './chart/style.ts';

const shapeSymbol = { victim: '●', offender: '▲', location: '⬢', event: '◆' } as const;

export function Legend({ schema }: { schema: SchemaDocument }) {
  return (
    <section className="legend" aria-label="Legend">
      <h2>Legend</h2>
      <ul>
        {schema.nodes.map((node) => (
          <li key={node.label}>
            <span
              className="symbol"
              aria-hidden="true"
              style={{
                color:
                  node.side === 'victim'
                    ? levelColours[2]
                    : sideColours[node.side as 'offender' | 'location' | 'event'],
              }}
            >
              {shapeSymbol[node.side as keyof typeof shapeSymbol]}
            </span>
            {node.plural} ({node.side})
          </li>
        ))}
      </ul>
      <h3>Level of concern</h3>
      <ul>
        {([3, 2, 1, 'archived'] as const).map((level) => (
          <li key={level}>
            <span className="swatch" aria-hidden="true" style={{ background: levelColours[level] }} />
            {level === 'archived' ? 'Archived (faded)' : `Level ${level} (L${level})`}
          </li>
        ))}
      </ul>
      <h3>Disruption</h3>
      <ul>
        <li>
          <span className="swatch ring" aria-hidden="true" style={{ outline: `3px solid ${disruptedColour}` }} />
          Under an active disruption ([disrupted])
        </li>
      </ul>
      <h3>Links</h3>
      <ul>
        <li>
          <span className="line solid" aria-hidden="true" /> person to person
        </li>
        <li>
          <span className="line place" aria-hidden="true" /> person to place
        </li>
        <li>
          <span className="line dashed" aria-hidden="true" /> weak grading (source 3, or D/E)
        </li>
        <li>
          <span className="line dotted" aria-hidden="true" /> handling code C
        </li>
      </ul>
    </section>
  );
}
