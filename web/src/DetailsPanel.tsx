import { type FormEvent, useState } from 'react';
import { type Network, revealYoungPerson, type SchemaDocument } from './api.ts';

const hidden = new Set(['id', 'version', '_lock']);

function show(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

/** The record's properties in the order the schema declares them, then anything else. */
function orderedProperties(record: Record<string, unknown>, declared: SchemaDocument['nodes'][number] | undefined) {
  const declaredOrder = Object.keys((declared?.properties as { properties?: object } | undefined)?.properties ?? {});
  const rank = (key: string) => {
    const index = declaredOrder.indexOf(key);
    return index === -1 ? declaredOrder.length : index;
  };
  return Object.entries(record).sort(([a], [b]) => rank(a) - rank(b));
}

const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** The selected record: its properties, then its links with their evidence. */
export interface DetailsPanelProps {
  id: string;
  network: Network;
  schema: SchemaDocument;
  onRevealed(): void;
}

export function DetailsPanel({ id, network, schema, onRevealed }: DetailsPanelProps) {
  const node = network.nodes.find((n) => n.id === id);
  if (!node) return null;
  const declared = schema.nodes.find((n) => n.label === node.label);
  const captionOf = (otherId: string) => {
    const other = network.nodes.find((n) => n.id === otherId);
    const otherSchema = schema.nodes.find((n) => n.label === other?.label);
    return show(other?.record[otherSchema?.caption ?? 'name']);
  };
  const linkCaption = new Map(schema.relationships.map((r) => [r.type, r.caption]));
  const links = network.links.filter((l) => l.from === id || l.to === id);
  return (
    <section className="details" aria-label="Details" data-testid="details">
      <h2>{show(node.record[declared?.caption ?? 'name'])}</h2>
      <p className="kind">{declared?.title ?? node.label}</p>
      {node.record.pseudonymised === true && <Reveal id={id} onRevealed={onRevealed} />}
      <dl>
        {orderedProperties(node.record, declared)
          .filter(([key]) => !hidden.has(key))
          .map(([key, value]) => (
            <div key={key}>
              <dt>{words(key)}</dt>
              <dd>{show(value)}</dd>
            </div>
          ))}
      </dl>
      <h3>Links ({links.length})</h3>
      <ul className="links">
        {links.map((link) => (
          <li key={link.id}>
            {captionOf(link.from)} <em>{linkCaption.get(link.type) ?? link.type}</em> {captionOf(link.to)}
            <br />
            <small>
              {show(link.sourceAgency)} · grading {show(link.gradingSource)}
              {show(link.gradingInformation)}
              {show(link.gradingHandling)} · {show(link.firstSeen)} to {show(link.lastSeen ?? 'now')}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Members see young people by reference; revealing a name needs a reason, which is logged. */
function Reveal({ id, onRevealed }: { id: string; onRevealed(): void }) {
  const [error, setError] = useState<string | undefined>();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '');
    try {
      await revealYoungPerson(id, reason);
      onRevealed();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }
  return (
    <form className="reveal" onSubmit={submit}>
      <p>Shown by reference code. To see the name, give the reason (it is recorded).</p>
      <label>
        Reason
        <input name="reason" minLength={5} maxLength={500} required />
      </label>
      <button type="submit">Reveal name</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
