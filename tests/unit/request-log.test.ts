import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLogger } from '../../api/http/logger.ts';

// The request log is read by whoever runs the host: it must say what was asked and how it went, and nothing of
// who or what was searched for.
const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let server: ReturnType<express.Express['listen']>;
let base = '';

beforeAll(async () => {
  const app = express();
  app.use(requestLogger(pino({ level: 'info' }, sink)));
  app.get('/api/persons-of-interest', (_request, response) => {
    response.json({ items: [{ name: 'Test Adult Quillfeather' }] });
  });
  app.use((_request, response) => {
    response.status(404).json({ error: 'not_found' });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

async function logged(path: string): Promise<Record<string, unknown>> {
  const before = lines.length;
  const answer = await fetch(`${base}${path}`, {
    headers: { cookie: 'patmap_session=secret-session-token', 'x-forwarded-for': '203.0.113.9' },
  });
  await answer.text();
  for (let tries = 0; lines.length === before && tries < 50; tries++) await new Promise((r) => setTimeout(r, 10));
  expect(lines.length).toBe(before + 1);
  return lines[before] as Record<string, unknown>;
}

describe('the request log', () => {
  it('records the method, the path without its query string, and the status', async () => {
    const line = await logged('/api/persons-of-interest?search=Quillfeather&limit=20');
    expect(line.req).toEqual({ id: expect.anything(), method: 'GET', path: '/api/persons-of-interest' });
    expect(line.res).toEqual({ statusCode: 200 });
    expect(line.level).toBe(30);
    expect(typeof line.responseTime).toBe('number');
  });

  it('holds no searched name, cookie, header or answer', async () => {
    const text = JSON.stringify(await logged('/api/persons-of-interest?search=Quillfeather'));
    for (const secret of ['Quillfeather', 'secret-session-token', 'cookie', '203.0.113.9', 'Test Adult']) {
      expect(text).not.toContain(secret);
    }
  });

  it('logs a refused request as a warning', async () => {
    const line = await logged('/api/no-such-route?search=Quillfeather');
    expect(line.res).toEqual({ statusCode: 404 });
    expect(line.level).toBe(40);
    expect(JSON.stringify(line)).not.toContain('Quillfeather');
  });
});
