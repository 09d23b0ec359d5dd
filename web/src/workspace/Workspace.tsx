import { Alert } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import type { SignedInUser } from '../api.ts';
import { toElements } from '../chart/elements.ts';
import { NetworkChart } from '../chart/NetworkChart.tsx';
import { groupPages } from '../group/pages.tsx';
import { Legend } from '../Legend.tsx';
import { useKeepFilters } from '../links.ts';
import { analysisPanels } from '../panels/registry.ts';
import { errorText, useNetwork } from '../queries.ts';
import { SignOutButton } from '../SignOutButton.tsx';
import { SearchBox } from '../toolbar/SearchBox.tsx';
import { Toolbar } from '../toolbar/Toolbar.tsx';
import { canImport } from '../transfer/can-import.ts';
import { useChartWorkspace } from './ChartContext.tsx';
import { contentsFromNetwork } from './contents.ts';

/** The analyst's workspace: the chart, the toolbar over it, and a side panel whose content follows the URL. */
export function Workspace({ user }: { user: SignedInUser }) {
  const workspace = useChartWorkspace();
  const { schema, contents, dispatch, visible, highlight, selected, setSelected, restore, chart } = workspace;
  const network = useNetwork(true);
  const navigate = useNavigate();
  const keepFilters = useKeepFilters();

  useEffect(() => {
    if (network.data) dispatch({ type: 'replace', contents: contentsFromNetwork(network.data, schema) });
  }, [network.data, schema, dispatch]);

  const elements = useMemo(
    () => toElements(visible, schema, { pinned: contents.pinned, highlight }),
    [visible, schema, contents.pinned, highlight],
  );

  return (
    <div className="app">
      <header>
        <h1>patmap</h1>
        {groupPages.some((page) => page.path === '' && user.permissions.includes(page.permission)) && (
          <NavLink to="/group" className="on-dark">
            Operations group
          </NavLink>
        )}
        <SearchBox />
        {network.data && (
          <p className="counts" data-testid="counts">
            {network.data.nodes.length} records · {network.data.links.length} links
            {network.data.truncated ? ' (more than shown)' : ''} · on the chart: {visible.records.length} records,{' '}
            {visible.links.length} links
          </p>
        )}
        <p className="user" data-testid="user">
          {user.username} ({user.role}) <SignOutButton />
        </p>
      </header>
      <Toolbar />
      <main>
        {network.isError && (
          <Alert color="red" title="Could not load the network" className="error">
            {errorText(network.error)}
          </Alert>
        )}
        {network.isPending && <p className="loading">Loading the network …</p>}
        <NetworkChart
          elements={elements}
          selected={selected}
          restore={restore}
          handle={chart}
          onOpen={(id) => {
            if (!id.startsWith('group:')) navigate(keepFilters(`/records/${id}`));
          }}
          onSelection={setSelected}
        />
        <aside>
          <nav aria-label="Side panel" className="side-nav">
            <NavLink to={keepFilters('/')} end>
              Chart as a list
            </NavLink>
            {analysisPanels.map((panel) => (
              <NavLink key={panel.id} to={keepFilters(`/analysis/${panel.id}`)}>
                {panel.label}
              </NavLink>
            ))}
            <NavLink to={keepFilters('/views')}>Saved views</NavLink>
            {user.permissions.includes('records:write') && (
              <NavLink to={keepFilters('/duplicates')}>Duplicates</NavLink>
            )}
            {canImport(user.permissions) && <NavLink to={keepFilters('/import')}>Import</NavLink>}
          </nav>
          <Outlet />
          <Legend schema={schema} />
        </aside>
      </main>
    </div>
  );
}
