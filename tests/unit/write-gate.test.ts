import { describe, expect, it } from 'vitest';
import { writeGate } from '../../api/db/neo4j.ts';

/** A write that finishes when the test says so, noting when it started. */
function heldWrite(name: string, started: string[]) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    finish: () => finish(),
    work: async () => {
      started.push(name);
      await done;
      return name;
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the write gate', () => {
  it('runs as many writes as it has slots, and the rest in the order they came', async () => {
    const gate = writeGate(2, 60_000);
    const started: string[] = [];
    const writes = ['a', 'b', 'c', 'd', 'e'].map((name) => heldWrite(name, started));
    const answers = writes.map((write) => gate.through(write.work));
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect(gate.state()).toEqual({ running: 2, waiting: 3 });
    writes[1]?.finish();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    writes[0]?.finish();
    await tick();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    for (const write of writes) write.finish();
    expect(await Promise.all(answers)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(gate.state()).toEqual({ running: 0, waiting: 0 });
  });

  it('gives the next free slot to a write that answers many requests (ahead), before those already waiting', async () => {
    const gate = writeGate(1, 60_000);
    const started: string[] = [];
    const first = heldWrite('first', started);
    const second = heldWrite('second', started);
    const third = heldWrite('third', started);
    const group = heldWrite('group', started);
    const answers = [first, second, third].map((write) => gate.through(write.work));
    const grouped = gate.through(group.work, { ahead: true });
    await tick();
    expect(gate.state()).toEqual({ running: 1, waiting: 3 });
    first.finish();
    await tick();
    expect(started).toEqual(['first', 'group']);
    for (const write of [group, second, third]) write.finish();
    expect(await Promise.all([...answers, grouped])).toEqual(['first', 'second', 'third', 'group']);
    expect(started).toEqual(['first', 'group', 'second', 'third']);
  });

  it('gives the slot of a write that failed to the next', async () => {
    const gate = writeGate(1, 60_000);
    const failed = gate.through(async () => {
      throw new Error('Test: refused');
    });
    const next = gate.through(async () => 'next');
    await expect(failed).rejects.toThrow('Test: refused');
    expect(await next).toBe('next');
    expect(gate.state()).toEqual({ running: 0, waiting: 0 });
  });

  it('lets a write started inside another through, so the gate never waits on itself', async () => {
    const gate = writeGate(1, 60_000);
    const nested = await gate.through(async () => gate.through(async () => 'inner'));
    expect(nested).toBe('inner');
    expect(gate.state()).toEqual({ running: 0, waiting: 0 });
  });

  it('lets a write kept waiting too long through without a slot, and still hands the slot on after', async () => {
    const gate = writeGate(1, 50);
    const started: string[] = [];
    const slow = heldWrite('slow', started);
    const first = gate.through(slow.work);
    const late = await gate.through(async () => 'late');
    expect(late).toBe('late');
    expect(gate.state()).toEqual({ running: 1, waiting: 0 });
    slow.finish();
    expect(await first).toBe('slow');
    expect(gate.state()).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a number of slots that is not a whole number of at least one', () => {
    expect(() => writeGate(0, 1_000)).toThrow('writeSlots');
    expect(() => writeGate(1.5, 1_000)).toThrow('writeSlots');
  });
});
