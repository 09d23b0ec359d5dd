import { describe, expect, it } from 'vitest';
import { groupOrders } from '../../api/analysis/analysis.service.ts';
import { schemaDocument } from '../../graph-schema/document.ts';
import { linkInput } from '../../seed/factories.ts';
import { chartStyle, levelColours } from '../../web/src/chart/style.ts';
import { groupsPanel } from '../../web/src/panels/analyses/groups.ts';
import { sharedAdultsPanel } from '../../web/src/panels/analyses/shared-adults.ts';
import { isChoice, panelParams } from '../../web/src/panels/panel.ts';
import { analysisPanels } from '../../web/src/panels/registry.ts';
import { fromViewState, toViewState } from '../../web/src/views/saved-view.ts';
import {
  type ChartContents,
  type ChartLink,
  type ChartRecord,
  emptyContents,
} from '../../web/src/workspace/contents.ts';
import { csvCell, visibleChartCsv } from '../../web/src/workspace/csv.ts';
import * as editing from '../../web/src/workspace/editing.ts';
import { filtersFromSearch, filtersToSearch, noFilters } from '../../web/src/workspace/filters.ts';
import { placeNear } from '../../web/src/workspace/placement.ts';
import { groupNodeId, visibleChart } from '../../web/src/workspace/visible.ts';

const schema = schemaDocument();

/** Chart-side factories: a record or link as the chart holds it, with obviously fictional values. */
const record = (overrides: Partial<ChartRecord> & { id: string }): ChartRecord => ({
  label: 'PersonOfInterest',
  caption: `Test ${overrides.id}`,
  archived: false,
  ...overrides,
});
const link = (overrides: Partial<ChartLink> & { id: string; from: string; to: string }): ChartLink => ({
  ...(linkInput({ type: 'ASSOCIATE_OF', from: overrides.from, to: overrides.to }) as ChartLink),
  ...overrides,
});

function sample(): ChartContents {
  const records = [
    record({ id: 'child', label: 'YoungPerson', caption: 'Test Child', levelOfConcern: 3 }),
    record({ id: 'calm', label: 'YoungPerson', caption: 'Test Calm', levelOfConcern: 1 }),
    record({ id: 'adult' }),
    record({ id: 'other' }),
    record({ id: 'place', label: 'Location', caption: 'Test Place' }),
  ];
  const links = [
    link({ id: 'l1', type: 'CONTROLS', from: 'adult', to: 'child', firstSeen: '2025-01-01', lastSeen: '2025-02-01' }),
    link({ id: 'l2', type: 'SEEN_AT', from: 'child', to: 'place', firstSeen: '2026-06-01', gradingSource: 3 }),
    link({ id: 'l3', from: 'adult', to: 'other', firstSeen: '2026-01-01', gradingInformation: 'E' }),
  ];
  return editing.addToChart(emptyContents, { records, links });
}

describe('expanding, collapsing, hiding and pinning', () => {
  it('remembers what an expansion brought in, and collapsing takes only that away', () => {
    const start = editing.keepOnly(sample(), ['adult']);
    expect(Object.keys(start.records)).toEqual(['adult']);
    const expanded = editing.addToChart(start, {
      records: [record({ id: 'adult' }), record({ id: 'child', label: 'YoungPerson' }), record({ id: 'other' })],
      links: sample().links.l1 ? [sample().links.l1 as ChartLink, sample().links.l3 as ChartLink] : [],
      expandedFrom: 'adult',
    });
    expect(expanded.expandedBy.adult?.sort()).toEqual(['child', 'other']);
    expect(Object.keys(expanded.links).sort()).toEqual(['l1', 'l3']);
    const pinned = editing.togglePin(expanded, 'other');
    const collapsed = editing.collapseRecord(pinned, 'adult');
    expect(Object.keys(collapsed.records).sort()).toEqual(['adult', 'other']);
    expect(Object.keys(collapsed.links)).toEqual(['l3']);
    expect(collapsed.expandedBy.adult).toBeUndefined();
  });

  it('hides records from what is drawn without forgetting them, and shows them again', () => {
    const hidden = editing.hideRecords(sample(), ['place']);
    const visible = visibleChart(hidden, noFilters);
    expect(visible.records.map((r) => r.id)).not.toContain('place');
    expect(visible.links.map((l) => l.id)).not.toContain('l2');
    expect(hidden.records.place).toBeDefined();
    expect(visibleChart(editing.showAllRecords(hidden), noFilters).records).toHaveLength(5);
  });
});

describe('filters', () => {
  it('survive the round trip through the URL, leaving other parameters alone', () => {
    const filters = {
      ...noFilters,
      from: '2026-01-01',
      labels: ['YoungPerson' as const],
      levels: ['3' as const],
      minSource: 2,
    };
    const search = filtersToSearch(filters, new URLSearchParams('row=abc'));
    expect(search.get('row')).toBe('abc');
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(filtersFromSearch(new URLSearchParams('from=yesterday&minSource=9'))).toEqual(noFilters);
  });

  it('limit links to the time window, and drop records left with no link in it unless pinned', () => {
    const inWindow = visibleChart(sample(), { ...noFilters, from: '2026-01-01' });
    expect(inWindow.links.map((l) => l.id).sort()).toEqual(['l2', 'l3']);
    expect(inWindow.records.map((r) => r.id).sort()).toEqual(['adult', 'child', 'other', 'place']);
    const early = visibleChart(editing.togglePin(sample(), 'place'), { ...noFilters, to: '2025-06-30' });
    expect(early.records.map((r) => r.id).sort()).toEqual(['adult', 'child', 'place']);
  });

  it('filter by kind, level, link type and grading', () => {
    const levels = visibleChart(sample(), { ...noFilters, levels: ['3'] });
    expect(levels.records.map((r) => r.id)).not.toContain('calm');
    expect(levels.records.map((r) => r.id)).toContain('adult');
    const adults = visibleChart(sample(), { ...noFilters, labels: ['PersonOfInterest'] });
    expect(adults.records.map((r) => r.id).sort()).toEqual(['adult', 'other']);
    const graded = visibleChart(sample(), { ...noFilters, minSource: 2, minInformation: 'D' });
    expect(graded.links.map((l) => l.id)).toEqual(['l1']);
    const types = visibleChart(sample(), { ...noFilters, linkTypes: ['SEEN_AT'] });
    expect(types.links.map((l) => l.id)).toEqual(['l2']);
  });
});

describe('a collapsed group', () => {
  it('is drawn as one node carrying its members’ outside links', () => {
    const grouped = editing.collapseGroup(sample(), { id: 'g1', name: 'Test group', members: ['adult', 'other'] });
    const visible = visibleChart(grouped, noFilters);
    const group = visible.records.find((r) => r.id === groupNodeId('g1'));
    expect(group?.caption).toBe('Test group (2)');
    expect(visible.records.map((r) => r.id)).not.toContain('adult');
    expect(visible.links.find((l) => l.id === 'l1')).toMatchObject({ from: groupNodeId('g1'), to: 'child' });
    expect(visible.links.map((l) => l.id)).not.toContain('l3');
    expect(visibleChart(editing.expandGroup(grouped, 'g1'), noFilters).records).toHaveLength(5);
  });
});

describe('placeNear', () => {
  it('puts new records around their placed neighbour and never moves a placed one', () => {
    const placed = { adult: { x: 100, y: 100 } };
    const links = [link({ id: 'a', from: 'adult', to: 'n1' }), link({ id: 'b', from: 'n2', to: 'adult' })];
    const positions = placeNear(['n1', 'n2', 'loner'], links, placed, { x: 0, y: 0 });
    expect(Object.keys(positions).sort()).toEqual(['loner', 'n1', 'n2']);
    for (const id of ['n1', 'n2']) {
      const p = positions[id] ?? { x: Infinity, y: Infinity };
      expect(Math.hypot(p.x - 100, p.y - 100)).toBeLessThan(150);
    }
    expect(positions.n1).not.toEqual(positions.n2);
    expect(positions.adult).toBeUndefined();
  });
});

describe('CSV export of the visible chart', () => {
  it('lists records then links with their evidence, and disarms formulas', () => {
    const csv = visibleChartCsv(visibleChart(sample(), noFilters), schema);
    expect(csv).toContain('record,child,Test Child,young person,3,');
    expect(csv).toContain('link,l1,Test adult,controls,Test Child,Police,2BP,2025-01-01,2025-02-01');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
});

describe('saved views', () => {
  it('keep ids, positions, pins and filters, and reopen with what is still visible', () => {
    const contents = editing.togglePin(editing.hideRecords(sample(), ['calm']), 'adult');
    const filters = { ...noFilters, to: '2026-12-31' };
    const state = toViewState(contents, { adult: { x: 1.26, y: -3 }, gone: { x: 0, y: 0 } }, filters);
    expect(state.positions).toEqual({ adult: { x: 1.3, y: -3 } });
    expect(state).toMatchObject({ hidden: ['calm'], pinned: ['adult'], filters });
    const now = editing.removeFromChart(sample(), new Set(['other']));
    const { contents: reopened, missing } = fromViewState(state, now);
    expect(missing).toBe(1);
    expect(Object.keys(reopened.records).sort()).toEqual(['adult', 'calm', 'child', 'place']);
    expect(reopened.pinned).toEqual(['adult']);
  });
});

describe('the analysis panel registry', () => {
  it('registers each analysis once, with columns and bounded parameters', () => {
    const ids = analysisPanels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['shared-adults', 'hotspots', 'triangles', 'groups', 'key-players']));
    for (const panel of analysisPanels) expect(panel.columns.length).toBeGreaterThan(0);
    expect(panelParams(sharedAdultsPanel, new URLSearchParams('minYoungPeople=999'))).toEqual({ minYoungPeople: 2 });
    expect(panelParams(sharedAdultsPanel, new URLSearchParams('minYoungPeople=3'))).toEqual({ minYoungPeople: 3 });
  });

  it("offers the groups' orders the API takes, and falls back to size for one it does not", () => {
    const sortBy = groupsPanel.params.find((field) => field.name === 'sortBy');
    expect(sortBy && isChoice(sortBy) ? sortBy.choices.map((choice) => choice.value) : []).toEqual([...groupOrders]);
    expect(panelParams(groupsPanel, new URLSearchParams('sortBy=cohesion'))).toMatchObject({ sortBy: 'cohesion' });
    expect(panelParams(groupsPanel, new URLSearchParams('sortBy=members'))).toMatchObject({ sortBy: 'size' });
    expect(panelParams(groupsPanel, new URLSearchParams(''))).toEqual({ minSize: 3, resolution: 1, sortBy: 'size' });
  });

  it('turns an answer into rows that point at their records and evidence', () => {
    const summary = (id: string, label: string) => ({ id, label, caption: `Test ${id}`, archived: false });
    const [row] = sharedAdultsPanel.rows({
      items: [
        {
          adult: summary('adult', 'PersonOfInterest'),
          youngPeopleCount: 1,
          levelScore: 3,
          lastSeen: '2026-01-01',
          youngPeople: [
            {
              ...summary('child', 'YoungPerson'),
              levelOfConcern: 3,
              links: [link({ id: 'l1', from: 'adult', to: 'child' })],
            },
          ],
        },
      ],
    });
    expect(row?.cells).toEqual({ adult: 'Test adult', youngPeople: 1, levelScore: 3, lastSeen: '2026-01-01' });
    expect(row?.records.map((r) => r.id)).toEqual(['adult', 'child']);
    expect(row?.links.map((l) => l.id)).toEqual(['l1']);
    const [group] = groupsPanel.rows({
      items: [
        {
          id: 'g',
          members: [summary('a', 'PersonOfInterest')],
          cohesion: 0.5,
          density: 1,
          youngPeople: [],
          sharedLocations: [],
        },
      ],
    });
    expect(group?.group).toEqual({ id: 'g', name: 'Group 1', members: ['a'] });
  });
});

describe('the chart style', () => {
  it('styles every level of concern, the pinned, the group and the highlight', () => {
    const selectors = chartStyle.map((rule) => rule.selector);
    for (const level of Object.keys(levelColours)) expect(selectors).toContain(`node.level-${level}`);
    expect(selectors).toEqual(expect.arrayContaining(['node.pinned', 'node.group', '.dimmed', 'node.highlighted']));
  });
});
