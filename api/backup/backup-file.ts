import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { type BackupLine, lineSchema } from './backup-format.ts';

const gzipped = (file: string) => file.endsWith('.gz');

export interface LineWriter {
  write(line: BackupLine): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
  /** Stops writing, after a failure. */
  abort(): void;
}

/** Writes JSON lines to FILE (gzip when it ends in .gz) one at a time, waiting whenever the disk falls behind. */
export function lineWriter(file: string): LineWriter {
  const output = createWriteStream(file, { flags: 'w', mode: 0o600 });
  const gzip = gzipped(file) ? createGzip() : undefined;
  const sink: Writable = gzip ?? output;
  if (gzip) gzip.pipe(output);
  return {
    async write(line) {
      if (!sink.write(`${JSON.stringify(line)}\n`)) await once(sink, 'drain');
    },
    async close() {
      sink.end();
      await finished(output);
    },
    abort() {
      gzip?.destroy();
      output.destroy();
    },
  };
}

/** The lines of FILE, each checked against the format; a line that does not fit stops the reading, with its number. */
export async function* readLines(file: string): AsyncGenerator<BackupLine> {
  const input: Readable = gzipped(file) ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (!text.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${file}, line ${number}: not JSON`);
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success)
      throw new Error(`${file}, line ${number}: not a patmap backup line (${parsed.error.issues[0]?.message})`);
    yield parsed.data;
  }
}
