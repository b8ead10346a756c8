// GET /v1/stance-timeline: a speaker's stance towards a target, period by period.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ActorRefSchema, IdParam, StanceCountsSchema, StatementFilterQuery } from '../../schemas/api.js'
import { problemResponses } from '../../schemas/responses.js'
import { enumOf } from '../../domain/seed-model.js'
import { StanceTimelineRepository } from '../../repositories/stance-timeline.js'
import { example } from './examples.js'
import { missingActor } from './params.js'

const CountsSchema = Type.Object({ ...StanceCountsSchema.properties, total: Type.Integer() })

export const StanceTimelineSchema = Type.Object({
  speaker: Type.Ref(ActorRefSchema),
  target: Type.Ref(ActorRefSchema),
  interval: enumOf(['month', 'year'] as const, 'the length of each period'),
  periods: Type.Array(Type.Object({
    period: Type.String({ description: 'YYYY-MM for months, YYYY for years' }),
    ...CountsSchema.properties,
  }), { description: 'periods with at least one statement, oldest first' }),
  imprecise: { ...CountsSchema, description: 'statements whose date is known less precisely than the interval (a year-precise date on a monthly timeline), counted apart rather than placed in one period' },
  undated: { ...CountsSchema, description: 'statements without a date' },
})

const stanceTimeline: FastifyPluginAsyncTypebox = async (fastify) => {
  const repo = new StanceTimelineRepository(fastify.db)

  fastify.get('/stance-timeline', {
    schema: {
      operationId: 'stanceTimeline',
      tags: ['analysis'],
      summary: 'A speaker\'s stance towards a target over time',
      description: 'How many of the speaker\'s statements about the target are critical, supportive and neutral in each month or year (by the statement\'s date). Periods without statements are left out; statements dated less precisely than the interval and undated ones are counted apart. A merged speaker or target id answers 308 to the canonical one.',
      querystring: Type.Object({
        speaker: { ...IdParam, description: 'the actor who spoke' },
        target: { ...IdParam, description: 'the actor spoken about' },
        interval: Type.Optional(enumOf(['month', 'year'] as const, 'period length (default month)')),
        since: Type.Optional(StatementFilterQuery.since),
        until: Type.Optional(StatementFilterQuery.until),
      }, { additionalProperties: false }),
      response: {
        200: { ...StanceTimelineSchema, examples: example('stanceTimeline') },
        308: Type.Null({ description: 'speaker or target was merged: Location names the canonical actor' }),
        ...problemResponses(304, 400, 404, 503),
      },
    },
  }, async (request, reply) => {
    const { speaker, target, interval = 'month', since, until } = request.query
    const { speaker: sp, target: t, ...result } = await repo.timeline(speaker, target, { interval, since, until })
    if (!sp.actor) return missingActor(speaker, sp.redirect, request, reply, 'speaker') ?? reply
    if (!t.actor) return missingActor(target, t.redirect, request, reply, 'target') ?? reply
    return { speaker: sp.actor, target: t.actor, interval, ...result }
  })
}

export default stanceTimeline
