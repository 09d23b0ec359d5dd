import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditService } from '../../api/audit/audit.service.ts';
import { writeBackup } from '../../api/backup/backup.ts';
import { readLines } from '../../api/backup/backup-file.ts';
import type { BackupLine, BackupNode, BackupRelationship } from '../../api/backup/backup-format.ts';
import { RestoreRefused, restoreBackup, unfinishedRestore } from '../../api/backup/restore.ts';
import { repoRoot } from '../../api/config.ts';
import { freePort, type LocalNeo4j, startLocalNeo4j } from '../../api/db/local-neo4j.ts';
import { connectGraph, type Graph } from '../../api/db/neo4j.ts';
import { linkInput, personOfInterestInput, youngPersonInput } from '../../seed/factories.ts';
import { prepareGraph } from '../../seed/first-start.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

type Row = Record<string, unknown> & { id: string; version: number };

let api: TestApi;
let second: LocalNeo4j | undefined;
let restored: Graph;
let restoredUri = '';
let restoredPassword = '';
const scratch = path.join(repoRoot, '.patmap', `test-backup-${process.pid}-${crypto.randomUUID().slice(0, 8)}`);

beforeAll(async () => {
  api = await startTestApi();
  const password = `test-${crypto.randomUUID()}`;
  second = await startLocalNeo4j({
    dataDir: path.join(scratch, 'neo4j'),
    boltPort: await freePort(),
    password,
    heap: '512m',
    pageCache: '64m',
  });
  restored = connectGraph({ uri: second.uri, user: 'neo4j', password });
  restoredUri = second.uri;
  restoredPassword = password;
}, 180_000);

afterAll(async () => {
  await restored?.close();
  await second?.stop();
  await api?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function create(pathName: string, body: unknown): Promise<Row> {
  const answer = await api.request<Row>('POST', pathName, body);
  if (answer.status !== 201) throw new Error(`${pathName}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function linesOf(file: string): Promise<BackupLine[]> {
  const lines: BackupLine[] = [];
  for await (const line of readLines(file)) lines.push(line);
  return lines;
}

/**
 * Each node as its labels and typed properties, each relationship as its type, properties and its endpoints'
 * content: what two databases must agree on, whatever element ids each gave its nodes.
 */
function contentOf(lines: BackupLine[]): { nodes: string[]; relationships: string[] } {
  const nodes = lines.filter((l): l is BackupNode => l.kind === 'node');
  const signature = new Map(
    nodes.map((n) => [
      n.key,
      JSON.stringify([[...n.labels].sort(), [...n.properties].sort((a, b) => a.key.localeCompare(b.key))]),
    ]),
  );
  const relationships = lines
    .filter((l): l is BackupRelationship => l.kind === 'relationship')
    .map((r) =>
      JSON.stringify([
        r.type,
        signature.get(r.start),
        signature.get(r.end),
        [...r.properties].sort((a, b) => a.key.localeCompare(b.key)),
      ]),
    );
  return { nodes: [...signature.values()].sort(), relationships: relationships.sort() };
}

describe('backup and restore', () => {
  it('snapshots everything but sessions consistently, and restores it exactly into an empty database', async () => {
    const child = await create('/api/young-people', youngPersonInput({ dateOfBirth: '2010-03-04', levelOfConcern: 2 }));
    const adult = await create(
      '/api/persons-of-interest',
      personOfInterestInput({ phones: ['07700 900555'], aliases: [] }),
    );
    const link = await create(
      '/api/links',
      linkInput({ type: 'CONTROLS', from: adult.id, to: child.id, lastSeen: '2026-02-03' }),
    );
    const decision = await api.request('POST', `/api/young-people/${child.id}/levels`, {
      level: 3,
      decidedOn: '2026-06-01',
      agreedBy: 'CSE Operations Group',
      reason: 'Test: escalated',
    });
    expect(decision.status).toBe(201);
    const view = await create('/api/views', {
      name: 'Test: backed up',
      state: {
        records: [child.id],
        hidden: [],
        pinned: [],
        positions: {},
        collapsedGroups: [],
        filters: { labels: [], levels: [], linkTypes: [] },
      },
    });
    // Every type the backup must keep apart, including some the app itself does not write.
    const probe = crypto.randomUUID();
    await api.graph.write(
      `CREATE (:BackupTypeProbe {id: $probe, big: 1152921504606846977, float: 2.0, text: '2', flag: false,
        day: date('2024-02-29'), local: localdatetime('2024-01-02T03:04:05.123456789'),
        zoned: datetime('2024-06-01T12:00:00.5+01:00[Europe/London]'), time: time('10:11:12+02:00'),
        localTime: localtime('23:59:59'), span: duration('P1Y2M3DT4H'), days: [date('2024-01-01')],
        counts: [1, 2, 3], words: ['a', 'b'], none: []})`,
      { probe },
    );

    // Writers keep going while the backup runs: the snapshot must still be one moment of the log.
    let writing = true;
    const writers = (async () => {
      let made = 0;
      while (writing && made < 40) {
        // A writer waiting on the backup's lock may time out on a slow machine (503): that is allowed here.
        await api.request('POST', '/api/persons-of-interest', personOfInterestInput());
        made += 1;
      }
      return made;
    })();
    const fileA = path.join(scratch, 'a.jsonl.gz');
    const report = await writeBackup(api.graph, fileA);
    writing = false;
    await writers;

    const lines = await linesOf(fileA);
    const header = lines[0];
    if (header?.kind !== 'header') throw new Error('no header');
    const events = lines.filter((l): l is BackupNode => l.kind === 'node' && l.labels.includes('AuditEvent'));
    const seqs = events.map((e) => Number(e.properties.find((p) => p.key === 'seq')?.value)).sort((a, b) => a - b);
    expect(seqs.length).toBe(header.auditHead.seq);
    expect(seqs.at(-1)).toBe(header.auditHead.seq);
    expect(lines.some((l) => l.kind === 'node' && l.labels.includes('UserSession'))).toBe(false);
    const [sessions] = await api.graph.read<{ n: number }>('MATCH (s:UserSession) RETURN count(s) AS n');
    expect(sessions?.n).toBeGreaterThan(0);
    const ids = new Set(
      lines.flatMap((l) =>
        l.kind === 'end' || l.kind === 'header' ? [] : l.properties.filter((p) => p.key === 'id').map((p) => p.value),
      ),
    );
    for (const made of [child, adult, link, view]) expect(ids.has(made.id)).toBe(true);
    expect(lines.some((l) => l.kind === 'relationship' && l.type === 'DECIDES_LEVEL_OF')).toBe(true);

    const restoredReport = await restoreBackup(restored, fileA);
    expect(restoredReport.counts).toEqual(report.counts);

    // Counts as Neo4j itself reports them, per label and per type.
    const [counted] = await restored.read<{ labels: Record<string, number>; types: Record<string, number> }>(
      `CALL () { MATCH (n) UNWIND labels(n) AS label WITH label, count(*) AS n RETURN collect([label, n]) AS labels }
       CALL () { MATCH ()-[r]->() WITH type(r) AS type, count(*) AS n RETURN collect([type, n]) AS types }
       RETURN labels, types`,
    );
    expect(Object.fromEntries(counted?.labels as unknown as [string, number][])).toEqual(report.counts.labels);
    expect(Object.fromEntries(counted?.types as unknown as [string, number][])).toEqual(report.counts.types);

    // Content, exactly: a backup of the restored database says the same as the first one.
    const fileB = path.join(scratch, 'b.jsonl');
    await writeBackup(restored, fileB);
    const linesB = await linesOf(fileB);
    expect(contentOf(linesB)).toEqual(contentOf(lines));

    const [types] = await restored.read<Record<string, unknown>>(
      `MATCH (p:BackupTypeProbe {id: $probe}), (y:YoungPerson {id: $child}), ()-[l:CONTROLS {id: $link}]->()
       RETURN p.big = 1152921504606846977 AS bigExact, valueType(p.float) AS float, valueType(p.text) AS text,
         valueType(p.day) AS day, valueType(p.local) AS local, toString(p.zoned) AS zoned, valueType(p.time) AS time,
         valueType(p.localTime) AS localTime, p.span = duration('P1Y2M3DT4H') AS span, valueType(p.days) AS days,
         valueType(p.counts) AS counts, p.none = [] AS none, toString(p.local) AS localText,
         valueType(y.dateOfBirth) AS dateOfBirth, valueType(y.createdAt) AS createdAt, valueType(l.lastSeen) AS lastSeen`,
      { probe, child: child.id, link: link.id },
    );
    expect(types).toEqual({
      bigExact: true,
      float: 'FLOAT NOT NULL',
      text: 'STRING NOT NULL',
      day: 'DATE NOT NULL',
      local: 'LOCAL DATETIME NOT NULL',
      zoned: '2024-06-01T12:00:00.5+01:00[Europe/London]',
      time: 'ZONED TIME NOT NULL',
      localTime: 'LOCAL TIME NOT NULL',
      span: true,
      days: 'LIST<DATE NOT NULL> NOT NULL',
      counts: 'LIST<INTEGER NOT NULL> NOT NULL',
      none: true,
      localText: '2024-01-02T03:04:05.123456789',
      dateOfBirth: 'DATE NOT NULL',
      createdAt: 'ZONED DATETIME NOT NULL',
      lastSeen: 'DATE NOT NULL',
    });
    const [leftovers] = await restored.read<{ n: number }>('MATCH (n:PatmapRestoring) RETURN count(n) AS n');
    expect(leftovers?.n).toBe(0);

    // The restored audit chain verifies with the same key, up to the head the backup saw.
    const check = await auditService(restored).verify();
    expect(check).toMatchObject({ intact: true, events: header.auditHead.seq });
  }, 300_000);

  it('after the restore command is killed half-way, refuses the part and restores it whole when run again', async () => {
    await restored.write('MATCH (n) DETACH DELETE n');
    // A backup big enough that the command is still writing when it is killed: nodes in a chain.
    const total = 30_000;
    const file = path.join(scratch, 'big.jsonl');
    const node = (i: number): BackupNode => ({
      kind: 'node',
      key: `k${i}`,
      labels: ['BackupCrashProbe'],
      properties: [{ key: 'n', type: 'INTEGER', list: false, value: String(i) }],
    });
    const relationship = (i: number): BackupRelationship => ({
      kind: 'relationship',
      key: `r${i}`,
      type: 'NEXT_PROBE',
      start: `k${i}`,
      end: `k${i + 1}`,
      properties: [],
    });
    const body = [
      ...Array.from({ length: total }, (_, i) => node(i)),
      ...Array.from({ length: total - 1 }, (_, i) => relationship(i)),
    ];
    const header = {
      kind: 'header',
      format: 'patmap-backup',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      auditHead: { seq: null, hash: null },
      excluded: {},
    };
    const counts = {
      nodes: total,
      relationships: total - 1,
      labels: { BackupCrashProbe: total },
      types: { NEXT_PROBE: total - 1 },
    };
    const lines = [header, ...body, { kind: 'end', counts }];
    writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);

    const command = spawn(process.execPath, ['--import', 'tsx', 'api/commands/restore.ts', file], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NEO4J_URI: restoredUri,
        NEO4J_PASSWORD: restoredPassword,
        PATMAP_AUDIT_KEY: Buffer.alloc(32, 7).toString('hex'),
      },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      command.once('exit', (_code, signal) => resolve(signal)),
    );
    const probes = async () =>
      (await restored.read<{ n: number }>('MATCH (n:BackupCrashProbe) RETURN count(n) AS n'))[0]?.n ?? 0;
    for (let waited = 0; (await probes()) === 0; waited += 20) {
      if (waited > 120_000 || command.exitCode !== null) throw new Error('the restore wrote nothing to kill it during');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    command.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Part of the backup, and its marker.
    const [left] = await restored.read<{ probes: number; restoring: number }>(
      `MATCH (n:BackupCrashProbe)
       RETURN count(n) AS probes, sum(CASE WHEN n:PatmapRestoring THEN 1 ELSE 0 END) AS restoring`,
    );
    expect(left?.probes).toBeGreaterThan(0);
    expect(left?.restoring).toBe(left?.probes);
    expect(await unfinishedRestore(restored)).toMatchObject({ file });

    // Neither the app nor a backup will take it as the database it should be.
    await expect(prepareGraph(restored, () => {})).rejects.toThrow(/did not finish.*npm run restore/s);
    await expect(writeBackup(restored, path.join(scratch, 'part.jsonl'))).rejects.toThrow(/Backup refused/);
    const [demo] = await restored.read<{ n: number }>('MATCH (n:YoungPerson) RETURN count(n) AS n');
    expect(demo?.n).toBe(0);

    // Run again: what the killed restore wrote is removed, and the backup restored whole.
    const said: string[] = [];
    const report = await restoreBackup(restored, file, (line) => said.push(line));
    expect(said.join('\n')).toMatch(/did not finish: removing what it wrote/);
    expect(report.counts).toEqual(counts);
    const [whole] = await restored.read<Record<string, number>>(
      `MATCH (n)
       WITH count(n) AS nodes, sum(CASE WHEN n:BackupCrashProbe THEN 1 ELSE 0 END) AS probes,
         sum(CASE WHEN n:PatmapRestoring THEN 1 ELSE 0 END) AS restoring
       MATCH ()-[r:NEXT_PROBE]->() RETURN nodes, probes, restoring, count(r) AS links,
         sum(CASE WHEN startNode(r).n + 1 = endNode(r).n THEN 1 ELSE 0 END) AS inOrder`,
    );
    expect(whole).toEqual({ nodes: total, probes: total, restoring: 0, links: total - 1, inOrder: total - 1 });
    expect(await unfinishedRestore(restored)).toBeUndefined();
  }, 300_000);

  it('refuses a database that is not empty, and a damaged or truncated file, changing nothing', async () => {
    const file = path.join(scratch, 'own.jsonl');
    await writeBackup(api.graph, file);
    const refused = restoreBackup(api.graph, file);
    await expect(refused).rejects.toBeInstanceOf(RestoreRefused);
    await expect(refused).rejects.toThrow(/not empty/);

    const truncated = path.join(scratch, 'truncated.jsonl');
    writeFileSync(
      truncated,
      `${JSON.stringify({ kind: 'header', format: 'patmap-backup', formatVersion: 1, createdAt: new Date().toISOString(), auditHead: { seq: null, hash: null }, excluded: {} })}\n`,
    );
    await expect(restoreBackup(api.graph, truncated)).rejects.toThrow(/no end line/);
    const garbage = path.join(scratch, 'garbage.jsonl');
    writeFileSync(garbage, '{"kind": "node"}\n');
    await expect(restoreBackup(api.graph, garbage)).rejects.toThrow(/line 1/);
    const [restoring] = await api.graph.read<{ n: number }>('MATCH (n:PatmapRestoring) RETURN count(n) AS n');
    expect(restoring?.n).toBe(0);
    const indexes = await api.graph.read("SHOW INDEXES YIELD name WHERE name = 'patmap_restoring_key' RETURN name");
    expect(indexes).toEqual([]);
  }, 120_000);
});
