import { createRandom } from '../../api/analysis/algorithms/random.ts';
import { Mirror, type MirrorLinkRow, type MirrorRecordRow } from '../../api/analysis/mirror/mirror.ts';
import { generateSynthetic } from '../../seed/synthetic.ts';

/** A small synthetic network in a mirror, with the rows it was made of. */
export function syntheticMirror(seed: number) {
  const network = generateSynthetic({ youngPeople: 240, adults: 320, locations: 200, groups: 8, seed });
  const records: MirrorRecordRow[] = [
    ...network.youngPeople.map((r) => ({ ...r, label: 'YoungPerson' }) as MirrorRecordRow),
    ...network.personsOfInterest.map((r) => ({ ...r, label: 'PersonOfInterest' }) as MirrorRecordRow),
    ...network.locations.map((r) => ({ ...r, label: 'Location' }) as MirrorRecordRow),
  ];
  const links = network.links.map((l) => ({ ...l, lastSeen: l.lastSeen ?? null }) as MirrorLinkRow);
  const mirror = new Mirror();
  for (const record of records) mirror.upsertRecord(record);
  for (const link of links) mirror.upsertLink(link);
  return { mirror, records, links };
}

/**
 * Random changes of every kind the mirror takes in: links created, removed, re-graded, hidden (handling
 * C), moved to other records; adults given a phone another holds, archived, made police-only; records
 * added and removed.
 */
export function changer(
  mirror: Mirror,
  records: MirrorRecordRow[],
  links: MirrorLinkRow[],
  seed: number,
  { events = false }: { events?: boolean } = {},
) {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const live = () => records.filter((r) => mirror.recordIndex.has(r.id));
  const ofLabel = (label: string) => live().filter((r) => r.label === label);
  const liveLinks = () => links.filter((l) => mirror.linkIndex.has(l.id));
  /** A record changed: in the test's own list and in the mirror. */
  const replace = (before: MirrorRecordRow, after: MirrorRecordRow) => {
    records[records.indexOf(before)] = after;
    mirror.upsertRecord(after);
  };
  const typeOf = (from: string, to: string) =>
    (links.find((l) => labelOf(l.from) === from && labelOf(l.to) === to) as MirrorLinkRow).type;
  const labelById = new Map(records.map((r) => [r.id, r.label]));
  const labelOf = (id: string) => labelById.get(id);
  const types = {
    child: typeOf('PersonOfInterest', 'YoungPerson'),
    place: typeOf('PersonOfInterest', 'Location'),
    adult: typeOf('PersonOfInterest', 'PersonOfInterest'),
  };
  let made = 0;
  const newLink = (from: MirrorRecordRow, to: MirrorRecordRow, type: string): MirrorLinkRow => {
    made += 1;
    const row: MirrorLinkRow = {
      id: `zz-test-link-${String(made).padStart(5, '0')}`,
      type,
      from: from.id,
      to: to.id,
      sourceAgency: 'Police',
      sourceReference: null,
      gradingSource: 1 + Math.floor(random() * 3),
      gradingInformation: pick(['A', 'B', 'C', 'D', 'E']),
      gradingHandling: random() < 0.2 ? 'C' : 'P',
      firstSeen: '2026-03-01',
      lastSeen: random() < 0.5 ? '2026-09-01' : null,
    };
    links.push(row);
    return row;
  };
  const changes: (() => string)[] = [
    () => {
      const row = newLink(pick(ofLabel('PersonOfInterest')), pick(ofLabel('YoungPerson')), types.child);
      mirror.upsertLink(row);
      return 'a link from an adult to a young person';
    },
    () => {
      const row = newLink(pick(ofLabel('PersonOfInterest')), pick(ofLabel('Location')), types.place);
      mirror.upsertLink(row);
      return 'a link from an adult to a place';
    },
    () => {
      const row = newLink(pick(ofLabel('PersonOfInterest')), pick(ofLabel('PersonOfInterest')), types.adult);
      mirror.upsertLink(row);
      return 'a link between adults';
    },
    () => {
      mirror.removeLink(pick(liveLinks()).id);
      return 'a link removed';
    },
    () => {
      const row = pick(liveLinks());
      const regraded = { ...row, gradingSource: 3, gradingInformation: 'E', lastSeen: '2024-01-01' };
      links[links.indexOf(row)] = regraded;
      mirror.upsertLink(regraded);
      return 'a link re-graded';
    },
    () => {
      const row = pick(liveLinks());
      const hidden = { ...row, gradingHandling: row.gradingHandling === 'C' ? 'P' : 'C' };
      links[links.indexOf(row)] = hidden;
      mirror.upsertLink(hidden);
      return 'a link hidden or shown';
    },
    () => {
      const row = pick(liveLinks().filter((l) => labelOf(l.from) === 'PersonOfInterest'));
      const moved = { ...row, from: pick(ofLabel('PersonOfInterest')).id };
      links[links.indexOf(row)] = moved;
      mirror.upsertLink(moved);
      return 'a link moved to another adult';
    },
    () => {
      const [a, b] = [pick(ofLabel('PersonOfInterest')), pick(ofLabel('PersonOfInterest'))] as const;
      const phone = `07700 9${String(Math.floor(random() * 99_999)).padStart(5, '0')}`;
      for (const adult of [a, b]) {
        const updated = { ...adult, phones: [...((adult.phones as string[] | undefined) ?? []), phone] };
        replace(adult, updated);
      }
      return 'two adults given the same phone';
    },
    () => {
      const adult = pick(ofLabel('PersonOfInterest'));
      const updated = { ...adult, archivedAt: adult.archivedAt ? null : '2026-11-01T00:00:00Z' };
      replace(adult, updated);
      return 'an adult archived or restored';
    },
    () => {
      const record = pick([...ofLabel('PersonOfInterest'), ...ofLabel('Location')]);
      const updated = { ...record, gradingHandling: record.gradingHandling === 'C' ? 'P' : 'C' };
      replace(record, updated);
      return 'a record made police-only or shareable';
    },
    () => {
      const child = pick(ofLabel('YoungPerson'));
      const updated = { ...child, levelOfConcern: child.levelOfConcern === 3 ? 1 : 3 };
      replace(child, updated);
      return "a young person's level changed";
    },
    () => {
      made += 1;
      const holder = pick(ofLabel('PersonOfInterest').filter((r) => (r.phones as string[] | undefined)?.length));
      const adult: MirrorRecordRow = {
        id: `aa-test-adult-${String(made).padStart(5, '0')}`,
        label: 'PersonOfInterest',
        name: 'Test Adult New',
        phones: holder ? [...(holder.phones as string[])] : [],
        vehicles: [],
        gradingHandling: 'P',
      };
      records.push(adult);
      labelById.set(adult.id, adult.label);
      mirror.upsertRecord(adult);
      mirror.upsertLink(newLink(adult, pick(ofLabel('YoungPerson')), types.child));
      return 'a new adult, holding a phone another holds, linked to a young person';
    },
    () => {
      mirror.removeRecord(pick(live()).id);
      return 'a record removed';
    },
  ];
  if (events) {
    // Events: made at a place with people involved, joined and left, hidden, and (above) removed.
    const person = () => pick([...ofLabel('YoungPerson'), ...ofLabel('PersonOfInterest')]);
    changes.push(
      () => {
        made += 1;
        const event: MirrorRecordRow = {
          id: `ee-test-event-${String(made).padStart(5, '0')}`,
          label: 'Event',
          gradingHandling: random() < 0.2 ? 'C' : 'P',
        };
        records.push(event);
        labelById.set(event.id, event.label);
        mirror.upsertRecord(event);
        mirror.upsertLink(newLink(event, pick(ofLabel('Location')), 'HAPPENED_AT'));
        for (let k = 0; k < 1 + Math.floor(random() * 3); k++)
          mirror.upsertLink(newLink(person(), event, 'INVOLVED_IN'));
        return 'an event at a place, with people involved';
      },
      () => {
        const event = ofLabel('Event');
        if (!event.length) return 'no event to join';
        mirror.upsertLink(newLink(person(), pick(event), 'INVOLVED_IN'));
        return 'a person involved in an event';
      },
      () => {
        const involved = liveLinks().filter((l) => l.type === 'INVOLVED_IN');
        if (!involved.length) return 'no one involved to leave';
        mirror.removeLink(pick(involved).id);
        return 'a person no longer involved in an event';
      },
      () => {
        const event = ofLabel('Event');
        if (!event.length) return 'no event to hide';
        const record = pick(event);
        const updated = { ...record, gradingHandling: record.gradingHandling === 'C' ? 'P' : 'C' };
        replace(record, updated);
        return 'an event made police-only or shareable';
      },
      () => {
        const child = pick(ofLabel('YoungPerson'));
        const updated = { ...child, archivedAt: child.archivedAt ? null : '2026-11-01T00:00:00Z' };
        replace(child, updated);
        return 'a young person archived or restored';
      },
    );
  }
  return () => pick(changes)();
}
