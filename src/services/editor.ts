// The write side: every change is validated with the seed validator (the same rules as
// `npm run seed` and POST /v1/import), then written in one managed transaction through the same
// graph writer. A rejected write changes nothing.
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../db/db.js'
import { ProblemError, type ProblemField } from '../lib/errors.js'
import { applyRows, type WritePlan } from '../repositories/writer.js'
import { existingInDb } from '../repositories/existing.js'
import { validateSeed, type SeedInput, type SeedIssue } from '../domain/validate.js'
import type { ActorBody, DocumentBody, StatementBody } from '../schemas/writes.js'
import {
  claimIdempotencyKey, claimRecord, completeIdempotencyKey, deleteEntity, evidenceOf, mergeActors, readRecord,
  removeOtherAffiliations, usage, type EntityType,
} from '../repositories/edits.js'

export type Body = ActorBody | StatementBody | DocumentBody

const COLLECTION: Record<EntityType, 'actors' | 'statements' | 'documents'> = {
  actor: 'actors', statement: 'statements', document: 'documents',
}

/**
 * Seed-validator issues as problem fields of the request body. The body already passed its
 * JSON Schema, so what remains is semantic (unknown references, evidence that does not match,
 * dates that disagree with their precision): 422 Unprocessable Content.
 */
function toProblem (issues: SeedIssue[], bodyPrefix: RegExp): ProblemError {
  const fields: ProblemField[] = issues.map((i) => ({
    name: i.path.replace(bodyPrefix, 'body').replace(/^\$/, 'body'),
    reason: i.reason,
  }))
  return new ProblemError('WS_ERR_UNPROCESSABLE', fields.map((f) => `${f.name}: ${f.reason}`).join('; '), { fields })
}

function slugify (text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'item'
}

export function generateId (type: EntityType, body: Body): string {
  const basis = type === 'actor' ? (body as ActorBody).name : type === 'document' ? (body as DocumentBody).title : (body as StatementBody).text
  return `${slugify(basis)}-${randomBytes(4).toString('hex')}`
}

function requestHash (type: EntityType, body: Body): string {
  return createHash('sha256').update(type + JSON.stringify(body)).digest('hex')
}

export interface WriteResult { id: string, created: boolean, plan: WritePlan }

export class Editor {
  constructor (private readonly db: Db) {}

  private input (type: EntityType, id: string, body: Body): SeedInput {
    if (type === 'actor') {
      const { affiliations, ...actor } = body as ActorBody
      return {
        file: 'body',
        data: {
          actors: [{ ...actor, id }],
          affiliations: (affiliations ?? []).map((a) => ({ actor: id, ...a })),
        },
      }
    }
    return { file: 'body', data: { [COLLECTION[type]]: [{ ...body, id }] } }
  }

  /** Validates a body as the record `id` (400 for bad fields, 422 for unknown references). */
  private async validate (type: EntityType, id: string, body: Body) {
    if (body.id !== undefined && body.id !== id) {
      throw new ProblemError('WS_ERR_UNPROCESSABLE', `body.id '${body.id}' differs from the id in the path '${id}'.`, {
        fields: [{ name: 'body.id', reason: `must be '${id}' (the id in the path) or omitted` }],
      })
    }
    const result = await validateSeed([this.input(type, id, body)], existingInDb(this.db))
    const prefix = type === 'actor' ? /^\$\.actors\[0\]/ : new RegExp(`^\\$\\.${COLLECTION[type]}\\[0\\]`)
    if (result.issues.length > 0) {
      // An actor's affiliations travel in the body but validate as seed affiliations.
      const issues = result.issues.map((i) => ({ ...i, path: i.path.replace(/^\$\.affiliations/, '$.actors[0].affiliations') }))
      throw toProblem(issues, prefix)
    }
    return result.rows
  }

  /** PUT: create the record or replace it as a whole, in one transaction. */
  async put (type: EntityType, id: string, body: Body, by: string): Promise<WriteResult> {
    const rows = await this.validate(type, id, body)
    return this.db.writeTx(async (tx) => {
      // First, so that identical PUTs at once queue here and the later ones find nothing to change.
      const created = await claimRecord(tx, type, id)
      if (type === 'actor') {
        await removeOtherAffiliations(tx, id, rows.affiliations.map((a) => `${a.organisation} ${a.type}`))
      }
      if (type === 'document' && !created) await this.checkEvidence(tx, id, rows.documents[0]?.text ?? null)
      const plan = await applyRows(tx, rows, { by })
      return { id, created, plan }
    })
  }

  /** A document's text may change only if every statement's evidence still matches it. */
  private async checkEvidence (tx: Parameters<Parameters<Db['writeTx']>[0]>[0], id: string, text: string | null): Promise<void> {
    const evidence = await evidenceOf(tx, id)
    if (evidence.length === 0) return
    const cps = text === null ? null : Array.from(text)
    const broken = evidence.filter((e) => cps === null || cps.slice(e.start, e.end).join('') !== e.text)
    if (broken.length > 0) {
      throw new ProblemError('WS_ERR_CONFLICT',
        `The new text no longer matches the evidence of ${broken.length} statement(s) reported in this document: ${broken.slice(0, 10).map((b) => b.id).join(', ')}. Update or delete those statements first.`)
    }
  }

  /** The record in the write format, for JSON Merge Patch. */
  record (type: EntityType, id: string): Promise<Record<string, unknown> | null> {
    return readRecord(this.db, type, id)
  }

  /** POST: a new record with a generated id; with an idempotency key, once per key. */
  async create (type: EntityType, body: Body, by: string, idempotencyKey?: string): Promise<WriteResult> {
    const id = body.id ?? generateId(type, body)
    const rows = await this.validate(type, id, body)
    return this.db.writeTx(async (tx) => {
      if (idempotencyKey !== undefined) {
        const key = `${by}:${type}:${idempotencyKey}`
        const hash = requestHash(type, body)
        const claim = await claimIdempotencyKey(tx, key, hash)
        if (!claim.fresh) {
          if (claim.requestHash !== hash) {
            throw new ProblemError('WS_ERR_UNPROCESSABLE', 'This Idempotency-Key was already used with a different request body.', {
              fields: [{ name: 'headers.idempotency-key', reason: 'was already used with a different body' }],
            })
          }
          if (claim.resourceId === null) throw new ProblemError('WS_ERR_CONFLICT', 'A request with this Idempotency-Key is still in progress.')
          return { id: claim.resourceId, created: true, plan: emptyPlan() }
        }
        await completeIdempotencyKey(tx, key, id)
      }
      if (await usage(tx, type, id)) {
        throw new ProblemError('WS_ERR_CONFLICT', `A ${type} with id '${id}' already exists; use PUT /v1/${COLLECTION[type]}/${id} to replace it.`)
      }
      const plan = await applyRows(tx, rows, { by })
      return { id, created: true, plan }
    })
  }

  /** DELETE: 409 while statements depend on it, unless cascade. */
  async delete (type: EntityType, id: string, cascade: boolean, by: string): Promise<{ found: boolean, statementsDeleted: number }> {
    return this.db.writeTx(async (tx) => {
      const use = await usage(tx, type, id)
      if (!use) return { found: false, statementsDeleted: 0 }
      if (!cascade && type === 'actor' && (use.said > 0 || use.about > 0)) {
        throw new ProblemError('WS_ERR_CONFLICT', `Actor '${id}' made ${use.said} statement(s) and is the target of ${use.about}; delete with ?cascade=true to delete the statements it alone made and unlink the rest.`)
      }
      if (!cascade && type === 'document' && use.reported > 0) {
        throw new ProblemError('WS_ERR_CONFLICT', `Document '${id}' reports ${use.reported} statement(s); delete with ?cascade=true to delete them too.`)
      }
      return { found: true, statementsDeleted: await deleteEntity(tx, type, id, cascade, by) }
    })
  }

  async merge (from: string, into: string, by: string): Promise<void> {
    if (from === into) {
      throw new ProblemError('WS_ERR_UNPROCESSABLE', 'An actor cannot be merged into itself.', { fields: [{ name: 'body.into', reason: 'must differ from the id in the path' }] })
    }
    await this.db.writeTx(async (tx) => {
      const [a, b] = [await usage(tx, 'actor', from), await usage(tx, 'actor', into)]
      if (!a) throw new ProblemError('WS_ERR_NOT_FOUND', `No actor with id '${from}'.`)
      if (!b) throw new ProblemError('WS_ERR_UNPROCESSABLE', `No actor with id '${into}' to merge into.`, { fields: [{ name: 'body.into', reason: `unknown actor "${into}"` }] })
      await mergeActors(tx, from, into, by)
    })
  }
}

function emptyPlan (): WritePlan {
  const none = { create: 0, update: 0, unchanged: 0 }
  return { topics: none, actors: none, documents: none, affiliations: none, statements: none }
}
