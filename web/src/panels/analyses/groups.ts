import { recordFromSummary } from '../../workspace/contents.ts';
import type { GroupsAnswer } from '../analysis-answers.ts';
import { type AnalysisPanel, round } from '../panel.ts';

export const groupsPanel: AnalysisPanel = {
  id: 'groups',
  label: 'Organised groups',
  description: 'Adults bound by shared young people, places, direct association and shared phones or vehicles.',
  params: [
    { name: 'minSize', label: 'At least this many adults', min: 2, max: 100, default: 3 },
    { name: 'resolution', label: 'Resolution (higher finds smaller groups)', min: 0.1, max: 10, default: 1, step: 0.1 },
    {
      name: 'sortBy',
      label: 'Groups first by',
      choices: [
        { value: 'size', label: 'Most adults' },
        { value: 'internalWeight', label: 'Strongest bonds inside' },
        { value: 'cohesion', label: 'Cohesion (least bound outside)' },
        { value: 'density', label: 'Density (most pairs bound)' },
      ],
      default: 'size',
    },
  ],
  columns: [
    { id: 'name', header: 'Group' },
    { id: 'members', header: 'Adults', numeric: true },
    { id: 'youngPeople', header: 'Young people', numeric: true },
    { id: 'cohesion', header: 'Cohesion', numeric: true },
    { id: 'density', header: 'Density', numeric: true },
  ],
  rows: (answer) =>
    (answer as GroupsAnswer).items.map((item, index) => {
      const name = `Group ${index + 1}: ${item.members
        .slice(0, 2)
        .map((m) => m.caption)
        .join(', ')}${item.members.length > 2 ? ' …' : ''}`;
      return {
        key: item.id,
        cells: {
          name,
          members: item.members.length,
          youngPeople: item.youngPeopleCount,
          cohesion: round(item.cohesion, 2),
          density: round(item.density, 2),
        },
        records: [...item.members, ...item.youngPeople, ...item.sharedLocations].map(recordFromSummary),
        links: [],
        group: { id: item.id, name: `Group ${index + 1}`, members: item.members.map((m) => m.id) },
      };
    }),
};
