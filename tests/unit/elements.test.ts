import { describe, expect, it } from 'vitest';
import type { NetworkLink } from '../../api/network/network.service.ts';
import { schemaDocument } from '../../graph-schema/document.ts';
import { linkInput, locationInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import type { Network } from '../../web/src/api.ts';
import { isWeakGrading, toElements } from '../../web/src/chart/elements.ts';
import { contentsFromNetwork } from '../../web/src/workspace/contents.ts';
import { noFilters } from '../../web/src/workspace/filters.ts';
import { visibleChart } from '../../web/src/workspace/visible.ts';

const schema = schemaDocument();

function networkNode(label: 'YoungPerson' | 'PersonOfInterest' | 'Location', record: Record<string, unknown>) {
  const id = crypto.randomUUID();
  return { id, label, record: { ...record, id } };
}

/** A factory link as the network route returns it (the factory's gradings are plain strings). */
const networkLink = (id: string, input: ReturnType<typeof linkInput>) => ({ id, ...input }) as NetworkLink;

function sampleNetwork(): Network {
  const child = networkNode('YoungPerson', youngPersonInput({ name: 'Test Child A', levelOfConcern: 3 }));
  const archived = networkNode('YoungPerson', {
    ...youngPersonInput({ name: 'Test Child B' }),
    levelOfConcern: 'archived',
    archivedAt: '2026-01-01T00:00:00.000Z',
  });
  const adult = networkNode('PersonOfInterest', personOfInterestInput({ name: 'Test Adult A' }));
  const place = networkNode('Location', locationInput({ name: 'Test Place A' }));
  return {
    nodes: [child, archived, adult, place],
    links: [
      networkLink('l1', linkInput({ type: 'CONTROLS', from: adult.id, to: child.id })),
      networkLink(
        'l2',
        linkInput({ type: 'SEEN_AT', from: child.id, to: place.id, gradingSource: 3, gradingHandling: 'C' }),
      ),
      networkLink('l3', linkInput({ type: 'SEEN_AT', from: adult.id, to: 'not-in-the-network' })),
    ],
    truncated: false,
  };
}

describe('toElements', () => {
  const network = sampleNetwork();
  const elements = toElements(visibleChart(contentsFromNetwork(network, schema), noFilters), schema);
  const byId = new Map(elements.map((e) => [e.data.id, e]));
  const [child, archived, adult, place] = network.nodes;

  it('gives each side of the triangle its class and the level a text cue', () => {
    expect(byId.get(child?.id)?.classes).toBe('young-person victim level-3');
    expect(byId.get(child?.id)?.data.display).toBe('Test Child A (L3)');
    expect(byId.get(adult?.id)?.classes).toBe('person-of-interest offender');
    expect(byId.get(place?.id)?.classes).toBe('location');
  });

  it('marks archived young people', () => {
    expect(byId.get(archived?.id)?.classes).toContain('archived');
    expect(byId.get(archived?.id)?.data.display).toBe('Test Child B (archived)');
  });

  it('maps links to edges with their caption, grading and strength', () => {
    expect(byId.get('l1')?.data).toMatchObject({
      source: adult?.id,
      target: child?.id,
      caption: 'controls',
      grading: '2BP',
      weak: false,
    });
    expect(byId.get('l2')?.classes).toBe('link-seen_at weak police-only');
  });

  it('drops links whose ends are not in the network', () => {
    expect(byId.has('l3')).toBe(false);
    expect(elements).toHaveLength(6);
  });
});

describe('toElements with pins and a highlight', () => {
  const network = sampleNetwork();
  const [child, , adult, place] = network.nodes;
  const visible = visibleChart(contentsFromNetwork(network, schema), noFilters);
  const elements = toElements(visible, schema, {
    pinned: [place?.id ?? ''],
    highlight: { records: [child?.id ?? '', adult?.id ?? ''], links: ['l1'] },
  });
  const byId = new Map(elements.map((e) => [e.data.id, e]));

  it('says a record is pinned in words as well as by its outline', () => {
    expect(byId.get(place?.id)?.classes).toContain('pinned');
    expect(byId.get(place?.id)?.data.display).toBe('Test Place A [pinned]');
  });

  it('draws the highlighted records and evidence strong and dims the rest', () => {
    expect(byId.get(child?.id)?.classes).toContain('highlighted');
    expect(byId.get('l1')?.classes).toContain('highlighted');
    expect(byId.get(place?.id)?.classes).toContain('dimmed');
    expect(byId.get('l2')?.classes).toContain('dimmed');
  });
});

describe('isWeakGrading', () => {
  it('is weak for an untested source or D/E information', () => {
    expect(isWeakGrading({ gradingSource: 1, gradingInformation: 'A' })).toBe(false);
    expect(isWeakGrading({ gradingSource: 3, gradingInformation: 'A' })).toBe(true);
    expect(isWeakGrading({ gradingSource: 1, gradingInformation: 'D' })).toBe(true);
    expect(isWeakGrading({ gradingSource: 2, gradingInformation: 'E' })).toBe(true);
  });
});
