import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { auditKey, setAuditKey } from '../../api/audit/audit.service.ts';
import { repoRoot } from '../../api/config.ts';
import { freePort, startLocalNeo4j } from '../../api/db/local-neo4j.ts';
import type { GraphConnection } from '../../api/db/neo4j.ts';
import { connectGraph } from '../../api/db/neo4j.ts';
import { applySchema } from '../../api/db/schema.ts';
import { createDemoAccounts } from '../../seed/demo-accounts.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: GraphConnection;
    /** The password of the test accounts admin, analyst, police and member. */
    testPassword: string;
    /** The audit key (hex) every test process seals with, so that they all extend one verifiable chain. */
    auditKey: string;
  }
}

/**
 * Gives each test project a real Neo4j: the one NEO4J_URI names, or else a local one of its own on a
 * free port with a fresh data folder under .patmap/, apart from the user's data.
 */
export default async function setup(project: TestProject) {
  const uri = process.env.NEO4J_URI;
  if (uri) {
    const connection = {
      uri,
      user: process.env.NEO4J_USER ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE,
    };
    // That database's log outlives this run, so it keeps the key `npm start` would use with it.
    project.provide('auditKey', shareAuditKey(auditKey({ create: true })));
    project.provide('testPassword', await prepare(connection));
    project.provide('neo4j', connection);
    return;
  }
  const dataDir = path.join(repoRoot, '.patmap', `test-${project.name}-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  const password = `test-${crypto.randomUUID()}`;
  const neo4j = await startLocalNeo4j({
    dataDir,
    boltPort: await freePort(),
    password,
    heap: '768m',
    pageCache: '128m',
  });
  const connection = { uri: neo4j.uri, user: 'neo4j', password };
  // A fresh database gets a fresh key: the user's audit.key is never read or made by the tests.
  project.provide('auditKey', shareAuditKey(randomBytes(32)));
  project.provide('testPassword', await prepare(connection));
  project.provide('neo4j', connection);
  return async () => {
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

/** Seals this process's audit events (the test accounts' creation) with KEY; returns it for the test processes. */
function shareAuditKey(key: Buffer | undefined): string {
  if (!key) throw new Error('No audit key for the tests');
  setAuditKey(key);
  return key.toString('hex');
}

/** The schema, and one test account per role sharing a fresh password. */
async function prepare(connection: GraphConnection): Promise<string> {
  const graph = connectGraph(connection);
  try {
    await applySchema(graph);
    const { password } = await createDemoAccounts(graph, `test-${crypto.randomUUID()}`);
    return password;
  } finally {
    await graph.close();
  }
}
