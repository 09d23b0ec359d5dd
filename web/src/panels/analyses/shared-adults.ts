import { linkFromEvidence, recordFromSummary } from '../../workspace/contents.ts';
import type { SharedAdultsAnswer } from '../analysis-answers.ts';
import type { AnalysisPanel } from '../panel.ts';

export const sharedAdultsPanel: AnalysisPanel = {
  id: 'shared-adults',
  label: 'Shared adults',
  description: 'Persons of interest linked to two or more young people, ranked by how many and how high their levels.',
  params: [{ name: 'minYoungPeople', label: 'At least this many young people', min: 1, max: 50, default: 2 }],
  columns: [
    { id: 'adult', header: 'Person of interest' },
    { id: 'youngPeople', header: 'Young people', numeric: true },
    { id: 'levelScore', header: 'Level score', numeric: true },
    { id: 'lastSeen', header: 'Last seen' },
  ],
  rows: (answer) =>
    (answer as SharedAdultsAnswer).items.map((item) => ({
      key: item.adult.id,
      cells: {
        adult: item.adult.caption,
        youngPeople: item.youngPeopleCount,
        levelScore: item.levelScore,
        lastSeen: item.lastSeen,
      },
      records: [item.adult, ...item.youngPeople].map(recordFromSummary),
      links: item.youngPeople.flatMap((yp) => yp.links.map(linkFromEvidence)),
    })),
};
