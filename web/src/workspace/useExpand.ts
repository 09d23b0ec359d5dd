import { useMutation } from '@tanstack/react-query';
import { fetchAnalysis } from '../api.ts';
import type { Evidence, Summary } from '../panels/analysis-answers.ts';
import { useChartWorkspace } from './ChartContext.tsx';
import { linkFromEvidence, recordFromSummary } from './contents.ts';
import { analysisParams } from './filters.ts';

interface NeighbourhoodAnswer {
  nodes: (Summary & { hop: number })[];
  links: Evidence[];
  truncated: boolean;
}

/** Expands records one at a time through /api/analysis/neighbourhood, so each can be collapsed on its own. */
export function useExpand() {
  const { dispatch, filters } = useChartWorkspace();
  return useMutation({
    mutationFn: async (ids: readonly string[]) => {
      let truncated = false;
      for (const id of ids) {
        const answer = await fetchAnalysis<NeighbourhoodAnswer>('neighbourhood', {
          ids: id,
          hops: '1',
          ...analysisParams(filters),
        });
        truncated ||= answer.truncated;
        dispatch({
          type: 'add',
          records: answer.nodes.map(recordFromSummary),
          links: answer.links.map(linkFromEvidence),
          expandedFrom: id,
        });
      }
      return { truncated };
    },
  });
}
