import { centralityPanel } from './analyses/centrality.ts';
import { groupsPanel } from './analyses/groups.ts';
import { hotspotsPanel } from './analyses/hotspots.ts';
import { keyPlayersPanel } from './analyses/key-players.ts';
import { pathsPanel } from './analyses/paths.ts';
import { sharedAdultsPanel } from './analyses/shared-adults.ts';
import { trianglesPanel } from './analyses/triangles.ts';
import type { AnalysisPanel } from './panel.ts';

/** Every analysis panel, listed once: the navigation, the routes and the panel view all read this list. */
export const analysisPanels: readonly AnalysisPanel[] = [
  sharedAdultsPanel,
  hotspotsPanel,
  trianglesPanel,
  groupsPanel,
  keyPlayersPanel,
  centralityPanel,
  pathsPanel,
];

export const panelById = (id: string | undefined) => analysisPanels.find((panel) => panel.id === id);
