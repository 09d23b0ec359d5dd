import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { decodeAuditKey } from './audit/audit-key.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const port = z.coerce.number().int().min(1).max(65535);

const environmentSchema = z.object({
  PORT: port.default(8080),
  PATMAP_DATA_DIR: z
    .string()
    .min(1)
    .default(path.join(repoRoot, '.patmap', 'data')),
  PATMAP_BOLT_PORT: port.default(7687),
  PATMAP_AUDIT_KEY: z
    .string()
    .transform((text, context) => {
      const decoded = decodeAuditKey(text);
      if ('key' in decoded) return decoded.key;
      context.addIssue({ code: 'custom', message: decoded.problem });
      return z.NEVER;
    })
    .optional()
    .describe("The audit chain's HMAC key (hex or base64, at least 32 bytes); else PATMAP_DATA_DIR/audit.key"),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\//, 'a neo4j://, neo4j+s:// or bolt:// URI')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().min(1).optional(),
  PATMAP_TRUST_PROXY: z
    .string()
    .regex(/^(\d+|loopback|[0-9a-fA-F.:/, ]+)$/, 'a hop count, "loopback", or proxy addresses/subnets')
    .optional()
    .describe("Express's trust proxy setting, when a TLS-terminating proxy sits in front"),
  PATMAP_ANALYSIS_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(600)
    .default(30)
    .describe('How long a whole-network algorithm (groups, centrality, key players) may run before it is stopped'),
  PATMAP_MIRROR_REFRESH_SECONDS: z.coerce
    .number()
    .min(0)
    .max(3600)
    .default(1)
    .describe(
      'How often the analysis mirror reads in changes in the background, so analyses after many writes do not wait for them (0: only when an analysis asks)',
    ),
  PATMAP_ORIGIN: z
    .string()
    .regex(/^https?:\/\/[^/\s]+$/, 'an origin such as https://patmap.example.org')
    .optional()
    .describe('The public origin users reach patmap at, when it differs from the host patmap sees'),
});

export type Config = z.infer<typeof environmentSchema>;

/** The configuration from environment variables; a bad value stops start-up with a message naming it. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  if (parsed.data.NEO4J_URI && parsed.data.NEO4J_PASSWORD === undefined) {
    throw new Error('Invalid configuration: NEO4J_PASSWORD must be set when NEO4J_URI is set');
  }
  return parsed.data;
}
