import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IdListParam, IdParamsSchema, PageQuery, StanceMatrixSchema, StatementFilterQuery, WhoSaidSchema } from '../../schemas/api.js'
import { problemResponses } from '../../schemas/responses.js'
import { example } from './examples.js'
import { idList, linkNext, missingActor } from './params.js'

const whoSaid: FastifyPluginAsyncTypebox = async (fastify) => {
  const { actors } = fastify.repos

  fastify.get('/who-said-what-about/:id', {
    schema: {
      operationId: 'whoSaidWhatAbout',
      tags: ['analysis'],
      summary: 'Who said what about an actor, grouped by speaker',
      description: 'Statements about the actor grouped by speaker: each group has the speaker, how many of its statements about the actor are critical, supportive or neutral, and its most recent statements with their evidence. Groups are ordered by how much the speaker said about the actor.',
      params: IdParamsSchema,
      querystring: Type.Object({
        since: Type.Optional(StatementFilterQuery.since),
        until: Type.Optional(StatementFilterQuery.until),
        perSpeaker: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'statements embedded per speaker, 1 to 50' })),
        limit: Type.Optional({ ...PageQuery.limit, description: 'speakers per page, 1 to 100' }),
        cursor: Type.Optional(PageQuery.cursor),
      }, { additionalProperties: false }),
      response: { 200: { ...WhoSaidSchema, examples: example('whoSaidWhatAbout') }, 308: Type.Null({ description: 'merged: Location names the canonical actor' }), ...problemResponses(304, 400, 404, 503) },
    },
  }, async (request, reply) => {
    const { id } = request.params
    const { since, until, perSpeaker = 10, limit = 20, cursor } = request.query
    const { about, redirect, groups, next } = await actors.whoSaidWhatAbout(id, { since, until, perSpeaker, limit, cursor })
    if (!about) return missingActor(id, redirect, request, reply) ?? reply
    linkNext(request, reply, next)
    return { about, groups, next }
  })

  fastify.get('/stance-matrix', {
    schema: {
      operationId: 'stanceMatrix',
      tags: ['analysis'],
      summary: 'Speaker × target stance counts',
      description: 'For each pair of a speaker and an actor its statements are about, how many statements are critical, supportive and neutral. Narrow it with `speakers` and/or `targets`; pairs are ordered by speaker id, then target id.',
      querystring: Type.Object({
        speakers: Type.Optional(IdListParam('rows: only these speakers')),
        targets: Type.Optional(IdListParam('columns: only these targets')),
        since: Type.Optional(StatementFilterQuery.since),
        until: Type.Optional(StatementFilterQuery.until),
        limit: Type.Optional({ ...PageQuery.limit, description: 'cells per page, 1 to 100' }),
        cursor: Type.Optional(PageQuery.cursor),
      }, { additionalProperties: false }),
      response: { 200: { ...StanceMatrixSchema, examples: example('stanceMatrix') }, ...problemResponses(304, 400, 503) },
    },
  }, async (request, reply) => {
    const { speakers, targets, since, until, limit = 20, cursor } = request.query
    const result = await actors.stanceMatrix({ speakers: idList(speakers, 'speakers'), targets: idList(targets, 'targets'), since, until }, { limit, cursor })
    linkNext(request, reply, result.next)
    return { cells: result.items, next: result.next }
  })
}

export default whoSaid
