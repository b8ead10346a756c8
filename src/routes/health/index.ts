import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ProblemError } from '../../lib/errors.js'
import { problemResponses } from '../../schemas/responses.js'

const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
}, { examples: [{ status: 'ok' }] })

const ReadySchema = Type.Object({
  status: Type.Literal('ok'),
  database: Type.String({ description: 'the Neo4j database that answered' }),
}, { examples: [{ status: 'ok', database: 'neo4j' }] })

const health: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/live', {
    schema: {
      operationId: 'live',
      tags: ['health'],
      summary: 'Is the process up?',
      description: 'Answers 200 as long as the API process runs; it does not touch the database.',
      response: { 200: HealthSchema },
    },
  }, async () => ({ status: 'ok' as const }))

  fastify.get('/ready', {
    schema: {
      operationId: 'ready',
      tags: ['health'],
      summary: 'Can the API answer queries?',
      description: 'Runs a Cypher round trip. 503 problem+json while Neo4j is unreachable; 200 again once it is back, without restarting the API.',
      response: { 200: ReadySchema, ...problemResponses(503) },
    },
  }, async (request, reply) => {
    try {
      await fastify.db.ping()
    } catch (cause) {
      request.log.warn({ err: cause }, 'readiness check failed')
      throw new ProblemError('WS_ERR_DB_UNAVAILABLE', 'Neo4j does not answer a query right now.', {
        cause, headers: { 'retry-after': '5' },
      })
    }
    reply.header('cache-control', 'no-store')
    return { status: 'ok' as const, database: fastify.db.database }
  })
}

export default health
