import { recordFromSummary } from '../../workspace/contents.ts';
import type { HotspotsAnswer } from '../analysis-answers.ts';
import type { AnalysisPanel } from '../panel.ts';

export const hotspotsPanel: AnalysisPanel = {
  id: 'hotspots',
  label: 'Hotspots',
  description: 'Locations linked to many young people and adults, and how recently.',
  params: [
    { name: 'minYoungPeople', label: 'At least this many young people', min: 0, max: 50, default: 1 },
    { name: 'minPeople', label: 'At least this many people in all', min: 1, max: 100, default: 2 },
  ],
  columns: [
    { id: 'location', header: 'Location' },
    { id: 'type', header: 'Type' },
    { id: 'youngPeople', header: 'Young people', numeric: true },
    { id: 'adults', header: 'Adults', numeric: true },
    { id: 'lastSeen', header: 'Last seen' },
  ],
  rows: (answer) =>
    (answer as HotspotsAnswer).items.map((item) => ({
      key: item.location.id,
      cells: {
        location: item.location.caption,
        type: item.location.type ?? '',
        youngPeople: item.youngPeopleCount,
        adults: item.adultCount,
        lastSeen: item.lastSeen,
      },
      records: [item.location, ...item.youngPeople, ...item.adults].map(recordFromSummary),
      links: [],
    })),
};
