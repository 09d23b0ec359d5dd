import { type FormEvent, useState } from 'react';
import { revealYoungPerson } from '../api.ts';

/** Members see young people by reference; revealing a name needs a reason, which is logged. */
export function Reveal({ id, onRevealed }: { id: string; onRevealed(): void }) {
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
