// POST /v1/import: graph-seed data over HTTP, as one JSON seed file or as NDJSON (one seed
// fragment such as {"actors":[...]} per line, parsed as it streams in). With any rejection
// nothing is written; valid data is written in bounded transactions (services/importer.ts).
// Validation and writing are the seeding CLI's own code.
import { createInterface } from 'node:readline'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Config } from '../../config.js'
import { ProblemError, problemType } from '../../lib/errors.js'
import { discardRest } from '../../lib/drain.js'
import type { SeedInput } from '../../domain/validate.js'
import { importRecords, type Rejection } from '../../services/importer.js'
import { ImportResultSchema } from '../../schemas/writes.js'
import { ProblemSchema } from '../../schemas/problem.js'
import { problemResponses } from '../../schemas/responses.js'
import { example } from './examples.js'

type Parsed = { kind: 'ndjson', lines: Array<{ line: number, data: unknown } | { line: number, error: string }> }

const importRoute: FastifyPluginAsyncTypebox<{ config: Config }> = async (fastify, { config }) => {
  const limit = config.IMPORT_BODY_LIMIT_BYTES

  fastify.addContentTypeParser('application/x-ndjson', (request, payload, done) => {
    const lines: Parsed['lines'] = []
    let bytes = 0
    let n = 0
    let failed = false
    payload.on('data', (chunk: Buffer) => {
      bytes += chunk.length
      if (bytes > limit && !failed) {
        failed = true
        reader.close()
        // Answer now and let the client finish sending, so it reads the 413 instead of a reset.
        discardRest(payload)
        done(Object.assign(new Error(`The import body exceeds ${limit} bytes.`), { statusCode: 413 }), undefined)
      }
    })
    const reader = createInterface({ input: payload, crlfDelay: Infinity })
    reader.on('line', (text) => {
      if (failed) return
      n++
      if (text.trim() === '') return
      try {
        lines.push({ line: n, data: JSON.parse(text) as unknown })
      } catch (err) {
        lines.push({ line: n, error: `is not valid JSON: ${(err as Error).message}` })
      }
    })
    reader.on('close', () => { if (!failed) done(null, { kind: 'ndjson', lines } satisfies Parsed) })
    payload.on('error', (err) => { if (!failed) { failed = true; done(err, undefined) } })
  })

  fastify.post('/import', {
    preParsing: fastify.requireScope('write'),
    bodyLimit: limit,
    schema: {
      operationId: 'importGraph',
      tags: ['writes'],
      summary: 'Bulk import in the graph-seed format',
      description: 'Accepts one graph-seed file (`application/json`) or NDJSON (`application/x-ndjson`), one seed fragment per line, e.g. `{"actors":[...]}`. Every line is validated with the seeding CLI\'s rules, references may name what the database holds, and when anything is rejected nothing is written (422 with the line, JSON path and reason of each rejection). Valid data is written in bounded transactions, so an import of any size fits the database\'s transaction memory; if the database fails part-way (503), the same import again completes it. Needs the write scope.',
      security: [{ apiKey: [] }],
      body: {
        description: 'a graph-seed file, or NDJSON of seed fragments',
        content: {
          'application/json': { schema: { $ref: 'GraphSeedFile' } },
          'application/x-ndjson': { schema: Type.Unknown({ description: 'one JSON seed fragment per line, e.g. {"actors":[...]}' }) },
        },
      },
      response: {
        200: { ...ImportResultSchema, examples: example('importGraph') },
        422: {
          description: 'Rejected: nothing was written; each rejection is listed',
          content: {
            'application/problem+json': {
              schema: Type.Composite([Type.Omit(ProblemSchema, ['errors']), ImportResultSchema]),
            },
          },
        },
        ...problemResponses(400, 401, 403, 413, 415, 429, 503),
      },
    } as never,
  }, async (request, reply) => {
    const body = request.body as Parsed | unknown
    const inputs: SeedInput[] = []
    const rejections: Rejection[] = []
    if (body && typeof body === 'object' && (body as Parsed).kind === 'ndjson' && Array.isArray((body as Parsed).lines)) {
      for (const entry of (body as Parsed).lines) {
        if ('error' in entry) rejections.push({ line: entry.line, path: '$', reason: entry.error })
        else inputs.push({ file: `line ${entry.line}`, data: entry.data })
      }
    } else {
      inputs.push({ file: 'line 1', data: body })
    }
    if (inputs.length === 0 && rejections.length === 0) {
      throw new ProblemError('WS_ERR_VALIDATION', 'The import body is empty.', { fields: [{ name: 'body', reason: 'holds no records' }] })
    }
    const outcome = await importRecords(fastify.db, inputs, rejections, request.apiKey?.name ?? 'anonymous')
    if (!outcome.written) {
      return reply.code(422).type('application/problem+json').send({
        type: problemType('WS_ERR_UNPROCESSABLE'),
        title: 'Import rejected',
        status: 422,
        detail: `${outcome.rejections.length} problem(s); nothing was written.`,
        instance: '/v1/import',
        requestId: String(request.id),
        created: 0,
        updated: 0,
        unchanged: 0,
        rejected: outcome.rejections.length,
        rejections: outcome.rejections,
      } as never)
    }
    const { created, updated, unchanged } = outcome
    return { created, updated, unchanged, rejected: 0, rejections: [] }
  })
}

export default importRoute
