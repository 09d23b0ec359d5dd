import { z } from 'zod';

/**
 * What a meeting keeps, when it closes, of the hotspots and organised groups it discussed, so that the next
 * agenda can say what is new, what has grown and what has gone. Pure: no database here.
 */

export const snapshotHotspot = z.object({
  id: z.uuid(),
  caption: z.string(),
  youngPeopleCount: z.int(),
  adultCount: z.int(),
  /** The young people and adults listed at the place, for the pack's picture. */
  people: z.array(z.uuid()),
});
export type SnapshotHotspot = z.infer<typeof snapshotHotspot>;

export const snapshotGroup = z.object({
  id: z.string(),
  members: z.array(z.object({ id: z.uuid(), caption: z.string() })),
  /** The young people listed with the group (the analysis lists the most tied, up to its listLimit). */
  youngPeople: z.array(z.uuid()),
  /** All the young people tied to the group; absent from snapshots kept before it was recorded. */
  youngPeopleCount: z.int().optional(),
});
export type SnapshotGroup = z.infer<typeof snapshotGroup>;

export const networkSnapshot = z.object({ hotspots: z.array(snapshotHotspot), groups: z.array(snapshotGroup) });
export type NetworkSnapshot = z.infer<typeof networkSnapshot>;

/**
 * One snapshot for the police and one without police-only intelligence, so a later agenda never shows
 * anyone else a place or an adult they may not see, not even as "gone".
 */
export const meetingSnapshot = z.object({
  takenAt: z.string(),
  police: networkSnapshot,
  shared: networkSnapshot,
});
export type MeetingSnapshot = z.infer<typeof meetingSnapshot>;

export function readSnapshot(stored: unknown): MeetingSnapshot | null {
  if (typeof stored !== 'string') return null;
  const parsed = meetingSnapshot.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : null;
}

export const snapshotFor = (snapshot: MeetingSnapshot, policeIntelligence: boolean): NetworkSnapshot =>
  policeIntelligence ? snapshot.police : snapshot.shared;

const hotspotSize = (hotspot: SnapshotHotspot) => hotspot.youngPeopleCount + hotspot.adultCount;

export interface HotspotChanges {
  new: SnapshotHotspot[];
  grown: (SnapshotHotspot & { before: { youngPeopleCount: number; adultCount: number } })[];
  gone: SnapshotHotspot[];
}

/** Hotspots by place: new to the top list, grown (more young people or adults tied to them), or gone from it. */
export function hotspotChanges(
  current: readonly SnapshotHotspot[],
  previous: readonly SnapshotHotspot[],
): HotspotChanges {
  const before = new Map(previous.map((hotspot) => [hotspot.id, hotspot]));
  const now = new Set(current.map((hotspot) => hotspot.id));
  const changes: HotspotChanges = { new: [], grown: [], gone: [] };
  for (const hotspot of current) {
    const was = before.get(hotspot.id);
    if (!was) changes.new.push(hotspot);
    else if (hotspotSize(hotspot) > hotspotSize(was) || hotspot.youngPeopleCount > was.youngPeopleCount)
      changes.grown.push({
        ...hotspot,
        before: { youngPeopleCount: was.youngPeopleCount, adultCount: was.adultCount },
      });
  }
  changes.gone = previous.filter((hotspot) => !now.has(hotspot.id));
  return changes;
}

export interface GroupChanges {
  new: SnapshotGroup[];
  grown: (SnapshotGroup & { previousId: string; joined: { id: string; caption: string }[] })[];
  gone: SnapshotGroup[];
}

/**
 * Groups have no lasting identity (Louvain numbers them afresh each run), so a group is the same one as
 * before when at least half of the smaller of the two is shared; each earlier group matches one group at most.
 */
export function groupChanges(current: readonly SnapshotGroup[], previous: readonly SnapshotGroup[]): GroupChanges {
  const changes: GroupChanges = { new: [], grown: [], gone: [] };
  const matched = new Set<string>();
  for (const group of current) {
    const members = new Set(group.members.map((m) => m.id));
    let best: { group: SnapshotGroup; shared: number } | undefined;
    for (const earlier of previous) {
      if (matched.has(earlier.id)) continue;
      const shared = earlier.members.filter((m) => members.has(m.id)).length;
      const enough = shared * 2 >= Math.min(members.size, earlier.members.length) && shared > 0;
      if (enough && (!best || shared > best.shared)) best = { group: earlier, shared };
    }
    if (!best) {
      changes.new.push(group);
      continue;
    }
    matched.add(best.group.id);
    const before = new Set(best.group.members.map((m) => m.id));
    const joined = group.members.filter((m) => !before.has(m.id));
    if (joined.length) changes.grown.push({ ...group, previousId: best.group.id, joined });
  }
  changes.gone = previous.filter((group) => !matched.has(group.id));
  return changes;
}
