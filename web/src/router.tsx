import { createBrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { AccountsRoute } from './accounts/AccountsRoute.tsx';
import { DetailsDrawer } from './details/DetailsDrawer.tsx';
import { DuplicatesPanel } from './duplicates/DuplicatesPanel.tsx';
import { groupPages } from './group/pages.tsx';
import { AnalysisPanelView } from './panels/AnalysisPanelView.tsx';
import { RecordsList } from './side/RecordsList.tsx';
import { SearchResults } from './side/SearchResults.tsx';
import { OpenView } from './views/OpenView.tsx';
import { ViewsPanel } from './views/ViewsPanel.tsx';

/**
 * One URL per view, so a link can be shared and Back works; the chart stays while the side panel changes.
 * Under /group the operations group's pages take the whole window instead (App chooses the layout).
 */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <App />,
    children: [
      { index: true, element: <RecordsList /> },
      { path: 'search', element: <SearchResults /> },
      { path: 'analysis/:panelId', element: <AnalysisPanelView /> },
      { path: 'records/:id', element: <DetailsDrawer /> },
      { path: 'views', element: <ViewsPanel /> },
      { path: 'views/:viewId', element: <OpenView /> },
      { path: 'accounts', element: <AccountsRoute /> },
      { path: 'duplicates', element: <DuplicatesPanel /> },
      { path: 'import', lazy: () => import('./transfer/ImportRoute.tsx').then((m) => ({ Component: m.ImportRoute })) },
      ...groupPages.map((page) => ({ path: page.path ? `group/${page.path}` : 'group', element: page.element })),
    ],
  },
]);
