// Configuration comes only from environment variables, validated once at start by this schema.
// Every variable here is listed in .env.example and in the README's configuration table.
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

const Size = (def: string, description: string) =>
  Type.String({ pattern: '^[0-9]+[kmgKMG]$', default: def, description: `${description} (a size such as 512m or 2g)` })

const Int = (def: number, minimum: number, maximum: number, description: string) =>
  Type.Integer({ default: def, minimum, maximum, description: `${description} (an integer from ${minimum} to ${maximum})` })

export const ConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', minLength: 1, description: 'address the API listens on' }),
  PORT: Int(3000, 0, 65535, 'port the API listens on'),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), {
    default: 'info', description: 'pino log level (fatal, error, warn, info, debug, trace or silent)',
  }),
  NEO4J_URI: Type.Optional(Type.String({
    pattern: '^(bolt|neo4j)(\\+s|\\+ssc)?://[^\\s]+$',
    description: 'an existing Neo4j server (bolt://, neo4j://, bolt+s:// or neo4j+s:// URI); unset = run the local Neo4j',
  })),
  NEO4J_USER: Type.String({ default: 'neo4j', description: 'Neo4j user name' }),
  NEO4J_PASSWORD: Type.String({ default: '', description: 'Neo4j password' }),
  NEO4J_DATABASE: Type.String({ default: 'neo4j', pattern: '^[A-Za-z][A-Za-z0-9.-]{0,62}$', description: 'Neo4j database name' }),
  NEO4J_QUERY_TIMEOUT_MS: Int(10000, 100, 600000, 'server-side timeout of every Neo4j transaction in ms'),
  NEO4J_MAX_POOL_SIZE: Int(50, 1, 1000, 'maximum Bolt connections per API process'),
  NEO4J_LOCAL_PORT: Int(7687, 1, 65535, 'Bolt port of the local Neo4j'),
  NEO4J_LOCAL_HOME: Type.String({ default: '.neo4j/dev', minLength: 1, description: 'folder of the local Neo4j\'s data, logs and pid file' }),
  NEO4J_LOCAL_HEAP: Size('1g', 'JVM heap of the local Neo4j'),
  NEO4J_LOCAL_PAGECACHE: Size('1g', 'page cache of the local Neo4j'),
  SEED_ON_START: Type.Boolean({ default: true, description: 'load graph-seed/ at start when the database is empty (true or false)' }),
  CORS_ORIGIN: Type.String({ default: '*', description: 'allowed CORS origin(s): * or a comma-separated list of origins' }),
  REQUEST_TIMEOUT_MS: Int(30000, 1000, 600000, 'time allowed for a whole request in ms'),
  BODY_LIMIT_BYTES: Int(1_048_576, 1024, 104_857_600, 'largest request body accepted, in bytes (413 beyond)'),
  IMPORT_BODY_LIMIT_BYTES: Int(52_428_800, 1024, 1_073_741_824, 'largest POST /v1/import body, in bytes'),
  API_KEYS: Type.String({
    default: '',
    pattern: '^$|^[A-Za-z0-9_.-]{1,64}:(read|write|admin)(\\+(read|write|admin))*:[0-9a-f]{64}(,[A-Za-z0-9_.-]{1,64}:(read|write|admin)(\\+(read|write|admin))*:[0-9a-f]{64})*$',
    description: 'API keys as name:scope+scope:sha256-hex-of-key, comma-separated (make one with npm run apikey)',
  }),
  REQUIRE_AUTH_FOR_READS: Type.Boolean({ default: false, description: 'require a key with the read scope for GET /v1 (true or false)' }),
  RATE_LIMIT_MAX: Int(600, 1, 1_000_000, 'requests allowed per key (or client address) per window'),
  RATE_LIMIT_WINDOW_MS: Int(60000, 1000, 3_600_000, 'rate-limit window in ms'),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://[^\\s]+$', description: 'a Redis URL (redis:// or rediss://) to share rate limits between API instances' })),
  MAX_EVENT_LOOP_DELAY_MS: Int(1000, 0, 60000, 'shed load (503) when the event loop lags more than this, in ms; 0 turns it off'),
  MAX_HEAP_USED_BYTES: Int(0, 0, 68_719_476_736, 'shed load (503) above this heap size in bytes; 0 turns it off'),
  PUBLIC_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s/]+(/[^\\s]*)?$', description: 'the public base URL of the API (http:// or https://), for the URIs of JSON-LD answers; unset = from each request\'s protocol and Host' })),
})

export type Config = Static<typeof ConfigSchema>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads and validates configuration; throws ConfigError with one line naming the variable. */
export function loadConfig (env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {}
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key]
    if (value !== undefined && value !== '') raw[key] = value
  }
  const converted = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, raw))
  const first = Value.Errors(ConfigSchema, converted).First()
  if (first) {
    const name = first.path.replace(/^\//, '').split('/')[0] ?? ''
    const schema = (ConfigSchema.properties as Record<string, TSchema>)[name]
    const expected = schema?.description ?? first.message
    throw new ConfigError(`Invalid configuration: ${name}=${JSON.stringify(env[name])} is not valid; expected ${expected}.`)
  }
  return converted as Config
}
