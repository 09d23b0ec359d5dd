import { Table } from '@mantine/core';
import type { Dashboard } from './dashboard-api.ts';
import './dashboard.css';

type Trend = Dashboard['levels']['trend'];

const levels = [3, 2, 1] as const;
/** Each level has its own colour, dash and end label, so colour is never the only cue. */
const lineClass = { 1: 'trend-line level-1', 2: 'trend-line level-2', 3: 'trend-line level-3' } as const;

const width = 640;
const height = 220;
const margin = { top: 14, right: 64, bottom: 28, left: 36 };
const labelGap = 13;

const monthLabel = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });

/** A step of 1, 2, 5 or 10 … that gives about four gridlines up to the largest count. */
function gridStep(largest: number): number {
  const raw = Math.max(1, largest / 4);
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

/** Where each level's end label goes: beside its line's last point, moved apart so that no two overlap. */
function endLabels(ends: { level: 1 | 2 | 3; y: number }[], lowest: number, highest: number) {
  const placed = [...ends].sort((a, b) => a.y - b.y || b.level - a.level);
  for (let i = 1; i < placed.length; i += 1) {
    const previous = placed[i - 1] as (typeof placed)[number];
    const current = placed[i] as (typeof placed)[number];
    current.y = Math.max(current.y, previous.y + labelGap);
  }
  const overflow = Math.max(0, (placed.at(-1)?.y ?? 0) - highest);
  return new Map(placed.map((end) => [end.level, Math.max(lowest, end.y - overflow)]));
}

/** The 12-month trend of cases by level: a small line chart drawn as SVG, and the same figures as a table. */
export function LevelTrend({ trend }: { trend: Trend }) {
  const largest = Math.max(1, ...trend.flatMap((point) => levels.map((level) => point.levels[level])));
  const step = gridStep(largest);
  const top = Math.ceil(largest / step) * step;
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const x = (i: number) => margin.left + (trend.length > 1 ? (i * innerWidth) / (trend.length - 1) : innerWidth / 2);
  const y = (count: number) => margin.top + innerHeight - (count / top) * innerHeight;
  const gridlines = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const first = trend[0];
  const last = trend.at(-1);
  const labelY = endLabels(
    levels.map((level) => ({ level, y: y(last?.levels[level] ?? 0) + 4 })),
    margin.top,
    height - margin.bottom + 4,
  );
  const summary =
    first && last
      ? `From ${monthLabel(first.month)} to ${monthLabel(last.month)}: level 3 ${first.levels[3]} to ${last.levels[3]}, level 2 ${first.levels[2]} to ${last.levels[2]}, level 1 ${first.levels[1]} to ${last.levels[1]}.`
      : 'No months to show.';

  return (
    <figure className="level-trend" data-testid="level-trend">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="trend-title trend-summary">
        <title id="trend-title">Cases by level of concern at each month's end, over the last 12 months</title>
        <desc id="trend-summary">{summary}</desc>
        {gridlines.map((count) => (
          <g key={count} className="trend-grid">
            <line x1={margin.left} x2={width - margin.right} y1={y(count)} y2={y(count)} />
            <text x={margin.left - 6} y={y(count) + 4} textAnchor="end">
              {count}
            </text>
          </g>
        ))}
        {trend.map((point, i) =>
          (trend.length - 1 - i) % 2 === 0 ? (
            <text key={point.month} className="trend-axis" x={x(i)} y={height - 8} textAnchor="middle">
              {monthLabel(point.month)}
            </text>
          ) : null,
        )}
        {levels.map((level) => (
          <g key={level} className={lineClass[level]}>
            <polyline points={trend.map((point, i) => `${x(i)},${y(point.levels[level])}`).join(' ')} />
            {trend.map((point, i) => (
              <circle key={point.month} cx={x(i)} cy={y(point.levels[level])} r={3} />
            ))}
            {last && (
              <text x={width - margin.right + 8} y={labelY.get(level)}>
                L{level}: {last.levels[level]}
              </text>
            )}
          </g>
        ))}
      </svg>
      <details className="trend-table">
        <summary>The trend as a table</summary>
        <Table striped withTableBorder>
          <Table.Caption>Cases by level at each month's end (today for this month)</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Month</Table.Th>
              {levels.map((level) => (
                <Table.Th key={level} scope="col" className="numeric">
                  Level {level}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {trend.map((point) => (
              <Table.Tr key={point.month}>
                <Table.Th scope="row">
                  {monthLabel(point.month)} ({point.on})
                </Table.Th>
                {levels.map((level) => (
                  <Table.Td key={level} className="numeric">
                    {point.levels[level]}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </figure>
  );
}
