// The whole API as one Fastify instance built by a factory: the server file only listens, and
// tests call buildApp() and app.inject() without opening a port.
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config.js'
import { loggerOptions } from './logger.js'
import neo4jPlugin from './plugins/external/neo4j.js'
import problemHandler from './plugins/external/problem-handler.js'
import { ProblemSchema } from './schemas/problem.js'
import {
  ActorDetailSchema, ActorRefSchema, ActorSummarySchema, DocumentDetailSchema, DocumentRefSchema, DocumentSummarySchema,
  EvidenceSchema, StatementSchema,
} from './schemas/api.js'

// Schemas referenced by $id from routes; each becomes a named component of the OpenAPI document.
const SHARED_SCHEMAS = [
  ProblemSchema, ActorRefSchema, DocumentRefSchema, EvidenceSchema, StatementSchema,
  ActorSummarySchema, ActorDetailSchema, DocumentSummarySchema, DocumentDetailSchema,
]
import healthRoutes from './routes/health/index.js'
import v1Routes from './routes/v1/index.js'
import swaggerPlugin from './plugins/external/swagger.js'
import repositories from './plugins/app/repositories.js'
import cors from '@fastify/cors'

export interface BuildAppOptions {
  /** The Neo4j URI to use (the local server's when NEO4J_URI is unset). */
  neo4jUri: string
  /** Apply the graph schema during startup. */
  migrate?: boolean
  /** Override the logger (tests pass false). */
  logger?: FastifyServerOptions['logger']
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export async function buildApp (config: Config, options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config),
    // Explicit timeouts: a slow or idle client cannot hold a socket forever.
    connectionTimeout: config.REQUEST_TIMEOUT_MS + 5_000,
    keepAliveTimeout: 72_000, // above common load-balancer idle timeouts (60 s)
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    bodyLimit: 1_048_576,
    return503OnClosing: true,
    // A caller's x-request-id is kept so logs can be joined across services.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.addHook('onRequest', async (request, reply) => {
    if (!REQUEST_ID.test(String(request.id))) request.id = randomUUID()
    reply.header('x-request-id', request.id)
  })

  for (const schema of SHARED_SCHEMAS) app.addSchema(schema)
  await app.register(problemHandler)
  await app.register(cors, {
    origin: config.CORS_ORIGIN === '*' ? '*' : config.CORS_ORIGIN.split(',').map((o) => o.trim()),
    methods: ['GET', 'HEAD', 'OPTIONS'],
    exposedHeaders: ['etag', 'link', 'x-request-id', 'retry-after', 'location'],
  })
  await app.register(swaggerPlugin)
  await app.register(neo4jPlugin, { config, uri: options.neo4jUri, migrate: options.migrate ?? true })
  await app.register(repositories)
  await app.register(healthRoutes, { prefix: '/health' })
  await app.register(v1Routes, { prefix: '/v1' })
  return app
}
