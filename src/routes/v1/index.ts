// The read API under /v1, with conditional GETs (ETag / 304) and cache headers for every answer.
import type { FastifyPluginAsync } from 'fastify'
import etag from '@fastify/etag'
import actors from './actors.js'
import documents from './documents.js'
import graph from './graph.js'
import search from './search.js'
import statements from './statements.js'
import whoSaid from './who-said.js'
import exportRoute from './export.js'
import jsonLdContext from './jsonld.js'

const v1: FastifyPluginAsync = async (fastify) => {
  // Weak ETags from a hash of the body: a matching If-None-Match answers 304 without the body.
  await fastify.register(etag, { weak: true })
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'GET' && reply.statusCode < 300 && !reply.hasHeader('cache-control')) {
      // The graph changes through writes at any time; clients may reuse an answer briefly and
      // then revalidate cheaply with If-None-Match.
      reply.header('cache-control', 'public, max-age=30, stale-while-revalidate=60')
    }
    return payload
  })
  await fastify.register(actors)
  await fastify.register(statements)
  await fastify.register(whoSaid)
  await fastify.register(documents)
  await fastify.register(graph)
  await fastify.register(search)
  await fastify.register(exportRoute)
  await fastify.register(jsonLdContext)
}

export default v1
