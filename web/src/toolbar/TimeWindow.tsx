import { Button, RangeSlider, TextInput } from '@mantine/core';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import { dateRange } from '../workspace/filters.ts';
import { useDraft } from '../workspace/use-draft.ts';
import { monthEnd, monthIndex, monthLabel, monthStart } from './months.ts';

const sameMonths = (a: [number, number], b: [number, number]) => a[0] === b[0] && a[1] === b[1];

/** Limits the chart and the panels to links seen in a window: a slider by month, and exact dates. */
export function TimeWindow() {
  const { contents, filters, setFilters } = useChartWorkspace();
  const range = dateRange(contents);
  const first = range ? monthIndex(range.first) : 0;
  const last = range ? monthIndex(range.last) : 0;
  const [fromMonth, toMonth] = [
    filters.from ? monthIndex(filters.from) : first,
    filters.to ? monthIndex(filters.to) : last,
  ];
  const slider = useDraft<[number, number]>(
    [fromMonth, toMonth],
    ([from, to]) => {
      const { from: _from, to: _to, ...rest } = filters;
      setFilters({
        ...rest,
        ...(from > first ? { from: monthStart(from) } : {}),
        ...(to < last ? { to: monthEnd(to) } : {}),
      });
    },
    sameMonths,
  );
  if (!range) return null;
  const setExactly = (next: typeof filters) => {
    slider.drop();
    setFilters(next);
  };
  return (
    <fieldset className="time-window">
      <legend>Links seen</legend>
      <RangeSlider
        min={first}
        max={Math.max(last, first + 1)}
        step={1}
        minRange={0}
        value={slider.value}
        onChange={slider.change}
        label={monthLabel}
        thumbFromLabel="Links seen from (month)"
        thumbToLabel="Links seen until (month)"
        className="time-slider"
      />
      <TextInput
        type="date"
        label="From"
        size="xs"
        value={filters.from ?? ''}
        onChange={(event) => {
          const { from: _from, ...rest } = filters;
          const from = event.currentTarget.value;
          setExactly(from ? { ...rest, from } : rest);
        }}
      />
      <TextInput
        type="date"
        label="To"
        size="xs"
        value={filters.to ?? ''}
        onChange={(event) => {
          const { to: _to, ...rest } = filters;
          const to = event.currentTarget.value;
          setExactly(to ? { ...rest, to } : rest);
        }}
      />
      {(filters.from || filters.to) && (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => {
            const { from: _from, to: _to, ...rest } = filters;
            setExactly(rest);
          }}
        >
          All time
        </Button>
      )}
    </fieldset>
  );
}
