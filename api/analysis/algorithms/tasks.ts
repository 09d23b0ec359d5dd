import type { Centrality, CentralityOptions } from './centrality.ts';
import type { Communities, CommunityOptions } from './communities.ts';
import type { KeyPlayerOptions, KeyPlayers } from './key-players.ts';
import type { Projection } from './projection.ts';

/** A projection as it crosses to the worker: the index is rebuilt there from the ids. */
export type ProjectionMessage = Omit<Projection, 'index'>;

/** The work the algorithm worker does, and what each kind answers with. */
export type AlgorithmTask =
  | { kind: 'communities'; projection: ProjectionMessage; options: CommunityOptions }
  | { kind: 'centrality'; projection: ProjectionMessage; options: CentralityOptions }
  | {
      kind: 'key-players';
      projection: ProjectionMessage;
      /** `candidates[i]` is 1 where node i may be removed (a function cannot cross to a worker). */
      options: Omit<KeyPlayerOptions, 'isCandidate'> & { candidates: Uint8Array };
    };

export interface AlgorithmResults {
  communities: Communities;
  centrality: Centrality;
  'key-players': KeyPlayers;
}
