// Helpers shared by the v1 routes: id lists, Link headers, not-found answers.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { AttributionSchema } from '../../domain/seed-model.js'
import { IdListParam, MAX_IDS, StatementFilterQuery } from '../../schemas/api.js'
import { badParameters, notFound } from '../../lib/errors.js'
import type { StatementFilter } from '../../repositories/statements.js'

/** `a,b,c` into distinct ids; more than MAX_IDS is a 400 naming the parameter. */
export function idList (value: string | undefined, name: string): string[] | undefined {
  if (value === undefined) return undefined
  const ids = [...new Set(value.split(','))]
  if (ids.length > MAX_IDS) throw badParameters([{ name: `querystring.${name}`, reason: `lists ${ids.length} ids; at most ${MAX_IDS} are allowed` }])
  return ids
}

/** Sets the RFC 8288 Link header to the next page when there is one. */
export function linkNext (request: FastifyRequest, reply: FastifyReply, next: string | null): void {
  if (!next) return
  const url = new URL(request.url, 'http://x')
  url.searchParams.set('cursor', next)
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`)
}

/**
 * 404 for an unknown actor; 308 to the canonical id for one that was merged into another (the
 * repositories report both from the read's own query, see repositories/actor-checks.ts). The id
 * is replaced where it was given: a path segment, or the query parameter `queryName`.
 */
export function missingActor (id: string, canonical: string | null, request: FastifyRequest, reply: FastifyReply, queryName?: string): null {
  if (canonical) {
    const url = new URL(request.url, 'http://x')
    if (queryName) url.searchParams.set(queryName, canonical)
    else url.pathname = url.pathname.split('/').map((segment) => segment === encodeURIComponent(id) ? encodeURIComponent(canonical) : segment).join('/')
    reply.redirect(`${url.pathname}${url.search}`, 308)
    return null
  }
  throw notFound('actor', id)
}

/** The query string of /v1/statements (and of /v1/export, which takes its filters) as the repository's filter. */
/** The filters of the core query; GET /v1/export takes the same ones. */
export const STATEMENT_FILTERS = {
  speaker: Type.Optional(IdListParam('statements by any of these actors')),
  about: Type.Optional(IdListParam('statements about any of these actors')),
  topic: Type.Optional(StatementFilterQuery.topic),
  document: Type.Optional(IdListParam('statements reported in, or first made in, these documents')),
  stance: Type.Optional({ ...StatementFilterQuery.stance, description: 'only statements with this stance (towards the `about` actors when given, else towards any target)' }),
  type: Type.Optional({ ...AttributionSchema, description: 'attribution type: direct-quote, paraphrase or according-to' }),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'words to find in the statement text' })),
  since: Type.Optional(StatementFilterQuery.since),
  until: Type.Optional(StatementFilterQuery.until),
  includeAffiliates: Type.Optional(Type.Boolean({ default: false, description: 'widen speaker and about to the actors\' affiliates' })),
}

/** What those filters parse to: the one schema is also the one type. */
type StatementQuery = Static<ReturnType<typeof Type.Object<typeof STATEMENT_FILTERS>>>

export function statementFilter (query: StatementQuery): StatementFilter {
  const { speaker, about, topic, document, stance, type, q, since, until, includeAffiliates } = query
  return {
    speakers: idList(speaker, 'speaker'),
    about: idList(about, 'about'),
    topics: idList(topic, 'topic'),
    documents: idList(document, 'document'),
    stance,
    type,
    q,
    since,
    until,
    includeAffiliates,
  }
}
