/** Timing summaries and the table the benchmark prints. Pure, so the arithmetic is unit-tested. */

/** The p-th percentile (0–100) by the nearest-rank method: always one of the measured values. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (p < 0 || p > 100) throw new Error(`percentile ${p} is outside 0–100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export interface Timing {
  p50: number;
  p95: number;
  runs: number;
}

export function summarise(samples: readonly number[]): Timing {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), runs: samples.length };
}

/**
 * Runs `work` `warmup` times unmeasured, then `runs` times, returning each run's milliseconds. `before`,
 * if given, runs ahead of every run, unmeasured.
 */
export async function time(
  work: () => Promise<unknown>,
  runs: number,
  { warmup = 2, before }: { warmup?: number; before?: () => Promise<unknown> } = {},
): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) {
    await before?.();
    await work();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    await before?.();
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

/** A Markdown table: the same text reads in a terminal and pastes into the README. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}
