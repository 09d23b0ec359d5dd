import { useMutation } from '@tanstack/react-query';
import { fetchView } from '../api.ts';
import { useNetwork } from '../queries.ts';
import { useChartWorkspace } from '../workspace/ChartContext.tsx';
import { contentsFromNetwork } from '../workspace/contents.ts';
import { fromViewState } from './saved-view.ts';

/** Reopens a saved view: its records as the viewer may see them now, where they were, with its filters. */
export function useOpenView() {
  const { schema, dispatch, setFilters, setRestore } = useChartWorkspace();
  const network = useNetwork(true);
  return useMutation({
    mutationFn: async (id: string) => {
      const view = await fetchView(id);
      const data = network.data ?? (await network.refetch()).data;
      if (!data) throw new Error('The network is not loaded');
      const { contents, missing } = fromViewState(view.state, contentsFromNetwork(data, schema));
      setRestore({ ...view.state.positions });
      dispatch({ type: 'replace', contents });
      setFilters(view.state.filters);
      return { view, missing };
    },
  });
}
