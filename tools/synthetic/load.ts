// Writes the synthetic graph through the same writer as `npm run seed`, one transaction per batch,
// phase by phase (every actor before any affiliation); the next batch is generated while the
// current ones are written. With `writers` > 1, up to that many batches of one phase are written
// at once: a 2-core machine leaves about a third of its time idle with one writer
// (bench/README.md). The stance tallies stay exact under it (each transaction applies its own,
// in key order: tallies.ts). Statement links point to earlier statements, which may then still
// be in another transaction, so in that case each statement batch is written without its links,
// and the links follow once every statement is in.
import type { Db } from '../../src/db/db.js'
import type { StatementRow } from '../../src/domain/validate.js'
import { writeLinks, writeRows } from '../../src/repositories/writer.js'
import { generateSynthetic, type SyntheticBatch } from './generate.js'

export interface LoadOptions { statements: number, seed: number, batchSize: number, writers: number, by: string }
export interface LoadHooks {
  /** Before a batch's write starts; a new phase begins only once the previous one is all written. */
  beginBatch?: (batch: SyntheticBatch) => void
  /** After a batch is committed. */
  onWritten?: (batch: SyntheticBatch) => void
}

export async function loadSynthetic (db: Db, options: LoadOptions, hooks: LoadHooks = {}): Promise<void> {
  const inFlight = new Set<Promise<void>>()
  const linksLater: Array<Array<Pick<StatementRow, 'id' | 'links'>>> = []
  let failure: { error: unknown } | undefined
  let phase: SyntheticBatch['phase'] | undefined
  const launch = (work: Promise<void>): void => {
    const done: Promise<void> = work.then(() => {}, (error: unknown) => { failure ??= { error } }).finally(() => inFlight.delete(done))
    inFlight.add(done)
  }
  for await (const batch of generateSynthetic({ statements: options.statements, seed: options.seed, batchSize: options.batchSize })) {
    if (batch.phase !== phase) await Promise.all(inFlight)
    while (inFlight.size >= options.writers) await Promise.race(inFlight)
    // (a failed batch stops the load once the others in flight have ended: none is left running)
    if (failure) {
      await Promise.all(inFlight)
      throw failure.error
    }
    phase = batch.phase
    hooks.beginBatch?.(batch)
    const deferLinks = options.writers > 1 && batch.phase === 'statements'
    launch(db.writeTx((tx) => writeRows(tx, batch.rows, { by: options.by }, { links: !deferLinks })).then(() => {
      // (only the ids and links are kept: the rows themselves would hold the whole graph in memory)
      if (deferLinks) linksLater.push(batch.rows.statements.filter((st) => st.links.length > 0).map((st) => ({ id: st.id, links: st.links })))
      hooks.onWritten?.(batch)
    }))
  }
  await Promise.all(inFlight)
  if (failure) throw failure.error
  for (const part of linksLater) {
    if (part.length > 0) await db.writeTx((tx) => writeLinks(tx, part))
  }
}
