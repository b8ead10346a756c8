import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { NoQuery, IdParamsSchema, PageQuery, PageSchema, StatementSchema } from '../../schemas/api.js'
import { okRef, problemResponses } from '../../schemas/responses.js'
import { notFound } from '../../lib/errors.js'
import { example } from './examples.js'
import { STATEMENT_FILTERS, linkNext, statementFilter } from './params.js'
import { negotiateJsonLd, statementJsonLd, withJsonLd } from './jsonld.js'
import { baseUrl } from '../../plugins/external/base-url.js'

const statements: FastifyPluginAsyncTypebox = async (fastify) => {
  const { statements: repo } = fastify.repos

  fastify.get('/statements', {
    schema: {
      operationId: 'listStatements',
      tags: ['statements'],
      summary: 'Who said what about whom: the core query',
      description: 'Statements matching every given filter, newest first (unknown dates last). Each item embeds the speakers with their role at the time, the targets with stance, the attribution type and verb, the text, the date, the reporting and original documents with the evidence (offsets, exact text, the text around it), and linked statements. With `includeAffiliates=true`, `about` and `speaker` also match the affiliates of the given actors: their members, officers, employees and parent organisations (`about=tiktok` also finds statements about ByteDance; `speaker=fcc` finds statements by Brendan Carr).',
      querystring: Type.Object({
        ...STATEMENT_FILTERS,
        limit: Type.Optional(PageQuery.limit),
        cursor: Type.Optional(PageQuery.cursor),
      }, { additionalProperties: false }),
      response: { 200: { ...PageSchema(Type.Ref(StatementSchema), 'a page of statements, newest first'), examples: example('listStatements') }, ...problemResponses(304, 400, 503) },
    },
  }, async (request, reply) => {
    const { limit = 20, cursor } = request.query
    const { items, next } = await repo.list(statementFilter(request.query), { limit, cursor })
    linkNext(request, reply, next)
    return { items, next }
  })

  fastify.get('/statements/:id', {
    schema: {
      operationId: 'getStatement',
      tags: ['statements'],
      summary: 'One statement with its evidence',
      description: 'The statement, its speakers, targets with stance, topics, the reporting document with the exact span, the original document, and linked statements. With `Accept: application/ld+json`, the same as JSON-LD (schema.org Quotation or Claim, the evidence as a W3C Web Annotation, PROV-O provenance; context at /v1/context.jsonld).',
      params: IdParamsSchema,
      querystring: NoQuery,
      response: { 200: withJsonLd(okRef(Type.Ref(StatementSchema), 'the statement', example('getStatement'))) as unknown as typeof StatementSchema, ...problemResponses(304, 400, 404, 503) },
    },
  }, async (request, reply) => {
    const statement = await repo.get(request.params.id)
    if (!statement) throw notFound('statement', request.params.id)
    if (negotiateJsonLd(request, reply)) return statementJsonLd(baseUrl(request), statement) as never
    return statement
  })
}

export default statements
