import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  ApiError,
  fetchMe,
  fetchNetwork,
  fetchSchema,
  type Network,
  type SchemaDocument,
  type SignedInUser,
  signOut,
} from './api.ts';
import { toElements } from './chart/elements.ts';
import { NetworkChart } from './chart/NetworkChart.tsx';
import { DetailsPanel } from './DetailsPanel.tsx';
import { Legend } from './Legend.tsx';
import { SignIn } from './SignIn.tsx';

type Loaded = { schema: SchemaDocument; network: Network };

export function App() {
  const [user, setUser] = useState<SignedInUser | null | undefined>();
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | undefined>();

  useEffect(() => {
    fetchMe()
      .then(setUser)
      .catch((reason: unknown) => {
        if (reason instanceof ApiError && reason.status === 401) setUser(null);
        else setError(reason instanceof Error ? reason.message : String(reason));
      });
  }, []);

  const load = useCallback(() => {
    Promise.all([fetchSchema(), fetchNetwork()])
      .then(([schema, network]) => setLoaded({ schema, network }))
      .catch((reason: unknown) => {
        if (reason instanceof ApiError && reason.status === 401) setUser(null);
        else setError(reason instanceof Error ? reason.message : String(reason));
      });
  }, []);

  useEffect(() => {
    if (user?.permissions.includes('network:read')) load();
  }, [user, load]);

  const elements = useMemo(() => (loaded ? toElements(loaded.network, loaded.schema) : []), [loaded]);
  const onSelect = useCallback((id: string | undefined) => setSelected(id), []);

  if (user === null) return <SignIn onSignedIn={setUser} />;

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
        {user && (
          <p className="user" data-testid="user">
            {user.username} ({user.role}){' '}
            <button
              type="button"
              onClick={() => {
                void signOut().finally(() => {
                  setLoaded(undefined);
                  setSelected(undefined);
                  setUser(null);
                });
              }}
            >
              Sign out
            </button>
          </p>
        )}
      </header>
      <main>
        {error && (
          <p role="alert" className="error">
            Could not load the network: {error}
          </p>
        )}
        {user && !user.permissions.includes('network:read') && (
          <p className="hint">Your role ({user.role}) does not see the network. Administration screens are to come.</p>
        )}
        {!loaded && !error && user?.permissions.includes('network:read') && (
          <p className="loading">Loading the network …</p>
        )}
        {loaded && <NetworkChart elements={elements} onSelect={onSelect} />}
        <aside>
          {loaded && selected && (
            <DetailsPanel id={selected} network={loaded.network} schema={loaded.schema} onRevealed={load} />
          )}
          {loaded && !selected && <p className="hint">Select a node to see its details and links.</p>}
          {loaded && <Legend schema={loaded.schema} />}
        </aside>
      </main>
    </div>
  );
}
