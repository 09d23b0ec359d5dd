import { useCallback, useEffect, useMemo, useState } from 'react';
import { fetchNetwork, fetchSchema, type Network, type SchemaDocument } from './api.ts';
import { toElements } from './chart/elements.ts';
import { NetworkChart } from './chart/NetworkChart.tsx';
import { DetailsPanel } from './DetailsPanel.tsx';
import { Legend } from './Legend.tsx';

type Loaded = { schema: SchemaDocument; network: Network };

export function App() {
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | undefined>();

  useEffect(() => {
    Promise.all([fetchSchema(), fetchNetwork()])
      .then(([schema, network]) => setLoaded({ schema, network }))
      .catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  }, []);

  const elements = useMemo(() => (loaded ? toElements(loaded.network, loaded.schema) : []), [loaded]);
  const onSelect = useCallback((id: string | undefined) => setSelected(id), []);

  return (
    <div className="app">
      <header>
        <h1>patmap</h1>
        <p>Young people, persons of interest and the places that link them</p>
        {loaded && (
          <p className="counts" data-testid="counts">
            {loaded.network.nodes.length} records · {loaded.network.links.length} links
            {loaded.network.truncated ? ' (more than shown)' : ''}
          </p>
        )}
      </header>
      <main>
        {error && (
          <p role="alert" className="error">
            Could not load the network: {error}
          </p>
        )}
        {!loaded && !error && <p className="loading">Loading the network …</p>}
        {loaded && <NetworkChart elements={elements} onSelect={onSelect} />}
        <aside>
          {loaded && selected && <DetailsPanel id={selected} network={loaded.network} schema={loaded.schema} />}
          {loaded && !selected && <p className="hint">Select a node to see its details and links.</p>}
          {loaded && <Legend schema={loaded.schema} />}
        </aside>
      </main>
    </div>
  );
}
