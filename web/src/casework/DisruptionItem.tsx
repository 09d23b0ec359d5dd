import { BreachForm } from './BreachForm.tsx';
import { type DisruptionView, todayIso } from './casework-api.ts';
import { tacticLabels } from './labels.ts';

/** One tactic: active or expired, its dates, owner, breaches and outcome. */
export function DisruptionItem({
  disruption,
  subject,
  canWrite,
}: {
  disruption: DisruptionView;
  subject: string;
  canWrite: boolean;
}) {
  const tactic = tacticLabels[String(disruption.tactic)] ?? String(disruption.tactic);
  return (
    <li>
      <span className={`status-badge status-${disruption.active ? 'active' : 'expired'}`}>
        {disruption.active ? 'Active' : 'Expired'}
      </span>
      {tactic}
      {disruption.tacticDetail ? `: ${String(disruption.tacticDetail)}` : ''}
      <div className="meta">
        {String(disruption.agency)} · served {String(disruption.servedOn)}
        {disruption.expiresOn ? ` · expires ${String(disruption.expiresOn)}` : ''}
        {disruption.reviewOn ? ` · review ${String(disruption.reviewOn)}` : ''}
        {disruption.active && typeof disruption.reviewOn === 'string' && disruption.reviewOn < todayIso()
          ? ' (review overdue)'
          : ''}
        {disruption.outcome ? ` · outcome: ${String(disruption.outcome)}` : ''}
      </div>
      <div className="meta" data-testid="breaches">
        {disruption.breaches.length
          ? `Breaches (${disruption.breaches.length}): ${disruption.breaches
              .map((breach) => (breach.note ? `${breach.on} (${breach.note})` : breach.on))
              .join('; ')}`
          : 'No breaches'}
      </div>
      {canWrite && (
        <details className="casework-form">
          <summary>Record a breach</summary>
          <BreachForm disruption={disruption} subject={subject} />
        </details>
      )}
    </li>
  );
}
