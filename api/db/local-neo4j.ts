/**
 * Runs a real Neo4j Community 5.26 (embedded in the small Java launcher under neo4j-local/) as a child process,
 * for when patmap is given no NEO4J_URI. Bolt only, on 127.0.0.1, auth on (user neo4j).
 *
 * The launcher is built with Maven on first use (and whenever its pom or sources are newer than the jar); see
 * neo4j-local/README.md.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createServer, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LocalNeo4jOptions {
  /** Neo4j home for this instance: data/, logs/ and .password live here. Created if missing. */
  dataDir: string;
  /** Bolt port on 127.0.0.1. */
  boltPort: number;
  /** Password for user neo4j; applied on every start (see localNeo4jPassword). At least 8 characters. */
  password: string;
  /** Maximum JVM heap, e.g. "1g" (default) or "2048m". The initial heap is 256m (or this, if smaller). */
  heap?: string;
  /** Neo4j page cache size, e.g. "256m" (default) or "1g". */
  pageCache?: string;
  /** Receives progress lines and the launcher's stderr, one line per call. */
  log?: (line: string) => void;
}

export interface LocalNeo4j {
  /** bolt://127.0.0.1:PORT */
  uri: string;
  /** The Java process's id, for a benchmark to read its CPU time. */
  pid: number | undefined;
  /** SIGTERM, then SIGKILL after 30 s; resolves once the process has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

const NEEDS_TOOLS =
  'patmap needs Java 17+ and Maven to run its local Neo4j: install them (e.g. apt-get install openjdk-17-jdk maven), or set NEO4J_URI to use an existing Neo4j server.';
const READY_PREFIX = 'PATMAP_NEO4J_READY ';
const MAIN_CLASS = 'org.patmap.neo4jlocal.LocalNeo4j';
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 30_000;
const BUILD_TIMEOUT_MS = 20 * 60_000;
const BUILD_LOCK_STALE_MS = 30 * 60_000;
const STDERR_TAIL_LINES = 40;

/**
 * JVM options of Neo4j's own server on Java 17+: the `server.jvm.additional` defaults of the neo4j.conf shipped
 * with Neo4j 5.26 (`-XX:+AlwaysPreTouch` left out: it only makes a laptop-sized heap slower to start), but for the
 * collector. neo4j.conf picks G1, which keeps pauses short on large heaps; this Neo4j has a heap of a gigabyte or
 * a few, on a machine of a few cores shared with the app, where the parallel collector's cheaper write barriers
 * matter more: measured loading 500k links, six runs alternating, Neo4j spent 120-128 µs of CPU a link under it
 * against 142-149 under G1 (its JIT compilers 13-15 s against 16-17), and loaded 12.9-13.9k links a second
 * against 11.4-11.9k (see the README's Benchmark).
 */
const NEO4J_JVM_OPTIONS: readonly string[] = [
  '-XX:+UseParallelGC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.tls.ephemeralDHKeySize=2048',
  '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
  '-XX:FlightRecorderOptions=stackdepth=256',
  '-XX:+UnlockDiagnosticVMOptions',
  '-XX:+DebugNonSafepoints',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
  '-Dlog4j.layout.jsonTemplate.maxStringLength=32768',
];
/**
 * JIT compiler threads. On fewer than 8 cores the JVM picks 2 (one C1, one C2), and a fresh Neo4j that is put
 * straight to work runs for a long time on C1 code while its one C2 thread works through the queue: loading
 * 500k links into a fresh Neo4j on 2 cores, its write path ran at about 135 µs of CPU a link on C1 code alone
 * and 55 once C2 had compiled it. Four threads (one C1, three C2) get there sooner: five runs interleaved with
 * five of the JVM's choice, 19.6-21.3k links/s against 16.0-19.8k, the compilers 5.0-5.9 s of Neo4j's CPU on the links
 * against 9.8-11.4. From 8 cores the JVM picks more than four itself.
 */
const COMPILER_THREADS_BELOW_8_CORES = 4;
const DEFAULT_INITIAL_HEAP = '256m';
const DEFAULT_MAX_HEAP = '1g';

/** Reads DIR/.password, creating it (random, mode 0600) if absent. */
export function localNeo4jPassword(dataDir: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, '.password');
  const existing = readPassword(file);
  if (existing !== undefined) return existing;
  const fresh = randomBytes(24).toString('base64url'); // 32 characters
  try {
    fs.writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    // another process created it first: use theirs
    const theirs = readPassword(file);
    if (theirs === undefined) throw new Error(`${file} exists but holds no password`);
    return theirs;
  }
}

export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const { boltPort, password } = options;
  const log = options.log ?? (() => {});
  if (!Number.isInteger(boltPort) || boltPort < 1 || boltPort > 65535) {
    throw new Error(`local Neo4j: boltPort must be an integer from 1 to 65535, got ${boltPort}`);
  }
  if (password.length < 8) throw new Error('local Neo4j: the password must be at least 8 characters long');
  const maxHeap = options.heap ?? DEFAULT_MAX_HEAP;
  const maxHeapBytes = parseJvmSize(maxHeap, 'heap');
  const initialHeap = maxHeapBytes < parseJvmSize(DEFAULT_INITIAL_HEAP, 'heap') ? maxHeap : DEFAULT_INITIAL_HEAP;

  const java = findJava();
  const launcher = await ensureLauncherBuilt(log);
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });

  const args = [
    `-Xms${initialHeap}`,
    `-Xmx${maxHeap}`,
    ...NEO4J_JVM_OPTIONS,
    ...(os.availableParallelism() < 8 ? [`-XX:CICompilerCount=${COMPILER_THREADS_BELOW_8_CORES}`] : []),
    '-cp',
    [launcher.jar, path.join(launcher.libDir, '*')].join(path.delimiter),
    MAIN_CLASS,
    '--data-dir',
    dataDir,
    '--bolt-port',
    String(boltPort),
    '--exit-on-stdin-eof',
    ...(options.pageCache === undefined ? [] : ['--page-cache', options.pageCache]),
  ];
  log(`starting local Neo4j (data ${dataDir}, bolt 127.0.0.1:${boltPort})`);
  const child = spawn(java.path, args, {
    cwd: dataDir,
    env: { ...process.env, PATMAP_NEO4J_PASSWORD: password },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return await waitUntilReady(child, dataDir, boltPort, log);
}

// ---- the child process ------------------------------------------------------------------------------------

function waitUntilReady(
  child: ChildProcess,
  dataDir: string,
  boltPort: number,
  log: (line: string) => void,
): Promise<LocalNeo4j> {
  const stderrTail: string[] = [];
  const describe = `local Neo4j (data ${dataDir}, bolt port ${boltPort})`;
  const tail = (): string => (stderrTail.length > 0 ? `:\n${stderrTail.join('\n')}` : ' (no output on stderr)');

  // If this process exits without stop(), take the child with it (it would also see stdin close and stop).
  const killOnExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('exit', killOnExit);

  let ready = false;
  let stopping: Promise<void> | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      process.off('exit', killOnExit);
      if (ready && stopping === undefined) log(`${describe} exited unexpectedly (${signal ?? `code ${code}`})`);
      resolve();
    });
  });
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.ref(); // keep this process alive until the child is gone
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(killer);
      }
      child.stdin?.destroy();
    })();
    return stopping;
  };

  // stderr must always be drained, or the JVM would block on a full pipe.
  onLines(child.stderr, (line) => {
    stderrTail.push(line);
    if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    log(`neo4j: ${line}`);
  });
  // An EPIPE when the child dies must not crash us; exit handling reports the failure.
  child.stdin?.on('error', () => {});

  return new Promise<LocalNeo4j>((resolve, reject) => {
    let settled = false;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(message));
    };
    const timer = setTimeout(() => {
      fail(`${describe} was not ready after ${READY_TIMEOUT_MS / 1000} s; stopped it${tail()}`);
      void stop();
    }, READY_TIMEOUT_MS);

    child.once('error', (error) => {
      fail(`${describe} could not be started: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      // let the last stderr lines arrive before reporting
      setImmediate(() => fail(`${describe} exited (${signal ?? `code ${code}`}) before it was ready${tail()}`));
    });
    onLines(child.stdout, (line) => {
      if (settled || !line.startsWith(READY_PREFIX)) {
        if (line.trim() !== '') log(`neo4j (stdout): ${line}`);
        return;
      }
      settled = true;
      ready = true;
      clearTimeout(timer);
      const uri = line.slice(READY_PREFIX.length).trim();
      log(`local Neo4j ready at ${uri}`);
      // From here on the child does not keep this process alive by itself: stop() or process exit ends it.
      unrefChild(child);
      resolve({ uri, pid: child.pid, stop });
    });
  });
}

function onLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (stream === null) return;
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      onLine(buffered.slice(0, newline).replace(/\r$/, ''));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  });
  stream.on('end', () => {
    if (buffered !== '') onLine(buffered);
    buffered = '';
  });
}

function unrefChild(child: ChildProcess): void {
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    if (stream instanceof Socket) stream.unref();
  }
}

// ---- tools: java and mvn ----------------------------------------------------------------------------------

interface JavaInfo {
  path: string;
  major: number;
}

let javaInfo: JavaInfo | undefined;

function findJava(): JavaInfo {
  if (javaInfo !== undefined) return javaInfo;
  const javaHome = process.env.JAVA_HOME;
  const fromHome = javaHome ? path.join(javaHome, 'bin', executableName('java')) : undefined;
  const javaPath = fromHome !== undefined && isExecutable(fromHome) ? fromHome : findOnPath('java');
  if (javaPath === undefined) throw new Error(NEEDS_TOOLS);
  const probe = spawnSync(javaPath, ['-version'], { encoding: 'utf8', timeout: 30_000 });
  const major = parseJavaMajor(`${probe.stderr ?? ''}\n${probe.stdout ?? ''}`);
  if (probe.status !== 0 || major === undefined || major < 17) {
    const found = major === undefined ? 'an unusable java' : `Java ${major}`;
    throw new Error(NEEDS_TOOLS.replace('Java 17+ and Maven', `Java 17+ (found ${found} at ${javaPath}) and Maven`));
  }
  javaInfo = { path: javaPath, major };
  return javaInfo;
}

function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (match === null) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first; // "1.8.0_x" is Java 8
}

function findMaven(): string {
  for (const home of [process.env.MAVEN_HOME, process.env.M2_HOME]) {
    if (home) {
      const candidate = path.join(home, 'bin', process.platform === 'win32' ? 'mvn.cmd' : 'mvn');
      if (isExecutable(candidate)) return candidate;
    }
  }
  const mvn = findOnPath(process.platform === 'win32' ? 'mvn.cmd' : 'mvn');
  if (mvn === undefined) throw new Error(NEEDS_TOOLS);
  return mvn;
}

function executableName(name: string): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name.includes('.') ? name : executableName(name));
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// ---- building the launcher --------------------------------------------------------------------------------

interface Launcher {
  jar: string;
  libDir: string;
}

function launcherPaths(): { projectDir: string; pom: string; jar: string; libDir: string; lockFile: string } {
  const projectDir = path.join(findRepoRoot(), 'neo4j-local');
  const targetDir = path.join(projectDir, 'target');
  return {
    projectDir,
    pom: path.join(projectDir, 'pom.xml'),
    jar: path.join(targetDir, 'neo4j-local.jar'),
    libDir: path.join(targetDir, 'lib'),
    lockFile: path.join(targetDir, '.patmap-build.lock'),
  };
}

/** The directory holding neo4j-local/pom.xml, searched upwards from this module's own location. */
function findRepoRoot(): string {
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'neo4j-local', 'pom.xml'))) return dir;
    if (path.dirname(dir) === dir) {
      throw new Error(`local Neo4j: cannot find neo4j-local/pom.xml in ${start} or any directory above it`);
    }
  }
}

function launcherIsStale(paths: ReturnType<typeof launcherPaths>): boolean {
  let jarTime: number;
  try {
    jarTime = fs.statSync(paths.jar).mtimeMs;
    if (fs.readdirSync(paths.libDir).filter((name) => name.endsWith('.jar')).length === 0) return true;
  } catch {
    return true;
  }
  const inputs = [paths.pom, ...listFiles(path.join(paths.projectDir, 'src'))];
  return inputs.some((file) => fs.statSync(file).mtimeMs > jarTime);
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

async function ensureLauncherBuilt(log: (line: string) => void): Promise<Launcher> {
  const paths = launcherPaths();
  const launcher = { jar: paths.jar, libDir: paths.libDir };
  if (!launcherIsStale(paths)) return launcher;

  const mvn = findMaven();
  const release = await acquireBuildLock(paths.lockFile, log);
  try {
    // another process may have built it while we waited for the lock
    if (!launcherIsStale(paths)) return launcher;
    log('building the local Neo4j launcher with Maven (the first build downloads Neo4j, ~125 MB)');
    const started = Date.now();
    await runMaven(mvn, paths.pom);
    if (!fs.existsSync(paths.jar)) throw new Error(`local Neo4j: Maven finished but ${paths.jar} is missing`);
    // Maven leaves an unchanged jar alone; mark it as built now so the next start does not rebuild.
    const now = new Date();
    fs.utimesSync(paths.jar, now, now);
    log(`local Neo4j launcher built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return launcher;
  } finally {
    release();
  }
}

function runMaven(mvn: string, pom: string): Promise<void> {
  const args = ['-q', '-B', '-Dstyle.color=never', '-f', pom, '-DskipTests', 'package'];
  return new Promise<void>((resolve, reject) => {
    const child = spawn(mvn, args, { cwd: path.dirname(pom), stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const keep = (line: string): void => {
      output.push(line);
      if (output.length > 60) output.shift();
    };
    onLines(child.stdout, keep);
    onLines(child.stderr, keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`local Neo4j: could not run Maven (${mvn}): ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve();
        return;
      }
      const why =
        signal === 'SIGKILL'
          ? `timed out after ${BUILD_TIMEOUT_MS / 60_000} min`
          : `failed (${signal ?? `code ${code}`})`;
      reject(
        new Error(`local Neo4j: building the launcher with Maven ${why}: mvn ${args.join(' ')}\n${output.join('\n')}`),
      );
    });
  });
}

/**
 * A lock file (created exclusively) so that two processes starting at once do not run Maven on the same target/
 * together. A lock whose owner is dead, or that is older than BUILD_LOCK_STALE_MS, is taken over.
 */
async function acquireBuildLock(lockFile: string, log: (line: string) => void): Promise<() => void> {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const waitStarted = Date.now();
  let announced = false;
  for (;;) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }));
      fs.closeSync(fd);
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    if (buildLockIsStale(lockFile)) {
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() - waitStarted > BUILD_TIMEOUT_MS) {
      throw new Error(`local Neo4j: gave up waiting for another build to finish (lock ${lockFile})`);
    }
    if (!announced) {
      log(`waiting for another process building the local Neo4j launcher (lock ${lockFile})`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function buildLockIsStale(lockFile: string): boolean {
  try {
    const stat = fs.statSync(lockFile);
    if (Date.now() - stat.mtimeMs > BUILD_LOCK_STALE_MS) return true;
    const owner: unknown = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
    if (typeof owner !== 'object' || owner === null || !('pid' in owner)) {
      // being written right now, or garbage: give a fresh file a moment
      return Date.now() - stat.mtimeMs > 10_000;
    }
    const { pid, host } = owner as { pid: unknown; host?: unknown };
    if (typeof pid !== 'number' || (host !== undefined && host !== os.hostname())) return false;
    return !processIsAlive(pid);
  } catch {
    // vanished (the owner just released it) or unreadable for a moment: retry rather than take over
    return false;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

// ---- small helpers ----------------------------------------------------------------------------------------

function readPassword(file: string): string | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8').trim();
    return text === '' ? undefined : text;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function parseJvmSize(size: string, what: string): number {
  const match = /^(\d+)([kmgt]?)$/i.exec(size.trim());
  if (match === null) throw new Error(`local Neo4j: ${what} must look like 512m or 2g, got "${size}"`);
  const exponent = ['', 'k', 'm', 'g', 't'].indexOf((match[2] ?? '').toLowerCase());
  return Number(match[1]) * 1024 ** exponent;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error as { code: unknown };
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** A TCP port free on 127.0.0.1 right now, for a Neo4j of the tests' or the benchmark's own. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
