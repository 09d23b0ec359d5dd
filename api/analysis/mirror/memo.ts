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
