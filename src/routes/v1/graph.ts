import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IdParam, IdParamsSchema, NeighbourhoodSchema, PathsSchema } from '../../schemas/api.js'
import { problemResponses } from '../../schemas/responses.js'
import { notFound } from '../../lib/errors.js'
import { example } from './examples.js'
import { missingActor } from './params.js'

const graph: FastifyPluginAsyncTypebox = async (fastify) => {
  const { graph: repo } = fastify.repos

  fastify.get('/graph/neighbourhood/:id', {
    schema: {
      operationId: 'neighbourhood',
      tags: ['graph'],
      summary: 'The neighbourhood of an actor, statement, document or topic, ready for a graph view',
      description: 'Nodes (`id`, `label`: Actor | Statement | Document | Topic, `kind`, `name`) and edges (`source` and `target` node ids, `type`, and `stance` or `role` where the relationship has one) within `depth` steps of the node, breadth first, at most `limit` nodes; `truncated` says whether the limit cut it short.',
      params: IdParamsSchema,
      querystring: Type.Object({
        depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, default: 1, description: 'steps from the node, 1 to 3' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'at most this many nodes, 1 to 500' })),
      }, { additionalProperties: false }),
      response: { 200: { ...NeighbourhoodSchema, examples: example('neighbourhood') }, ...problemResponses(304, 400, 404, 503) },
    },
  }, async (request) => {
    const { depth = 1, limit = 50 } = request.query
    const result = await repo.neighbourhood(request.params.id, depth, limit)
    if (!result) throw notFound('node', request.params.id)
    return { center: request.params.id, depth, ...result }
  })

  fastify.get('/paths', {
    schema: {
      operationId: 'paths',
      tags: ['graph'],
      summary: 'The shortest connections between two actors',
      description: 'All shortest paths (at most 10) between two actors through statements (SAID, ABOUT) and affiliations, at most `maxHops` relationships long; each step is explained in words.',
      querystring: Type.Object({
        from: { ...IdParam, description: 'the actor to start from' },
        to: { ...IdParam, description: 'the actor to reach' },
        maxHops: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, default: 4, description: 'longest path considered, 1 to 4 relationships' })),
      }, { additionalProperties: false }),
      response: { 200: { ...PathsSchema, examples: example('paths') }, 308: Type.Null({ description: 'from or to was merged: Location names the canonical actor' }), ...problemResponses(304, 400, 404, 503) },
    },
  }, async (request, reply) => {
    const { from, to, maxHops = 4 } = request.query
    const result = await repo.paths(from, to, maxHops)
    if (!result.from.actor) return missingActor(from, result.from.redirect, request, reply, 'from') ?? reply
    if (!result.to.actor) return missingActor(to, result.to.redirect, request, reply, 'to') ?? reply
    return { from: result.from.actor, to: result.to.actor, paths: result.paths }
  })
}

export default graph
