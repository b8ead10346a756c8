// Everything under /v1, mounted here and only here, so every route shares one contract: conditional
// GETs (ETag / 304) and cache headers on every answer, the change feed included; writes answer with
// the ETag a GET of the same resource gives; and each operation documents the statuses that the
// shared hooks (rate limit, timeouts, load shedding, body limits, keys) can answer on it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Config } from '../../config.js'
import { etagMatches, etagOf } from '../../lib/etag.js'
import { sharedResponses } from '../../schemas/responses.js'
import actors from './actors.js'
import documents from './documents.js'
import extract from './extract.js'
import graph from './graph.js'
import importRoute from './import.js'
import search from './search.js'
import statements from './statements.js'
import whoSaid from './who-said.js'
import exportRoute from './export.js'
import jsonLdContext from './jsonld.js'
import stanceTimeline from './stance-timeline.js'
import writes from './writes.js'

const v1: FastifyPluginAsyncTypebox<{ config: Config }> = async (fastify, { config }) => {
  fastify.addHook('onRoute', (route) => {
    const schema = (route.schema ??= {}) as { response?: Record<string, unknown>, body?: unknown, params?: unknown }
    const hasBody = route.method !== 'GET' && route.method !== 'HEAD' && route.method !== 'DELETE'
    schema.response = { ...sharedResponses({ get: route.method === 'GET', hasBody }), ...schema.response }
  })

  fastify.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 200 || reply.statusCode >= 300 || typeof payload !== 'string') return payload
    const etag = etagOf(payload)
    reply.header('etag', etag)
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload
    if (!reply.hasHeader('cache-control')) {
      // The graph changes through writes at any time; clients may reuse an answer briefly and
      // then revalidate cheaply with If-None-Match.
      reply.header('cache-control', 'public, max-age=30, stale-while-revalidate=60')
    }
    const ifNoneMatch = request.headers['if-none-match']
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etag)) {
      reply.code(304)
      return ''
    }
    return payload
  })

  await fastify.register(actors)
  await fastify.register(statements)
  await fastify.register(whoSaid)
  await fastify.register(documents)
  await fastify.register(graph)
  await fastify.register(search)
  await fastify.register(stanceTimeline)
  await fastify.register(writes)
  await fastify.register(importRoute, { config })
  await fastify.register(exportRoute)
  await fastify.register(jsonLdContext)
  await fastify.register(extract, { config })
}

export default v1
