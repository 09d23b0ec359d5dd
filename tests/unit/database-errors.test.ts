import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { classifyDatabaseError } from '../../api/db/neo4j.ts';

describe('database errors, in the terms the API answers with', () => {
  it('counts a lost server, a transient error left after retries, and a cut socket as unavailable (503)', () => {
    expect(classifyDatabaseError(new Neo4jError('gone', 'ServiceUnavailable', 'gone', 'gone'))).toBe('unavailable');
    const transient = new Neo4jError('stopping', 'Neo.TransientError.General.DatabaseUnavailable', 'x', 'x');
    expect(classifyDatabaseError(transient)).toBe('unavailable');
    expect(classifyDatabaseError(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe('unavailable');
    const lost = 'Failed to connect to server. Please ensure that your database is listening … Caused by: write EPIPE';
    expect(classifyDatabaseError(new Neo4jError(lost, 'N/A', 'x', 'x'))).toBe('unavailable');
    expect(classifyDatabaseError(new Neo4jError('Connection was closed by server', 'N/A', 'x', 'x'))).toBe(
      'unavailable',
    );
  });

  it('leaves other errors as they are', () => {
    const syntax = new Neo4jError('bad', 'Neo.ClientError.Statement.SyntaxError', 'x', 'x');
    expect(classifyDatabaseError(syntax)).toBe('other');
    expect(classifyDatabaseError(new Error('a bug'))).toBeUndefined();
  });
});
