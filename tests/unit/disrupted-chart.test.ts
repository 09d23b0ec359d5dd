import { describe, expect, it } from 'vitest';
import { schemaDocument } from '../../graph-schema/document.ts';
import { personOfInterestInput } from '../../seed/factories.ts';
import { toElements } from '../../web/src/chart/elements.ts';
import { chartStyle } from '../../web/src/chart/style.ts';
import { contentsFromNetwork } from '../../web/src/workspace/contents.ts';
import { noFilters } from '../../web/src/workspace/filters.ts';
import { visibleChart } from '../../web/src/workspace/visible.ts';

const schema = schemaDocument();

function chartOf(records: { disrupted?: boolean; name: string }[]) {
  const nodes = records.map(({ disrupted, name }) => {
    const id = crypto.randomUUID();
    return {
      id,
      label: 'PersonOfInterest' as const,
      record: { ...personOfInterestInput({ name }), id, ...(disrupted ? { disrupted } : {}) },
    };
  });
  const contents = contentsFromNetwork({ nodes, links: [], truncated: false }, schema);
  return toElements(visibleChart(contents, noFilters), schema);
}

describe('a record under an active disruption', () => {
  it('is drawn with the disrupted class, and says so in its label', () => {
    const [disrupted, plain] = chartOf([
      { name: 'Test Adult Disrupted', disrupted: true },
      { name: 'Test Adult Plain' },
    ]).sort((a, b) => String(a.data.caption).localeCompare(String(b.data.caption)));
    expect(disrupted?.classes).toContain('disrupted');
    expect(disrupted?.data).toMatchObject({ disrupted: true, display: 'Test Adult Disrupted [disrupted]' });
    expect(plain?.classes).not.toContain('disrupted');
    expect(plain?.data).toMatchObject({ disrupted: false, display: 'Test Adult Plain' });
  });

  it('has a style of its own', () => {
    expect(chartStyle.some((rule) => rule.selector === 'node.disrupted')).toBe(true);
  });
});
