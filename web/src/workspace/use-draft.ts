import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';

export interface Draft<T> {
  /** What the control shows: the user's latest value, or the address's once it has caught up. */
  value: T;
  /** The user's new value: shown at once, put in the address when they pause. */
  change(next: T): void;
  /** Forgets the user's value and any change not yet in the address (the address was set another way). */
  drop(): void;
}

/**
 * A control whose value lives in the address (a time window, an analysis parameter). The address is changed
 * in a transition, and the chart is filtered and drawn again after it, so on a busy machine it lags behind a
 * held-down key or quick typing. Were the control to show the address, a step taken meanwhile would start from
 * a value already left behind and the user's input would be lost; so it shows the user's own value until the
 * address, written once they pause for `delay` ms, has caught up with it.
 */
export function useDraft<T>(current: T, commit: (value: T) => void, same: (a: T, b: T) => boolean, delay = 200) {
  const [draft, setDraft] = useState<{ value: T }>();
  const debounced = useDebouncedCallback(commit, delay);
  useEffect(() => {
    if (draft && same(draft.value, current)) setDraft(undefined);
  }, [draft, current, same]);
  return {
    value: draft ? draft.value : current,
    change(next: T) {
      setDraft({ value: next });
      debounced(next);
    },
    drop() {
      debounced.cancel();
      setDraft(undefined);
    },
  } satisfies Draft<T>;
}
