import { recordFromSummary } from '../../workspace/contents.ts';
import type { KeyPlayersAnswer } from '../analysis-answers.ts';
import { type AnalysisPanel, round } from '../panel.ts';

export const keyPlayersPanel: AnalysisPanel = {
  id: 'key-players',
  label: 'Key players',
  description: 'The persons of interest whose disruption would fragment the network most, one after another.',
  params: [{ name: 'count', label: 'How many', min: 1, max: 20, default: 5 }],
  columns: [
    { id: 'order', header: 'Order', numeric: true },
    { id: 'entity', header: 'Person of interest' },
    { id: 'largestShare', header: 'Largest part left (share)', numeric: true },
    { id: 'components', header: 'Parts', numeric: true },
  ],
  rows: (answer) =>
    (answer as KeyPlayersAnswer).steps.map((step) => ({
      key: step.entity.id,
      cells: {
        order: step.order,
        entity: step.entity.caption,
        largestShare: round(step.largestComponentShare, 2),
        components: step.components,
      },
      records: [recordFromSummary(step.entity)],
      links: [],
    })),
};
