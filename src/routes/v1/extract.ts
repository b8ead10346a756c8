// POST /v1/extract: drafts statements from an article's text (the extraction chain, linked to the
// actors the graph holds) and answers the draft with a graph-seed fragment. Writes nothing, so
// it is public like the reads; a reviewed fragment goes back through POST /v1/import.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Config } from '../../config.js'
import { ProblemError, badParameters } from '../../lib/errors.js'
import { ExtractBodySchema, ExtractResultSchema, type ExtractBody } from '../../schemas/extract.js'
import { NoQuery } from '../../schemas/api.js'
import { problemResponses } from '../../schemas/responses.js'
import { draftDocument } from '../../services/drafting.js'
import { example } from './examples.js'

/**
 * Largest text drafted per request. The chain is synchronous and linear in the text: about 0.6 s
 * for 256 KiB on a busy 2-core machine (2.5 s for 1 MiB), time in which this process answers
 * nobody else, so the public route takes less than BODY_LIMIT_BYTES (an article is ~10-50 KB).
 */
export const EXTRACT_BODY_LIMIT_BYTES = 262_144

const extract: FastifyPluginAsyncTypebox<{ config: Config }> = async (fastify, { config }) => {
  // Fastify's own text/plain parser takes any charset; a text decoded with the wrong one would
  // give offsets into a text nobody has, so only UTF-8 (or its ASCII subset) is read.
  fastify.removeContentTypeParser('text/plain')
  fastify.addContentTypeParser('text/plain', { parseAs: 'string' }, (request, body, done) => {
    const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase()
    if (charset && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
      done(new ProblemError('WS_ERR_UNSUPPORTED_MEDIA_TYPE', `text/plain must be UTF-8, not ${charset}.`), undefined)
      return
    }
    done(null, body)
  })

  fastify.post('/extract', {
    bodyLimit: Math.min(config.BODY_LIMIT_BYTES, EXTRACT_BODY_LIMIT_BYTES),
    // Reads need a key when REQUIRE_AUTH_FOR_READS is set; so does this, which reads the graph.
    ...(config.REQUIRE_AUTH_FOR_READS ? { preParsing: fastify.requireScope('read') } : {}),
    schema: {
      operationId: 'extractStatements',
      tags: ['extract'],
      summary: 'Draft statements from an article (writes nothing)',
      description: 'Runs the extraction chain over the text: quotes, reporting verbs and speakers; speakers and targets are linked to the actors the graph holds (by name, alias, or a person\'s surname) or proposed as new actors with slug ids. Answers the drafted statements with their evidence (code-point offsets into the text as sent), every actor with its status, and a graph-seed fragment that `POST /v1/import` accepts as it stands once reviewed. Send `application/json` (`text` with optional `title`, `url`, `date`, `documentId`, `kind`) or the bare text as `text/plain; charset=utf-8`, up to 256 KiB (or BODY_LIMIT_BYTES if lower; 413 beyond). Nothing is written. Public like the reads.',
      querystring: NoQuery,
      body: {
        required: true,
        description: 'the article: JSON with its text and document details, or the bare text',
        content: {
          'application/json': { schema: ExtractBodySchema },
          'text/plain': { schema: Type.String({ minLength: 1, pattern: '\\S', description: 'the article text (UTF-8, not only whitespace)' }) },
        },
      },
      response: {
        200: { ...ExtractResultSchema, examples: example('extractStatements') },
        ...problemResponses(400, 413, 415, 429, 503),
      },
    } as never,
  }, async (request) => {
    const body: ExtractBody | undefined = typeof request.body === 'string' ? { text: request.body } : request.body as ExtractBody | undefined
    if (!body || typeof body.text !== 'string') throw badParameters([{ name: 'body.text', reason: 'is required: send the article as JSON {"text": ...} or text/plain' }])
    if (body.text.trim() === '') throw badParameters([{ name: 'body.text', reason: 'is empty or only whitespace; send the article text' }])
    return await draftDocument(fastify.db, body)
  })
}

export default extract
