// The whole API as one Fastify instance built by a factory: the server file only listens, and
// tests call buildApp() and app.inject() without opening a port.
import { randomUUID } from 'node:crypto'
import AjvCompiler from '@fastify/ajv-compiler'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config.js'
import { loggerOptions } from './logger.js'
import neo4jPlugin from './plugins/external/neo4j.js'
import problemHandler, { routingProblem } from './plugins/external/problem-handler.js'
import { ProblemSchema } from './schemas/problem.js'
import {
  ActorDetailSchema, ActorRefSchema, ActorSummarySchema, DocumentDetailSchema, DocumentRefSchema, DocumentSummarySchema,
  EvidenceSchema, StatementSchema,
} from './schemas/api.js'

import healthRoutes from './routes/health/index.js'
import v1Routes from './routes/v1/index.js'
import swaggerPlugin from './plugins/external/swagger.js'
import repositories from './plugins/app/repositories.js'
import cors from '@fastify/cors'
import auth from './plugins/external/auth.js'
import guards from './plugins/external/guards.js'
import explorer from './routes/explore/index.js'
import baseUrl from './plugins/external/base-url.js'
import { seedJsonSchema } from './domain/json-schema.js'
import {
  ActorBodySchema, ActorPatchSchema, DocumentBodySchema, DocumentPatchSchema, StatementBodySchema, StatementPatchSchema,
} from './schemas/writes.js'

// Schemas referenced by $id from routes; each becomes a named component of the OpenAPI document.
const SHARED_SCHEMAS = [
  ProblemSchema, ActorRefSchema, DocumentRefSchema, EvidenceSchema, StatementSchema,
  ActorSummarySchema, ActorDetailSchema, DocumentSummarySchema, DocumentDetailSchema,
  ActorBodySchema, StatementBodySchema, DocumentBodySchema, ActorPatchSchema, StatementPatchSchema, DocumentPatchSchema,
]

export interface BuildAppOptions {
  /** The Neo4j URI to use (the local server's when NEO4J_URI is unset). */
  neo4jUri: string
  /** Apply the graph schema during startup. */
  migrate?: boolean
  /** Override the logger (tests pass false). */
  logger?: FastifyServerOptions['logger']
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

// Query strings, path parameters and headers arrive as text, so their values are coerced to the
// schema's types ("20" becomes 20); JSON bodies already carry types, and a body that sends
// `false` or `0` where a string belongs is an error, not a string.
const ajvCompilers = AjvCompiler()
const AJV_OPTIONS = { allErrors: true, removeAdditional: false as const }
function buildValidator (externalSchemas: Record<string, unknown>, options: { customOptions?: Record<string, unknown> }) {
  const coercing = ajvCompilers(externalSchemas as never, { ...options, customOptions: { ...options.customOptions, ...AJV_OPTIONS, coerceTypes: 'array' } })
  const strict = ajvCompilers(externalSchemas as never, { ...options, customOptions: { ...options.customOptions, ...AJV_OPTIONS, coerceTypes: false } })
  return (route: { httpPart?: string }) => route.httpPart === 'body' ? strict(route as never) : coercing(route as never)
}

export async function buildApp (config: Config, options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config),
    // Explicit timeouts: a slow or idle client cannot hold a socket forever.
    connectionTimeout: config.REQUEST_TIMEOUT_MS + 5_000,
    keepAliveTimeout: 72_000, // above common load-balancer idle timeouts (60 s)
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Path ids longer than any valid id reach validation (400 naming them) instead of a bare 414.
    routerOptions: { maxParamLength: 2048 },
    // Long (even invalid) query strings reach validation and get a 400 naming the parameter.
    // Timed-out requests are found within a second rather than Node's default 30 s.
    http: { maxHeaderSize: 131_072, connectionsCheckingInterval: 1000 },
    return503OnClosing: true,
    // Plugins connect and migrate (constraints, indexes, awaitIndexes) before the app is ready;
    // on a cold or busy database that outlasts Fastify's 10 s default.
    pluginTimeout: 120_000,
    // A caller's x-request-id is kept so logs can be joined across services.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    schemaController: { compilersFactory: { buildValidator: buildValidator as never } },
    // Router errors (before any route or hook) answer problem+json too; see problem-handler.ts.
    frameworkErrors: routingProblem,
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.addHook('onRequest', async (request, reply) => {
    if (!REQUEST_ID.test(String(request.id))) request.id = randomUUID()
    reply.header('x-request-id', request.id)
  })

  for (const schema of SHARED_SCHEMAS) app.addSchema(schema)
  // The seed format documents POST /v1/import's JSON body; draft-07 Ajv needs no $schema line.
  const { $schema: _draft, ...seedSchema } = JSON.parse(seedJsonSchema()) as Record<string, unknown>
  app.addSchema({ ...seedSchema, $id: 'GraphSeedFile' })
  await app.register(problemHandler)
  await app.register(cors, {
    origin: config.CORS_ORIGIN === '*' ? '*' : config.CORS_ORIGIN.split(',').map((o) => o.trim()),
    // Browsers may read from any allowed origin; writes need an API key and come from servers.
    methods: ['GET', 'HEAD', 'OPTIONS'],
    exposedHeaders: ['etag', 'link', 'x-request-id', 'retry-after', 'location', 'neo4j-bookmarks', 'server-timing',
      'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'],
  })
  await app.register(auth, { config })
  await app.register(guards, { config })
  await app.register(swaggerPlugin)
  await app.register(neo4jPlugin, { config, uri: options.neo4jUri, migrate: options.migrate ?? true })
  await app.register(repositories)
  await app.register(baseUrl, { config })
  await app.register(healthRoutes, { prefix: '/health' })
  await app.register(v1Routes, { prefix: '/v1', config })
  await app.register(explorer)
  return app
}
