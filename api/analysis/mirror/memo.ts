import type { Mirror } from './mirror.ts';

/**
 * The last few results worked out from a mirror, by its state and the parameters: a result is reused while
 * the mirror is the same one at the same version, so a repeated analysis (another member opening the same
 * panel, a second look) skips the work, and any change to the network makes it be worked out again.
 */
export function memoByMirror<T>(size: number) {
  let entries: { mirror: Mirror; version: number; key: string; value: T }[] = [];
  return {
    get(mirror: Mirror, key: string, make: () => T): T {
      const hit = entries.find((e) => e.mirror === mirror && e.version === mirror.version && e.key === key);
      if (hit) return hit.value;
      const value = make();
      entries = [{ mirror, version: mirror.version, key, value }, ...entries.filter((e) => e.mirror === mirror)].slice(
        0,
        size,
      );
      return value;
    },
    /** Drops a result that turned out not to be one (a run that failed), so the next call works it out again. */
    forget(value: T): void {
      entries = entries.filter((e) => e.value !== value);
    },
  };
}

/**
 * The last few states worked out from a mirror, by key: one is reused while the mirror is unchanged, patched
 * after a change (`patch` answers undefined when it cannot be), and made afresh for another mirror or key.
 */
export function patchedByMirror<S extends { mirror: Mirror; version: number }, P>(
  size: number,
  make: (mirror: Mirror, parameters: P) => S,
  patch: (state: S, mirror: Mirror) => S | undefined,
) {
  let entries: { key: string; state: S }[] = [];
  return {
    get(mirror: Mirror, key: string, parameters: P): S {
      const found = entries.find((entry) => entry.state.mirror === mirror && entry.key === key);
      // Out of the cache while it is patched: a patch changes the old state in place, so a patch that failed
      // part way must not leave it to be patched again.
      entries = entries.filter((entry) => entry !== found && entry.state.mirror === mirror);
      let state = found?.state;
      if (state && state.version !== mirror.version) state = patch(state, mirror);
      state ??= make(mirror, parameters);
      entries = [{ key, state }, ...entries].slice(0, size);
      return state;
    },
  };
}
