import { ExportMenu } from './ExportMenu.tsx';
import { FilterBar } from './FilterBar.tsx';
import { SelectionActions } from './SelectionActions.tsx';
import { TimeWindow } from './TimeWindow.tsx';

export function Toolbar() {
  return (
    <section className="toolbar" aria-label="Chart tools">
      <TimeWindow />
      <FilterBar />
      <SelectionActions />
      <ExportMenu />
    </section>
  );
}
