import { linkFromEvidence, recordFromSummary } from '../../workspace/contents.ts';
import type { PathsAnswer } from '../analysis-answers.ts';
import type { AnalysisPanel } from '../panel.ts';

export const pathsPanel: AnalysisPanel = {
  id: 'paths',
  label: 'Paths between two',
  description: 'How the two records selected on the chart are connected: through whom and where.',
  params: [{ name: 'maxHops', label: 'At most this many steps', min: 1, max: 6, default: 4 }],
  needsTwoRecords: true,
  columns: [
    { id: 'route', header: 'Route' },
    { id: 'length', header: 'Steps', numeric: true },
  ],
  rows: (answer) =>
    (answer as PathsAnswer).items.map((path, index) => ({
      key: `path-${index}`,
      cells: { route: path.nodes.map((n) => n.caption).join(' → '), length: path.length },
      records: path.nodes.map(recordFromSummary),
      links: path.links.map(linkFromEvidence),
    })),
};
