import path from 'node:path';
import type { Config } from '../config.ts';
import { localNeo4jPassword, startLocalNeo4j } from './local-neo4j.ts';
import { connectGraph, type Graph } from './neo4j.ts';

export interface OpenGraph {
  graph: Graph;
  /** Where the graph lives, for the start-up message. */
  description: string;
  close(): Promise<void>;
}

/**
 * The configured Neo4j: the server NEO4J_URI names, or else the local one under PATMAP_DATA_DIR —
 * reused when it already answers on PATMAP_BOLT_PORT (e.g. `npm run seed` beside `npm start`),
 * started otherwise.
 */
export async function openGraph(config: Config, log: (line: string) => void): Promise<OpenGraph> {
  if (config.NEO4J_URI) {
    const graph = connectGraph({
      uri: config.NEO4J_URI,
      user: config.NEO4J_USER,
      password: config.NEO4J_PASSWORD ?? '',
      database: config.NEO4J_DATABASE,
    });
    return { graph, description: config.NEO4J_URI, close: () => graph.close() };
  }
  const dataDir = path.resolve(config.PATMAP_DATA_DIR);
  const password = localNeo4jPassword(dataDir);
  const uri = `bolt://127.0.0.1:${config.PATMAP_BOLT_PORT}`;
  const running = connectGraph({ uri, user: 'neo4j', password });
  if (await answers(running)) {
    return { graph: running, description: `the local Neo4j already running at ${uri}`, close: () => running.close() };
  }
  await running.close();
  log(`Starting the local Neo4j (data in ${dataDir}, Bolt on ${uri}) …`);
  const neo4j = await startLocalNeo4j({ dataDir, boltPort: config.PATMAP_BOLT_PORT, password, log });
  const graph = connectGraph({ uri: neo4j.uri, user: 'neo4j', password });
  return {
    graph,
    description: `the local Neo4j at ${neo4j.uri}`,
    async close() {
      await graph.close();
      await neo4j.stop();
    },
  };
}

async function answers(graph: Graph): Promise<boolean> {
  try {
    await graph.serverInfo();
    return true;
  } catch {
    return false;
  }
}
