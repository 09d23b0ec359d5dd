import { Button, RangeSlider, TextInput } from '@mantine/core';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import { dateRange } from '../workspace/filters.ts';
import { monthEnd, monthIndex, monthLabel, monthStart } from './months.ts';

/** Limits the chart and the panels to links seen in a window: a slider by month, and exact dates. */
export function TimeWindow() {
  const { contents, filters, setFilters } = useChartWorkspace();
  const range = dateRange(contents);
  if (!range) return null;
  const first = monthIndex(range.first);
  const last = monthIndex(range.last);
  const value: [number, number] = [
    filters.from ? monthIndex(filters.from) : first,
    filters.to ? monthIndex(filters.to) : last,
  ];
  const setWindow = ([from, to]: [number, number]) => {
    const { from: _from, to: _to, ...rest } = filters;
    setFilters({
      ...rest,
      ...(from > first ? { from: monthStart(from) } : {}),
      ...(to < last ? { to: monthEnd(to) } : {}),
    });
  };
  return (
    <fieldset className="time-window">
      <legend>Links seen</legend>
      <RangeSlider
        min={first}
        max={Math.max(last, first + 1)}
        step={1}
        minRange={0}
        value={value}
        onChange={setWindow}
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
          setFilters(from ? { ...rest, from } : rest);
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
          setFilters(to ? { ...rest, to } : rest);
        }}
      />
      {(filters.from || filters.to) && (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => {
            const { from: _from, to: _to, ...rest } = filters;
            setFilters(rest);
          }}
        >
          All time
        </Button>
      )}
    </fieldset>
  );
}
