import { linkFromEvidence, recordFromSummary } from '../../workspace/contents.ts';
import type { TrianglesAnswer } from '../analysis-answers.ts';
import type { AnalysisPanel } from '../panel.ts';

export const trianglesPanel: AnalysisPanel = {
  id: 'triangles',
  label: 'PAT triangles',
  description: 'A young person and a person of interest both tied to the same location.',
  params: [{ name: 'minLevel', label: 'Young people at this level or higher', min: 0, max: 3, default: 0 }],
  columns: [
    { id: 'youngPerson', header: 'Young person' },
    { id: 'adult', header: 'Person of interest' },
    { id: 'location', header: 'Location' },
    { id: 'linked', header: 'Also linked directly' },
    { id: 'lastSeen', header: 'Last seen' },
  ],
  rows: (answer) =>
    (answer as TrianglesAnswer).items.map((item) => ({
      key: `${item.youngPerson.id}:${item.adult.id}:${item.location.id}`,
      cells: {
        youngPerson: item.youngPerson.caption,
        adult: item.adult.caption,
        location: item.location.caption,
        linked: item.linked ? 'yes' : 'no',
        lastSeen: item.lastSeen,
      },
      records: [item.youngPerson, item.adult, item.location].map(recordFromSummary),
      links: [...item.youngPersonLinks, ...item.adultLinks, ...item.directLinks].map(linkFromEvidence),
    })),
};
