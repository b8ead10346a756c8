// JSON-LD for the three GET-by-id routes (chosen with Accept: application/ld+json) and the
// context they name, served by whosaid itself so a processor can expand them offline from it.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { Type, type TSchema } from '@sinclair/typebox'
import { prefersJsonLd } from '../../plugins/external/base-url.js'
import { JSONLD_CONTEXT, actorDetailNode, documentNode, statementNode, uris, type JsonLdNode } from '../../formats/jsonld.js'
import type { ActorDetail, Statement } from '../../schemas/api.js'
import { problemResponses } from '../../schemas/responses.js'

export const JSONLD_TYPE = 'application/ld+json'

const JsonLdSchema = Type.Object({
  '@context': Type.String({ description: 'the URL of whosaid\'s JSON-LD context (GET /v1/context.jsonld)' }),
  '@id': Type.String({ description: 'the resource\'s stable URI' }),
}, { additionalProperties: true, description: 'JSON-LD: schema.org, W3C Web Annotation and PROV-O terms' })

/** Adds the JSON-LD representation to a route's 200 response. */
export function withJsonLd (response: TSchema): TSchema {
  const r = response as unknown as { content: Record<string, unknown> }
  return { ...r, content: { ...r.content, [JSONLD_TYPE]: { schema: JsonLdSchema } } } as unknown as TSchema
}

/** Chooses the representation from Accept; the answer varies by it either way. */
export function negotiateJsonLd (request: FastifyRequest, reply: FastifyReply): boolean {
  const vary = reply.getHeader('vary')
  reply.header('vary', vary ? `${String(vary)}, Accept` : 'Accept')
  if (!prefersJsonLd(request.headers.accept)) return false
  reply.type(JSONLD_TYPE)
  return true
}

const withContext = (base: string, node: JsonLdNode): JsonLdNode => ({ '@context': uris(base).context, ...node })

export function statementJsonLd (base: string, s: Statement): JsonLdNode {
  return withContext(base, statementNode(uris(base), s))
}

export function actorJsonLd (base: string, a: ActorDetail): JsonLdNode {
  return withContext(base, actorDetailNode(uris(base), a))
}

export function documentJsonLd (base: string, d: Parameters<typeof documentNode>[1] & { statementsReported: Statement[] }): JsonLdNode {
  const u = uris(base)
  return withContext(base, documentNode(u, { ...d, statements: undefined }, d.statementsReported.map((s) => statementNode(u, s))))
}

/** GET /v1/context.jsonld */
const context: FastifyPluginAsync = async (fastify) => {
  fastify.get('/context.jsonld', {
    schema: {
      operationId: 'getJsonLdContext',
      tags: ['export'],
      summary: 'The JSON-LD context of whosaid\'s JSON-LD answers',
      description: 'Maps the terms of the JSON-LD answers (GET by id with `Accept: application/ld+json`) to schema.org, W3C Web Annotation (oa:), PROV-O (prov:) and whosaid\'s own vocabulary (`urn:whosaid:vocab:`). Exports in JSON-LD carry the same context inline.',
      response: {
        200: {
          description: 'the context',
          content: { [JSONLD_TYPE]: { schema: Type.Object({ '@context': Type.Object({}, { additionalProperties: true }) }), example: { '@context': { schema: 'https://schema.org/', '...': '...' } } } },
        },
        ...problemResponses(304, 429),
      } as never,
    },
  }, async (_request, reply) => {
    // The context changes only with a release: cache it for a day.
    reply.type(JSONLD_TYPE).header('cache-control', 'public, max-age=86400')
    return { '@context': JSONLD_CONTEXT }
  })
}

export default context
