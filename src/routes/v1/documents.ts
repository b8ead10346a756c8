import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { DocumentDetailSchema, DocumentSummarySchema, IdParamsSchema, PageQuery, PageSchema } from '../../schemas/api.js'
import { DocumentKindSchema } from '../../domain/seed-model.js'
import { okRef, problemResponses } from '../../schemas/responses.js'
import { notFound } from '../../lib/errors.js'
import { example } from './examples.js'
import { linkNext } from './params.js'
import { documentJsonLd, negotiateJsonLd, withJsonLd } from './jsonld.js'
import { baseUrl } from '../../plugins/external/base-url.js'

const documents: FastifyPluginAsyncTypebox = async (fastify) => {
  const { documents: repo } = fastify.repos

  fastify.get('/documents', {
    schema: {
      operationId: 'listDocuments',
      tags: ['documents'],
      summary: 'List documents',
      description: 'The documents statements are reported in or were first made in (articles, letters, reports, blog posts, orders...), ordered by id.',
      querystring: Type.Object({
        kind: Type.Optional(DocumentKindSchema),
        limit: Type.Optional(PageQuery.limit),
        cursor: Type.Optional(PageQuery.cursor),
      }, { additionalProperties: false }),
      response: { 200: { ...PageSchema(Type.Ref(DocumentSummarySchema), 'a page of documents'), examples: example('listDocuments') }, ...problemResponses(304, 400, 503) },
    },
  }, async (request, reply) => {
    const { kind, limit = 20, cursor } = request.query
    const result = await repo.list({ kind }, { limit, cursor })
    linkNext(request, reply, result.next)
    return result
  })

  fastify.get('/documents/:id', {
    schema: {
      operationId: 'getDocument',
      tags: ['documents'],
      summary: 'One document: its statements, actors, authors and addressees',
      description: 'The document with its publisher, authors and addressees, the actors its statements mention, the statements it reports in text order (each with its evidence; at most 200) and those first made in it. `includeText=true` adds the full text. With `Accept: application/ld+json`, JSON-LD (a schema.org CreativeWork with its statements as parts; context at /v1/context.jsonld).',
      params: IdParamsSchema,
      querystring: Type.Object({
        includeText: Type.Optional(Type.Boolean({ default: false, description: 'include the full text' })),
      }, { additionalProperties: false }),
      response: { 200: withJsonLd(okRef(Type.Ref(DocumentDetailSchema), 'the document', example('getDocument'))) as unknown as typeof DocumentDetailSchema, ...problemResponses(304, 400, 404, 503) },
    },
  }, async (request, reply) => {
    const document = await repo.get(request.params.id, request.query.includeText ?? false)
    if (!document) throw notFound('document', request.params.id)
    if (negotiateJsonLd(request, reply)) return documentJsonLd(baseUrl(request), document) as never
    return document
  })
}

export default documents
