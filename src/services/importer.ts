// Bulk import (POST /v1/import): graph-seed records validated with the seeding CLI's own rules,
// references resolved against what the database holds; nothing is written when anything is
// rejected, and valid data goes in bounded transactions (repositories/writer.ts).
import type { Db } from '../db/db.js'
import { validateSeed, type SeedInput } from '../domain/validate.js'
import { existingInDb } from '../repositories/existing.js'
import { writeGraphInBatches } from '../repositories/writer.js'
import { dbErrorCode, dbFailure } from '../db/errors.js'
import { DB_RETRY_AFTER_SECONDS, ProblemError } from '../lib/errors.js'

const IMPORT_TIMEOUT_MS = 600_000

export interface Rejection { line: number, path: string, reason: string }

export type ImportOutcome =
  | { written: true, created: number, updated: number, unchanged: number }
  | { written: false, rejections: Rejection[] }

/** One input per NDJSON line (file `line N`), or one for a JSON body. */
export async function importRecords (db: Db, inputs: SeedInput[], earlier: Rejection[], by: string): Promise<ImportOutcome> {
  const result = await validateSeed(inputs, existingInDb(db))
  const rejections = [...earlier]
  for (const issue of result.issues) {
    rejections.push({ line: Number(issue.file.replace('line ', '')), path: issue.path, reason: issue.reason })
  }
  if (rejections.length > 0) {
    rejections.sort((a, b) => a.line - b.line || a.path.localeCompare(b.path))
    return { written: false, rejections }
  }
  let plan: Awaited<ReturnType<typeof writeGraphInBatches>>
  try {
    plan = await writeGraphInBatches(db.withTimeout(IMPORT_TIMEOUT_MS), result.rows, { by })
  } catch (err) {
    // The load writes whole batches: say what happened and that the same import completes it.
    if (dbFailure(err) === null) throw err
    throw new ProblemError('WS_ERR_DB_UNAVAILABLE',
      `The graph database failed part-way through the import (${dbErrorCode(err) ?? 'error'}). The batches written before it are kept; send the same import again to complete it.`,
      { headers: { 'retry-after': String(DB_RETRY_AFTER_SECONDS) }, cause: err })
  }
  const total = { created: 0, updated: 0, unchanged: 0 }
  for (const p of Object.values(plan)) {
    total.created += p.create
    total.updated += p.update
    total.unchanged += p.unchanged
  }
  return { written: true, ...total }
}
