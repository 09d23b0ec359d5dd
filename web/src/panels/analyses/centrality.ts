import { recordFromSummary } from '../../workspace/contents.ts';
import type { CentralityAnswer } from '../analysis-answers.ts';
import { type AnalysisPanel, round } from '../panel.ts';

export const centralityPanel: AnalysisPanel = {
  id: 'centrality',
  label: 'Brokers (centrality)',
  description: 'Who brokers the network: degree, betweenness, closeness and PageRank.',
  params: [],
  columns: [
    { id: 'entity', header: 'Record' },
    { id: 'degree', header: 'Degree', numeric: true },
    { id: 'betweenness', header: 'Betweenness', numeric: true },
    { id: 'closeness', header: 'Closeness', numeric: true },
    { id: 'pageRank', header: 'PageRank', numeric: true },
  ],
  rows: (answer) =>
    (answer as CentralityAnswer).items.map((item) => ({
      key: item.entity.id,
      cells: {
        entity: item.entity.caption,
        degree: item.degree,
        betweenness: round(item.betweenness),
        closeness: round(item.closeness),
        pageRank: round(item.pageRank, 4),
      },
      records: [recordFromSummary(item.entity)],
      links: [],
    })),
};
