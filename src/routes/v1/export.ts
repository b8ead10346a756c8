// GET /v1/export: the graph, or the subgraph the /v1/statements filters select, in the formats
// other tools read. The body is streamed: the serializers pull one keyset page of the database
// at a time and each chunk goes out as it is made, so memory stays flat whatever the size.
import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { enumOf } from '../../domain/seed-model.js'
import { problemResponses } from '../../schemas/responses.js'
import { baseUrl } from '../../plugins/external/base-url.js'
import { ExportRepository } from '../../repositories/export.js'
import { CSV_TABLES, csv } from '../../formats/csv.js'
import { ndjson } from '../../formats/ndjson.js'
import { graphml } from '../../formats/graphml.js'
import { gexf } from '../../formats/gexf.js'
import { jsonldExport } from '../../formats/jsonld.js'
import { GRAPH_EDGE_MODES, type GraphExtraNode } from '../../formats/graph.js'
import { STATEMENT_FILTERS } from './params.js'
import { statementFilter } from './params.js'
import { EXPORT_EXAMPLES } from './export-examples.js'

export const EXPORT_FORMATS = ['ndjson', 'csv', 'graphml', 'gexf', 'jsonld'] as const
type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, { type: string, ext: string }> = {
  ndjson: { type: 'application/x-ndjson', ext: 'ndjson' },
  csv: { type: 'text/csv; charset=utf-8; header=present', ext: 'csv' },
  graphml: { type: 'application/graphml+xml', ext: 'graphml' },
  gexf: { type: 'application/gexf+xml', ext: 'gexf' },
  jsonld: { type: 'application/ld+json', ext: 'jsonld' },
}

const ExportQuery = Type.Object({
  format: Type.Optional({ ...enumOf(EXPORT_FORMATS, 'ndjson: the import format (one seed fragment per line); csv; graphml; gexf (GEXF 1.3); jsonld'), default: 'ndjson' }),
  ...STATEMENT_FILTERS,
  table: Type.Optional({ ...enumOf(CSV_TABLES, 'format=csv only (ignored otherwise): statements (one row per statement × speaker × target), actors or documents (default statements)') }),
  spreadsheetSafe: Type.Optional(Type.Boolean({ description: 'format=csv only (ignored otherwise; default false): prefix cells that start with = + - @ tab or CR with an apostrophe, so spreadsheets do not run them as formulas (changes the data)' })),
  edges: Type.Optional({ ...enumOf(GRAPH_EDGE_MODES, 'format=graphml or gexf only (ignored otherwise): statements (an edge speaker → target per statement) or pairs (one edge per speaker and target, weight = statements, with stance counts); default statements') }),
  include: Type.Optional(Type.String({
    pattern: '^(documents|statements)(,(documents|statements))*$',
    description: 'format=graphml or gexf only: node kinds besides actors, comma-separated: documents, statements',
  })),
}, { additionalProperties: false })

const exportRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  // Built here rather than in plugins/app/repositories.ts, so this feature adds files only.
  const repo = new ExportRepository(fastify.db, fastify.repos.statements)

  fastify.get('/export', {
    schema: {
      operationId: 'exportGraph',
      tags: ['export'],
      summary: 'The graph, or a filtered subgraph, as a file for other tools',
      description: 'Without filters: the whole graph. With the filters of `GET /v1/statements`: the matching statements with their speakers, targets, documents (and their publishers, authors, addressees), topics, the affiliations among those actors and the links among those statements. Streamed (the file is never built in memory), as an attachment named `whosaid-<date>.<ext>`.\n\n' +
        '- `ndjson`: the `POST /v1/import` format, one seed fragment per line in dependency order (actors, topics, documents with their text inline, affiliations, statements); importing it into an empty database rebuilds the graph. `npm run dump` / `npm run restore` do the same from a shell.\n' +
        '- `csv`: RFC 4180 with a header row; `table=statements` has one row per statement × speaker × target (a statement without targets has one row per speaker), `table=actors` and `table=documents` the other tables.\n' +
        '- `graphml` and `gexf`: actors as nodes (`include=documents,statements` adds those), with edges from speaker to target per statement or merged per pair (`edges=pairs`, weighted, with stance counts); GEXF dates are spells, for Gephi\'s timeline.\n' +
        '- `jsonld`: one JSON-LD document with an inline @context and an @graph (schema.org, W3C Web Annotation, PROV-O), the same nodes as GET by id with `Accept: application/ld+json`.\n\n' +
        'A filter that matches nothing gives a valid empty file.',
      querystring: ExportQuery,
      response: {
        200: {
          description: 'the export, streamed',
          headers: { 'content-disposition': { type: 'string', description: 'attachment; filename="whosaid-<date>.<ext>"' } },
          content: Object.fromEntries(EXPORT_FORMATS.map((f) => [EXPORT_MEDIA_TYPES[f].type.split(';')[0], {
            // JSON-LD is a JSON object to a client that parses it (as the fuzz run's checks do); the
            // other formats are text.
            schema: f === 'jsonld' ? { type: 'object', description: 'format=jsonld: one JSON-LD document (@context, @graph)' } : { type: 'string', description: `format=${f}` },
            // The captured examples are each format's first lines: text, which a JSON-LD object's
            // example cannot be, so that one is described instead.
            ...(f === 'jsonld' ? {} : { example: EXPORT_EXAMPLES[f] }),
          }])),
        },
        ...problemResponses(400, 429, 503),
      } as never,
    },
  }, async (request, reply) => {
    const { format = 'ndjson', table, spreadsheetSafe, edges, include } = request.query
    // Options of other formats are ignored (documented on each): a link that switches format
    // keeps working.
    const source = await repo.source(statementFilter(request.query))
    const graph = { edges: edges ?? 'statements', include: [...new Set(include?.split(',') ?? [])] as GraphExtraNode[] }
    const today = new Date().toISOString().slice(0, 10)
    const chunks = format === 'csv'
      ? csv(source, table ?? 'statements', { spreadsheetSafe: spreadsheetSafe ?? false })
      : format === 'graphml'
        ? graphml(source, graph)
        : format === 'gexf'
          ? gexf(source, graph, { date: today })
          : format === 'jsonld'
            ? jsonldExport(source, baseUrl(request))
            : ndjson(source)
    // The first chunk is read before answering, so a database that is down gives a 503
    // problem+json rather than a 200 cut short.
    const body = await primed(chunks)
    const media = EXPORT_MEDIA_TYPES[format]
    reply
      .type(media.type)
      .header('content-disposition', `attachment; filename="whosaid-${today}.${media.ext}"`)
    // pipe() into the socket stops pulling when the socket's buffer is full and resumes on
    // 'drain'; Readable.from reads at most highWaterMark chunks ahead of that, so a slow client
    // holds a few small chunks here, never the file.
    const stream = Readable.from(body, { highWaterMark: 4 })
    stream.on('error', (err) => request.log.warn({ err }, 'export stream failed'))
    return reply.send(stream)
  })
}

/** The same chunks, empty ones skipped, with the first already read (its errors thrown here). */
async function primed (chunks: AsyncGenerator<string>): Promise<AsyncGenerator<string>> {
  let first = await chunks.next()
  while (!first.done && first.value === '') first = await chunks.next()
  return (async function * () {
    if (first.done) return
    yield first.value
    for await (const chunk of chunks) if (chunk !== '') yield chunk
  })()
}

export default exportRoute
