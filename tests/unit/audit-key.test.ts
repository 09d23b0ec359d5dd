import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditKeyFile, createAuditKeyFile, decodeAuditKey, readAuditKeyFile } from '../../api/audit/audit-key.ts';
import { loadConfig } from '../../api/config.ts';

const bytes = Buffer.from(Array.from({ length: 32 }, (_, index) => index));

describe('decodeAuditKey', () => {
  it('reads hex and base64', () => {
    expect(decodeAuditKey(bytes.toString('hex'))).toEqual({ key: bytes });
    expect(decodeAuditKey(`${bytes.toString('base64')}\n`)).toEqual({ key: bytes });
    expect(decodeAuditKey(bytes.toString('base64url'))).toEqual({ key: bytes });
  });

  it('refuses a key shorter than 32 bytes, or text that is neither', () => {
    expect(decodeAuditKey(bytes.subarray(0, 31).toString('hex'))).toEqual({
      problem: expect.stringMatching(/31 bytes; it must be at least 32/),
    });
    expect(decodeAuditKey('correct horse battery staple')).toEqual({ problem: expect.stringMatching(/hex or base64/) });
  });

  it('stops the configuration with a one-line message naming PATMAP_AUDIT_KEY', () => {
    expect(loadConfig({ PATMAP_AUDIT_KEY: bytes.toString('base64') }).PATMAP_AUDIT_KEY).toEqual(bytes);
    expect(() => loadConfig({ PATMAP_AUDIT_KEY: 'c2hvcnQ=' })).toThrow(
      /^Invalid configuration: PATMAP_AUDIT_KEY: [^\n]+$/,
    );
  });
});

describe('the audit key file', () => {
  const folders: string[] = [];
  const dataDir = () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'patmap-audit-key-'));
    folders.push(folder);
    return path.join(folder, 'data');
  };
  afterEach(() => {
    for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('is made once with 32 random bytes, readable by its owner alone, and then read back', () => {
    const file = auditKeyFile(dataDir());
    expect(readAuditKeyFile(file)).toBeUndefined();
    const made = createAuditKeyFile(file);
    expect(made).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readAuditKeyFile(file)).toEqual(made);
    // A second maker (another process that lost the race) gets the first one's key.
    expect(createAuditKeyFile(file)).toEqual(made);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['audit.key']);
  });

  it('names the file when it holds something that is not a key', () => {
    const file = auditKeyFile(dataDir());
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'abcd\n');
    expect(() => readAuditKeyFile(file)).toThrow(/audit\.key: the audit key is 2 bytes/);
  });
});
