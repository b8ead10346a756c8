import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  NoQuery, ActorDetailSchema, ActorSummarySchema, IdListParam, IdParamsSchema, PageQuery, PageSchema, StatementFilterQuery, StatementSchema,
} from '../../schemas/api.js'
import { ActorKindSchema } from '../../domain/seed-model.js'
import { okRef, problemResponses } from '../../schemas/responses.js'
import { notFound } from '../../lib/errors.js'
import { example } from './examples.js'
import { idList, linkNext, missingActor } from './params.js'
import { actorJsonLd, negotiateJsonLd, withJsonLd } from './jsonld.js'
import { baseUrl } from '../../plugins/external/base-url.js'

// The filters both /actors/{id}/statements and /actors/{id}/mentions take besides about/speaker.
const ACTOR_STATEMENT_FILTERS = {
  topic: Type.Optional(StatementFilterQuery.topic),
  stance: Type.Optional(StatementFilterQuery.stance),
  since: Type.Optional(StatementFilterQuery.since),
  until: Type.Optional(StatementFilterQuery.until),
  limit: Type.Optional(PageQuery.limit),
  cursor: Type.Optional(PageQuery.cursor),
}

const StatementPage = PageSchema(Type.Ref(StatementSchema), 'a page of statements, newest first')

const actors: FastifyPluginAsyncTypebox = async (fastify) => {
  const { actors: repo, statements } = fastify.repos

  fastify.get('/actors', {
    schema: {
      operationId: 'listActors',
      tags: ['actors'],
      summary: 'List or search actors',
      description: 'People, organisations and groups, ordered by name. `q` searches names and aliases (every word must match; the last also as a prefix) and ranks the hits: an exact name or alias first, then names or aliases that start with `q`, then those with `q` as a word, then the rest by relevance (ties by name). Ranked results stop at the best 1000.',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'words to find in names and aliases' })),
        kind: Type.Optional(ActorKindSchema),
        limit: Type.Optional(PageQuery.limit),
        cursor: Type.Optional(PageQuery.cursor),
      }, { additionalProperties: false }),
      response: { 200: { ...PageSchema(Type.Ref(ActorSummarySchema), 'a page of actors'), examples: example('listActors') }, ...problemResponses(304, 400, 503) },
    },
  }, async (request, reply) => {
    const { q, kind, limit = 20, cursor } = request.query
    const result = await repo.list({ q, kind }, { limit, cursor })
    linkNext(request, reply, result.next)
    return result
  })

  fastify.get('/actors/:id', {
    schema: {
      operationId: 'getActor',
      tags: ['actors'],
      summary: 'One actor, its affiliations and statement counts',
      description: 'The actor with its affiliations (roles and time spans, both directions) and how many statements it made and how many are about it. An id that was merged into another answers 308 to the canonical one. With `Accept: application/ld+json`, JSON-LD (a schema.org Person or Organization; context at /v1/context.jsonld).',
      params: IdParamsSchema,
      querystring: NoQuery,
      response: { 200: withJsonLd(okRef(Type.Ref(ActorDetailSchema), 'the actor', example('getActor'))) as unknown as typeof ActorDetailSchema, 308: Type.Null({ description: 'merged: Location names the canonical actor' }), ...problemResponses(304, 400, 404, 503) },
    },
  }, async (request, reply) => {
    const { actor, redirect } = await repo.getOrRedirect(request.params.id)
    if (actor && negotiateJsonLd(request, reply)) return actorJsonLd(baseUrl(request), actor) as never
    if (actor) return actor
    if (redirect) return reply.redirect(`/v1/actors/${redirect}`, 308)
    throw notFound('actor', request.params.id)
  })

  fastify.get('/actors/:id/statements', {
    schema: {
      operationId: 'listActorStatements',
      tags: ['actors', 'statements'],
      summary: 'What an actor said',
      description: 'Statements the actor made, newest first, each with targets, stance and evidence. Filter by who or what they are about, topic, stance and date.',
      params: IdParamsSchema,
      querystring: Type.Object({
        about: Type.Optional(IdListParam('only statements about these actors')),
        ...ACTOR_STATEMENT_FILTERS,
      }, { additionalProperties: false }),
      response: { 200: { ...StatementPage, examples: example('listActorStatements') }, 308: Type.Null({ description: 'merged: Location names the canonical actor' }), ...problemResponses(304, 400, 404, 503) },
    },
  }, async (request, reply) => {
    const { id } = request.params
    const { about, topic, stance, since, until, limit = 20, cursor } = request.query
    const { items, next, found, redirect } = await statements.list({
      speakers: [id], about: idList(about, 'about'), topics: idList(topic, 'topic'), stance, since, until,
    }, { limit, cursor }, id)
    if (!found) return missingActor(id, redirect, request, reply) ?? reply
    linkNext(request, reply, next)
    return { items, next }
  })

  fastify.get('/actors/:id/mentions', {
    schema: {
      operationId: 'listActorMentions',
      tags: ['actors', 'statements'],
      summary: 'What was said about an actor, and by whom',
      description: 'Statements about the actor, newest first; each names its speakers (with their role at the time), the stance towards this and other targets, and the evidence.',
      params: IdParamsSchema,
      querystring: Type.Object({
        speaker: Type.Optional(IdListParam('only statements by these actors')),
        ...ACTOR_STATEMENT_FILTERS,
      }, { additionalProperties: false }),
      response: { 200: { ...StatementPage, examples: example('listActorMentions') }, 308: Type.Null({ description: 'merged: Location names the canonical actor' }), ...problemResponses(304, 400, 404, 503) },
    },
  }, async (request, reply) => {
    const { id } = request.params
    const { speaker, topic, stance, since, until, limit = 20, cursor } = request.query
    const { items, next, found, redirect } = await statements.list({
      about: [id], speakers: idList(speaker, 'speaker'), topics: idList(topic, 'topic'), stance, since, until,
    }, { limit, cursor }, id)
    if (!found) return missingActor(id, redirect, request, reply) ?? reply
    linkNext(request, reply, next)
    return { items, next }
  })
}

export default actors
