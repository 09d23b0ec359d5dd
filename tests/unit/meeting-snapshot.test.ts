import { describe, expect, it } from 'vitest';
import { groupChanges, hotspotChanges, type SnapshotGroup } from '../../api/operations/meetings/snapshot.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const hotspot = (n: number, youngPeopleCount: number, adultCount = 1) => ({
  id: id(n),
  caption: `Test Place ${n}`,
  youngPeopleCount,
  adultCount,
  people: [],
});
const group = (name: string, members: number[]): SnapshotGroup => ({
  id: name,
  members: members.map((n) => ({ id: id(n), caption: `Test Adult ${n}` })),
  youngPeople: [],
});

describe('hotspot changes between meetings', () => {
  it('names the places new to the list, grown, and gone', () => {
    const changes = hotspotChanges(
      [hotspot(1, 4), hotspot(2, 3), hotspot(3, 2)],
      [hotspot(1, 2), hotspot(3, 2), hotspot(4, 5)],
    );
    expect(changes.new.map((h) => h.id)).toEqual([id(2)]);
    expect(changes.grown.map((h) => [h.id, h.before.youngPeopleCount])).toEqual([[id(1), 2]]);
    expect(changes.gone.map((h) => h.id)).toEqual([id(4)]);
  });

  it('does not call a place grown when it lost people', () => {
    expect(hotspotChanges([hotspot(1, 2)], [hotspot(1, 3)]).grown).toEqual([]);
  });
});

describe('group changes between meetings', () => {
  it('matches a renumbered group by the members it shares, and lists who joined', () => {
    const changes = groupChanges(
      [group('group-1', [1, 2, 3, 4]), group('group-2', [7, 8, 9])],
      [group('group-3', [1, 2, 3])],
    );
    expect(changes.grown).toEqual([expect.objectContaining({ id: 'group-1', previousId: 'group-3' })]);
    expect(changes.grown[0]?.joined.map((m) => m.id)).toEqual([id(4)]);
    expect(changes.new.map((g) => g.id)).toEqual(['group-2']);
    expect(changes.gone).toEqual([]);
  });

  it('calls a group gone when fewer than half of its members are in any group now', () => {
    const changes = groupChanges([group('group-1', [1, 5, 6, 7])], [group('group-1', [1, 2, 3])]);
    expect(changes.gone.map((g) => g.id)).toEqual(['group-1']);
    expect(changes.new.map((g) => g.id)).toEqual(['group-1']);
  });

  it('matches each earlier group once', () => {
    const changes = groupChanges([group('group-1', [1, 2]), group('group-2', [1, 2])], [group('group-9', [1, 2])]);
    expect(changes.new.map((g) => g.id)).toEqual(['group-2']);
  });
});
