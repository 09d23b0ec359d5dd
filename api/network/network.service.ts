import { isNodeLabel, nodeDeclaration } from '../../graph-schema/index.ts';
import { present } from '../auth/pseudonymise.ts';
import type { Visibility } from '../auth/viewer.ts';
import type { Graph } from '../db/neo4j.ts';
import { disruptedAmong } from '../operations/disruptions/disruptions.service.ts';
import * as cypher from './network.cypher.ts';

export interface NetworkNode {
  id: string;
  label: string;
  record: Record<string, unknown> & { id: string };
}

export interface NetworkLink extends Record<string, unknown> {
  id: string;
  type: string;
  from: string;
  to: string;
}

export interface Network {
  nodes: NetworkNode[];
  links: NetworkLink[];
  /** True when the caps left some nodes or links out. */
  truncated: boolean;
}

export interface NetworkOptions {
  from?: string | undefined;
  to?: string | undefined;
  includeArchived: boolean;
  nodeLimit: number;
  linkLimit: number;
}

export function networkService(graph: Graph) {
  return {
    async network(
      { from, to, includeArchived, nodeLimit, linkLimit }: NetworkOptions,
      visibility: Visibility,
    ): Promise<Network> {
      const { policeIntelligence } = visibility;
      const nodes = await graph.read<NetworkNode>(cypher.networkNodes, {
        includeArchived,
        policeIntelligence,
        limit: nodeLimit + 1,
      });
      const disrupted = await disruptedAmong(
        graph,
        nodes.slice(0, nodeLimit).map((node) => node.id),
      );
      const kept = nodes.slice(0, nodeLimit).map((node) => {
        const record = isNodeLabel(node.label)
          ? present(nodeDeclaration(node.label), node.record, visibility)
          : node.record;
        // Under a disruption that has not expired: the chart marks it.
        return { ...node, record: disrupted.has(node.id) ? { ...record, disrupted: true } : record };
      });
      const links = await graph.read<{ link: NetworkLink }>(cypher.networkLinks, {
        ids: kept.map((n) => n.id),
        from: from ?? null,
        to: to ?? null,
        policeIntelligence,
        linkLimit: linkLimit + 1,
      });
      return {
        nodes: kept,
        links: links.slice(0, linkLimit).map((row) => row.link),
        truncated: nodes.length > nodeLimit || links.length > linkLimit,
      };
    },
  };
}
