// The write API: PUT / PATCH / POST / DELETE for actors, statements and documents, merges,
// bulk import and the change feed. Every write needs an API key with the write scope (merges:
// admin), runs in one transaction, and answers with the resource as GET shows it, and its ETag.
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type TSchema } from '@sinclair/typebox'
import { ActorDetailSchema, DocumentDetailSchema, IdParamsSchema, PageQuery, StatementSchema } from '../../schemas/api.js'
import {
  ActorBodySchema, ActorPatchSchema, ChangeSchema, DocumentBodySchema, DocumentPatchSchema, MergeBodySchema, StatementBodySchema,
  StatementPatchSchema,
} from '../../schemas/writes.js'
import { okRef, problemResponses } from '../../schemas/responses.js'
import { example } from './examples.js'
import { ProblemError, notFound } from '../../lib/errors.js'
import { etagOf, etagMatches } from '../../lib/etag.js'
import { Editor, type Body } from '../../services/editor.js'
import { schemaIssues } from '../../domain/validate.js'
import { listChanges, type EntityType } from '../../repositories/edits.js'
import { linkNext } from './params.js'

interface Kind {
  type: EntityType
  collection: 'actors' | 'statements' | 'documents'
  tag: string
  body: TSchema
  patch: TSchema
  view: TSchema
  /** The operation whose captured answer illustrates this kind's write responses. */
  exampleOf: string
}

const KINDS: Kind[] = [
  { type: 'actor', collection: 'actors', tag: 'actors', body: ActorBodySchema, patch: ActorPatchSchema, view: ActorDetailSchema, exampleOf: 'getActor' },
  { type: 'statement', collection: 'statements', tag: 'statements', body: StatementBodySchema, patch: StatementPatchSchema, view: StatementSchema, exampleOf: 'getStatement' },
  { type: 'document', collection: 'documents', tag: 'documents', body: DocumentBodySchema, patch: DocumentPatchSchema, view: DocumentDetailSchema, exampleOf: 'getDocument' },
]

/** 'an actor', 'a statement', 'a document': summaries read as English. */
function article (type: EntityType): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

const WRITE_ERRORS = problemResponses(400, 401, 403, 409, 412, 413, 415, 422, 429, 503)

/** RFC 7396 JSON Merge Patch. */
export function mergePatch (target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch
  const result: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target)
    ? { ...(target as Record<string, unknown>) }
    : {}
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete result[key]
    else result[key] = mergePatch(result[key], value)
  }
  return result
}

function keyName (request: { apiKey: { name: string } | null }): string {
  return request.apiKey?.name ?? 'anonymous'
}

const writes: FastifyPluginAsyncTypebox = async (fastify) => {
  const editor = new Editor(fastify.db)
  const { actors, statements, documents } = fastify.repos
  const needWrite = fastify.requireScope('write')
  const needAdmin = fastify.requireScope('admin')

  fastify.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, fastify.getDefaultJsonParser('error', 'error'))

  /**
   * The resource as GET /v1/... answers it, read by the repositories inside this request's causal
   * chain (its bookmarks), so the read sees the write on any cluster member.
   */
  async function current (kind: Kind, id: string): Promise<{ body: unknown } | { redirect: string } | null> {
    const body = kind.type === 'actor'
      ? await actors.get(id)
      : kind.type === 'statement' ? await statements.get(id) : await documents.get(id, false)
    if (body) return { body }
    if (kind.type === 'actor') {
      // A merged actor's old id: the caller is sent to the canonical actor (308 keeps the method).
      const canonical = await actors.redirect(id)
      if (canonical) return { redirect: `/v1/actors/${canonical}` }
    }
    return null
  }

  /** The written resource, with the body and (through the /v1 ETag hook) the ETag GET gives. */
  async function answer (kind: Kind, id: string, created: boolean, reply: FastifyReply) {
    const now = await current(kind, id)
    if (!now || !('body' in now)) throw new ProblemError('WS_ERR_INTERNAL', `The ${kind.type} '${id}' was written but cannot be read back.`)
    if (created) reply.code(201).header('location', `/v1/${kind.collection}/${id}`)
    return now.body as never
  }

  for (const kind of KINDS) {
    const responses = {
      200: okRef(Type.Ref(kind.view), `the ${kind.type} after the write`, example(kind.exampleOf)),
      201: okRef(Type.Ref(kind.view), `the ${kind.type} created`, example(kind.exampleOf)),
      ...WRITE_ERRORS,
    }

    fastify.put(`/${kind.collection}/:id`, {
      preParsing: needWrite,
      schema: {
        operationId: `put${kind.type[0]!.toUpperCase()}${kind.type.slice(1)}`,
        tags: [kind.tag, 'writes'],
        summary: `Create or replace ${article(kind.type)}`,
        description: `Creates the ${kind.type} with this id, or replaces it as a whole (idempotent: the same PUT twice leaves the same graph). Validated like graph-seed data: 400 for bad fields, 422 naming any referenced id that does not exist. Needs the write scope.`,
        security: [{ apiKey: [] }],
        params: IdParamsSchema,
        body: Type.Ref(kind.body),
        response: responses,
      },
    }, async (request, reply) => {
      const { created } = await editor.put(kind.type, request.params.id, request.body as Body, keyName(request))
      return answer(kind, request.params.id, created, reply)
    })

    fastify.patch(`/${kind.collection}/:id`, {
      preParsing: needWrite,
      schema: {
        operationId: `patch${kind.type[0]!.toUpperCase()}${kind.type.slice(1)}`,
        tags: [kind.tag, 'writes'],
        summary: `Change part of ${article(kind.type)} (JSON Merge Patch)`,
        description: `Applies an RFC 7396 JSON Merge Patch (\`application/merge-patch+json\`) to the ${kind.type} in its write format (as PUT takes it): a member set to null is removed. With \`If-Match\`, the patch applies only if the ETag still matches (412 otherwise). Needs the write scope.`,
        security: [{ apiKey: [] }],
        params: IdParamsSchema,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 1024, description: 'the ETag(s) the change is based on, or *' })) }),
        body: Type.Ref(kind.patch),
        response: { 200: responses[200], 308: Type.Null({ description: 'a merged actor: Location names the canonical one' }), 404: problemResponses(404)[404]!, ...WRITE_ERRORS },
      },
    }, async (request, reply) => {
      const { id } = request.params
      const before = await current(kind, id)
      if (!before) throw notFound(kind.type, id)
      if ('redirect' in before) return reply.redirect(before.redirect, 308)
      const ifMatch = request.headers['if-match']
      if (ifMatch !== undefined) {
        // The ETag GET gives: the same serializer (this route's 200 schema is GET's) and hash.
        const etag = etagOf(String(reply.serializeInput(before.body as never, '200', 'application/json')))
        if (!etagMatches(ifMatch, etag)) {
          throw new ProblemError('WS_ERR_PRECONDITION_FAILED', `The ${kind.type} changed since ETag ${ifMatch}; its ETag is now ${etag}.`)
        }
      }
      const record = await editor.record(kind.type, id)
      if (!record) throw notFound(kind.type, id)
      const patched = mergePatch(record, request.body as Record<string, unknown>) as Record<string, unknown>
      delete patched.id
      // Each field of the patch is checked by its schema; the merged record must still be whole.
      const invalid = schemaIssues(kind.body, patched, 'body')
      if (invalid.length > 0) {
        const fields = invalid.map((i) => ({ name: i.path.replace(/^\$/, 'body'), reason: i.reason }))
        throw new ProblemError('WS_ERR_UNPROCESSABLE', `The patched ${kind.type} would not be valid: ${fields.map((f) => `${f.name} ${f.reason}`).join('; ')}`, { fields })
      }
      await editor.put(kind.type, id, patched as unknown as Body, keyName(request))
      return answer(kind, id, false, reply)
    })

    fastify.post(`/${kind.collection}`, {
      preParsing: needWrite,
      schema: {
        operationId: `create${kind.type[0]!.toUpperCase()}${kind.type.slice(1)}`,
        tags: [kind.tag, 'writes'],
        summary: `Create ${article(kind.type)} with a generated id`,
        description: `Creates a new ${kind.type}; its id is generated from its ${kind.type === 'actor' ? 'name' : kind.type === 'document' ? 'title' : 'text'} unless the body gives one (409 if that id exists). With an \`Idempotency-Key\` header, repeating the request with the same key and body creates nothing new and answers the same; the same key with another body is 422. Needs the write scope.`,
        security: [{ apiKey: [] }],
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$', description: 'makes retries safe: one key, one creation' })),
        }),
        body: Type.Ref(kind.body),
        response: { 201: responses[201], ...WRITE_ERRORS },
      },
    }, async (request, reply) => {
      const { id, plan } = await editor.create(kind.type, request.body as Body, keyName(request), request.headers['idempotency-key'])
      const replayed = Object.values(plan).every((p) => p.create + p.update + p.unchanged === 0)
      if (replayed) {
        // A repeated request: the resource its key created may have been deleted or merged since.
        const now = await current(kind, id)
        if (!now || 'redirect' in now) {
          throw new ProblemError('WS_ERR_CONFLICT', `The ${kind.type} '${id}' that this Idempotency-Key created has since been ${now ? 'merged into another' : 'deleted'}.`)
        }
      }
      return answer(kind, id, true, reply)
    })

    fastify.delete(`/${kind.collection}/:id`, {
      preParsing: needWrite,
      schema: {
        operationId: `delete${kind.type[0]!.toUpperCase()}${kind.type.slice(1)}`,
        tags: [kind.tag, 'writes'],
        summary: `Delete ${article(kind.type)}`,
        description: kind.type === 'actor'
          ? 'Deletes the actor. While it made statements or statements are about it, answers 409 unless `cascade=true`, which also deletes the statements it alone made and unlinks it from the rest. Needs the write scope.'
          : kind.type === 'document'
            ? 'Deletes the document. While statements are reported in it, answers 409 unless `cascade=true`, which deletes them too. Needs the write scope.'
            : 'Deletes the statement and its relationships. Needs the write scope.',
        security: [{ apiKey: [] }],
        params: IdParamsSchema,
        querystring: Type.Object({
          cascade: Type.Optional(Type.Boolean({ default: false, description: 'also delete what depends on it' })),
        }, { additionalProperties: false }),
        response: { 204: Type.Null({ description: 'deleted' }), 404: problemResponses(404)[404]!, ...WRITE_ERRORS },
      },
    }, async (request, reply) => {
      const result = await editor.delete(kind.type, request.params.id, request.query.cascade ?? false, keyName(request))
      if (!result.found) throw notFound(kind.type, request.params.id)
      return reply.code(204).send(null)
    })
  }

  fastify.post('/actors/:id/merge', {
    preParsing: needAdmin,
    schema: {
      operationId: 'mergeActor',
      tags: ['actors', 'writes'],
      summary: 'Merge a duplicate actor into a canonical one',
      description: 'Moves the duplicate\'s statements, mentions, affiliations and document links to the canonical actor (`into`), adds its name and aliases to the canonical aliases, deletes it, and makes its id answer 308 to the canonical one. Needs the admin scope.',
      security: [{ apiKey: [] }],
      params: IdParamsSchema,
      body: MergeBodySchema,
      response: { 200: okRef(Type.Ref(ActorDetailSchema), 'the canonical actor after the merge', example('getActor')), 404: problemResponses(404)[404]!, ...WRITE_ERRORS },
    },
  }, async (request, reply) => {
    await editor.merge(request.params.id, request.body.into, keyName(request))
    return answer(KINDS[0]!, request.body.into, false, reply)
  })

  fastify.get('/changes', {
    schema: {
      operationId: 'listChanges',
      tags: ['writes'],
      summary: 'What changed since a time',
      description: 'Actors, statements, documents and topics created, updated or deleted at or after `since`, oldest first, with who changed them (the API key name, `seed-cli`...).',
      querystring: Type.Object({
        since: Type.String({ format: 'date-time', description: 'an ISO 8601 date-time, e.g. 2026-01-01T00:00:00Z' }),
        limit: Type.Optional(PageQuery.limit),
        cursor: Type.Optional(PageQuery.cursor),
      }, { additionalProperties: false }),
      response: {
        200: { ...Type.Object({ items: Type.Array(ChangeSchema), next: Type.Union([Type.String(), Type.Null()]) }), examples: example('listChanges') },
        ...problemResponses(304, 400, 401, 403, 429, 503),
      },
    },
  }, async (request, reply) => {
    const { since, limit = 20, cursor } = request.query
    const result = await listChanges(fastify.db, new Date(since).toISOString(), { limit, cursor })
    linkNext(request, reply, result.next)
    return result
  })
}

export default writes
