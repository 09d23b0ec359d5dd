import { statusLabels } from './labels.ts';

/** An action's status in words, with a colour that is never the only cue. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`status-badge status-${status}`}>{statusLabels[status] ?? status}</span>;
}
