import { analysisMirror } from '../api/analysis/mirror/mirror-sync.ts';
import { appendAudit, auditService } from '../api/audit/audit.service.ts';
import type { Graph } from '../api/db/neo4j.ts';
import { entityService } from '../api/entities/entities.service.ts';
import { linkService } from '../api/links/links.service.ts';
import { event, location, personOfInterest, youngPerson } from '../graph-schema/index.ts';
import { createSchema, type LinkInput, linkInputSchema } from '../graph-schema/records.ts';
import * as cypher from './demo.cypher.ts';
import { demoEvents, demoLinks, demoLocations, demoPersonsOfInterest, demoYoungPeople } from './demo.ts';
import { loadDemoCasework } from './demo-casework.ts';

/** The demo is loaded as an analyst would enter it, under a name that says where it came from. */
const seedActor = { username: 'demo-seed', role: 'analyst' } as const;

export interface DemoCounts {
  youngPeople: number;
  personsOfInterest: number;
  locations: number;
  events: number;
  links: number;
  casework: number;
}

/** Loads the demo data through the same services (and validation) the API uses. */
export async function loadDemo(graph: Graph): Promise<DemoCounts> {
  const ids = new Map<string, string>();
  const sets = [
    { declaration: youngPerson, rows: demoYoungPeople },
    { declaration: personOfInterest, rows: demoPersonsOfInterest },
    { declaration: location, rows: demoLocations },
    { declaration: event, rows: demoEvents },
  ] as const;
  // Validate everything before writing anything, so a bad demo row cannot leave half a data set.
  const parsed = sets.map(({ declaration, rows }) => ({
    declaration,
    rows: rows.map(({ key, ...row }) => {
      const { archiveReason, ...input } = row as typeof row & { archiveReason?: string };
      return { key, archiveReason, input: createSchema(declaration).parse(input) };
    }),
  }));
  // The services' list reads the mirror; the loader only writes, so the mirror is never loaded.
  const mirror = analysisMirror(graph, auditService(graph));
  for (const { declaration, rows } of parsed) {
    const service = entityService(graph, declaration, mirror);
    for (const { key, input, archiveReason } of rows) {
      const record = await service.create(input, seedActor);
      ids.set(key, record.id);
      if (archiveReason)
        await service.archive(record.id, { reason: archiveReason, version: record.version }, seedActor);
    }
  }
  const links = linkService(graph);
  for (const link of demoLinks) {
    const input = linkInputSchema.parse({ ...link, from: ids.get(link.from), to: ids.get(link.to) }) as LinkInput;
    await links.create(input, seedActor);
  }
  const casework = await loadDemoCasework(graph, ids);
  await graph.write(cypher.markDemoLoaded);
  return {
    youngPeople: demoYoungPeople.length,
    personsOfInterest: demoPersonsOfInterest.length,
    locations: demoLocations.length,
    events: demoEvents.length,
    links: demoLinks.length,
    casework,
  };
}

/** On the first start of an empty database, loads the demo; never over data that is already there. */
export async function loadDemoOnFirstStart(graph: Graph): Promise<DemoCounts | undefined> {
  const [state] = await graph.read<{ loadedBefore: boolean; hasData: boolean }>(cypher.demoState);
  if (state?.loadedBefore || state?.hasData) return undefined;
  return loadDemo(graph);
}

/**
 * Deletes all records and links (not accounts or the audit log), recording who did it, a batch of
 * records (with their links) at a time so that a large synthetic network can be wiped too. An audit
 * event commits with the first batch and another with the last; if a batch fails, running the wipe again
 * finishes the job.
 */
export async function wipeGraph(graph: Graph, by = 'demo-seed', { batchSize = 5_000 } = {}): Promise<number> {
  let deleted = 0;
  for (let round = 0; ; round += 1) {
    const batch = await graph.writeTransaction(
      async (tx) => {
        const [row] = await tx.run<{ deleted: number }>(cypher.wipeDataBatch, { limit: batchSize });
        const removed = row?.deleted ?? 0;
        // Who began the wipe, with its first batch; and, with its last, that readers of the change feed
        // (the analysis mirror) must read the network afresh.
        if (round === 0 || removed < batchSize) {
          await appendAudit(tx, {
            action: 'data-reload',
            username: by,
            details:
              removed < batchSize
                ? { wiped: 'all records and links', deleted: deleted + removed }
                : { wiping: 'all records and links' },
          });
        }
        return removed;
      },
      { timeoutMs: 300_000 },
    );
    deleted += batch;
    if (batch < batchSize) return deleted;
  }
}
