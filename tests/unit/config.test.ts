import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config.ts';

describe('loadConfig', () => {
  it('has defaults for a laptop', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.PATMAP_BOLT_PORT).toBe(7687);
    expect(config.NEO4J_URI).toBeUndefined();
    expect(config.PATMAP_DATA_DIR).toMatch(/\.patmap[/\\]data$/);
  });

  it('reads the environment', () => {
    const config = loadConfig({ PORT: '9090', PATMAP_BOLT_PORT: '7700', PATMAP_DATA_DIR: '/tmp/x' });
    expect(config).toMatchObject({ PORT: 9090, PATMAP_BOLT_PORT: 7700, PATMAP_DATA_DIR: '/tmp/x' });
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NEO4J_URI: 'http://example.invalid' })).toThrow(/NEO4J_URI/);
  });

  it('reads the proxy settings', () => {
    expect(loadConfig({ PATMAP_TRUST_PROXY: '1', PATMAP_ORIGIN: 'https://patmap.example.invalid' })).toMatchObject({
      PATMAP_TRUST_PROXY: '1',
      PATMAP_ORIGIN: 'https://patmap.example.invalid',
    });
    expect(() => loadConfig({ PATMAP_ORIGIN: 'patmap.example.invalid/path' })).toThrow(/PATMAP_ORIGIN/);
  });

  it('needs a password with an external Neo4j', () => {
    expect(() => loadConfig({ NEO4J_URI: 'neo4j+s://db.example.invalid' })).toThrow(/NEO4J_PASSWORD/);
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://db.example.invalid', NEO4J_PASSWORD: 'x' }).NEO4J_URI).toBe(
      'neo4j+s://db.example.invalid',
    );
  });
});
