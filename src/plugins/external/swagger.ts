// OpenAPI 3.1 generated from the route schemas; served at /openapi.json and /openapi.yaml,
// with Swagger UI at /docs.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { stringify } from 'yaml'
import { LOGO_SVG } from './logo.js'

export const OPENAPI_INFO = {
  title: 'whosaid',
  version: '1.0.0',
  summary: 'Who said what about whom — with the evidence.',
  description: 'A knowledge graph of actors (people, organisations, groups) and their statements (quotes and paraphrased claims), each tied to the documents that record it. Every answer about a statement carries its evidence: the reporting document and the exact span of text.\n\nErrors are RFC 9457 `application/problem+json`. Lists use cursor pagination (`limit`, `cursor`, a `next` cursor in the body and a `Link` header). Every GET answers with an `ETag` and honours `If-None-Match`.',
  license: { name: 'MIT', identifier: 'MIT' },
}

export const OPENAPI_TAGS = [
  { name: 'actors', description: 'People, organisations and groups' },
  { name: 'statements', description: 'Quotes and paraphrased claims, with their evidence' },
  { name: 'analysis', description: 'Aggregated views: who said what about whom, stance matrix' },
  { name: 'documents', description: 'The documents statements are reported in' },
  { name: 'graph', description: 'Neighbourhoods and paths for graph views' },
  { name: 'search', description: 'Full-text search and counts' },
  { name: 'export', description: 'The graph as files: NDJSON (the import format), CSV, GraphML, GEXF, JSON-LD' },
  { name: 'writes', description: 'Create, change, delete, merge, import (API key needed)' },
  { name: 'extract', description: 'Drafting statements from an article, for review before import (writes nothing)' },
  { name: 'health', description: 'Liveness and readiness' },
]

export default fp(async (fastify) => {
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: OPENAPI_INFO,
      servers: [{ url: '/', description: 'this server' }],
      tags: OPENAPI_TAGS,
      // Reads are public unless REQUIRE_AUTH_FOR_READS=true; writes declare the key they need.
      security: [],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (npm run apikey) as `Authorization: Bearer <key>`; scopes read, write, admin.' },
        },
      },
    },
    // Shared schemas keep their $id as their component name (Statement, ActorRef, Problem...).
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  })
  await fastify.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: false },
    staticCSP: false,
    logo: { type: 'image/svg+xml', content: Buffer.from(LOGO_SVG), href: '/docs', target: '_self' },
    theme: { title: 'whosaid API' },
  })
  fastify.get('/openapi.json', { schema: { hide: true } }, async () => fastify.swagger())
  fastify.get('/openapi.yaml', { schema: { hide: true } }, async (_request, reply) => {
    reply.type('application/yaml')
    return stringify(fastify.swagger(), { aliasDuplicateObjects: false })
  })
}, { name: 'swagger' })
