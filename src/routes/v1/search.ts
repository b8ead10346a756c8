import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { NoQuery, PageQuery, SEARCH_TYPES, SearchHitSchema, StatsSchema } from '../../schemas/api.js'
import { problemResponses } from '../../schemas/responses.js'
import { badParameters } from '../../lib/errors.js'
import { decodeCursor, encodeCursor } from '../../lib/cursor.js'
import { countGraph } from '../../repositories/writer.js'
import type { SearchType } from '../../repositories/search.js'
import { example } from './examples.js'
import { linkNext } from './params.js'

const search: FastifyPluginAsyncTypebox = async (fastify) => {
  const { search: repo } = fastify.repos

  fastify.get('/search', {
    schema: {
      operationId: 'search',
      tags: ['search'],
      summary: 'Full-text search across actors, statements and documents',
      description: 'Ranked hits from the full-text indexes over actor names, aliases and descriptions, statement text and document titles: an actor whose name or alias is exactly `q` (or a document with that title) first, then names and titles that start with `q`, then those with `q` as a word, then the rest by score. Each hit has its type, id, a title, and a snippet with the matching words wrapped in `<mark>` (the rest of the snippet is HTML-escaped).',
      querystring: Type.Object({
        q: Type.String({ minLength: 1, maxLength: 200, description: 'words to find (every word must match; the last also as a prefix)' }),
        types: Type.Optional(Type.String({ pattern: '^(actor|statement|document)(,(actor|statement|document))*$', description: 'comma-separated: actor, statement, document (default all)' })),
        limit: Type.Optional(PageQuery.limit),
        cursor: Type.Optional(PageQuery.cursor),
      }, { additionalProperties: false }),
      response: {
        200: {
          ...Type.Object({ items: Type.Array(SearchHitSchema), next: Type.Union([Type.String(), Type.Null()]) }),
          examples: example('search'),
        },
        ...problemResponses(304, 400, 503),
      },
    },
  }, async (request, reply) => {
    const { q, types, limit = 20, cursor } = request.query
    const offset = Number(decodeCursor(cursor, ['index'])?.[0] ?? 0)
    // Deep pages of a ranked list cost as much as every page before them; 1,000 hits is plenty.
    if (offset > 1_000) throw badParameters([{ name: 'querystring.cursor', reason: 'search results are limited to the first 1000 hits' }])
    const wanted = (types ? [...new Set(types.split(','))] : [...SEARCH_TYPES]) as SearchType[]
    const { hits, more } = await repo.search(q, wanted, offset, limit)
    const next = more ? encodeCursor([offset + limit]) : null
    linkNext(request, reply, next)
    return { items: hits, next }
  })

  fastify.get('/stats', {
    schema: {
      operationId: 'stats',
      tags: ['search'],
      summary: 'Counts by node label and relationship type',
      description: 'How many actors, statements, documents and topics the graph holds, and how many relationships of each type.',
      querystring: NoQuery,
      response: { 200: { ...StatsSchema, examples: example('stats') }, ...problemResponses(304, 503) },
    },
  }, async () => countGraph(fastify.db))
}

export default search
