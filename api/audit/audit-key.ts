import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The audit key seals the audit chain (HMAC-SHA256). It lives outside Neo4j, so that someone who can write to
 * the database cannot re-seal an event they changed: PATMAP_AUDIT_KEY, or else PATMAP_DATA_DIR/audit.key.
 */

export const auditKeyBytes = 32;

export type DecodedAuditKey = { key: Buffer } | { problem: string };

/** The key's bytes from hex or base64 (or base64url) text, or why it will not do. */
export function decodeAuditKey(text: string): DecodedAuditKey {
  const trimmed = text.trim();
  // Hex first: a hex string is also valid base64, and hex is what patmap writes to audit.key.
  const key = /^(?:[0-9a-fA-F]{2})+$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)
      ? Buffer.from(trimmed, 'base64')
      : undefined;
  if (key === undefined) return { problem: 'the audit key must be hex or base64' };
  if (key.length < auditKeyBytes) {
    return {
      problem: `the audit key is ${key.length} bytes; it must be at least ${auditKeyBytes} (e.g. \`openssl rand -base64 32\`)`,
    };
  }
  return { key };
}

export function auditKeyFile(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'audit.key');
}

/** The key in FILE, or undefined when there is no such file. */
export function readAuditKeyFile(file: string): Buffer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  const decoded = decodeAuditKey(text);
  if ('problem' in decoded) throw new Error(`${file}: ${decoded.problem}`);
  return decoded.key;
}

/** Creates FILE with 32 random bytes (hex, mode 0600); if another process got there first, returns theirs. */
export function createAuditKeyFile(file: string): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fresh = randomBytes(auditKeyBytes);
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(draft, `${fresh.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // A hard link appears complete or not at all, and fails if the file exists: no one reads half a key.
    fs.linkSync(draft, file);
    return fresh;
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    const theirs = readAuditKeyFile(file);
    if (theirs === undefined) throw new Error(`${file} vanished while it was being created`);
    return theirs;
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
