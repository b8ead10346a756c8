// A load that the database fails part-way: the seeding CLI and POST /v1/import say so in one line
// (no stack trace), the batches written before the failure are kept whole (and the stance
// tallies with them), and the same load again completes it. The failure is made for real: this
// test holds the lock on a statement id that the last batch writes, and terminates the load's
// transaction once Neo4j reports it blocked on that lock.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helpers.js'
import { RECORDS_PER_TRANSACTION, resetGraph } from '../../src/repositories/writer.js'
import { EVIDENCE_CONTEXT } from '../../src/domain/seed-model.js'
import { runSeedCli } from './seed-helpers.js'
import { API_KEYS, KEYS } from '../writes/support.js'

const STATEMENTS = RECORDS_PER_TRANSACTION * 2 + 500
const SPEAKERS = 20
// In the last batch of statements.
const LOCKED = `failing-${STATEMENTS - 100}`

function seed (): { actors: unknown[], documents: unknown[], statements: unknown[], text: string } {
  const lines = Array.from({ length: STATEMENTS }, (_, i) => `Line ${i} of the failing load, by speaker ${i % SPEAKERS}.`)
  const text = lines.join('\n')
  let offset = 0
  const statements = lines.map((line, i) => {
    const start = offset
    offset += line.length + 1
    return {
      id: `failing-${i}`,
      speakers: [{ actor: `failing-speaker-${i % SPEAKERS}` }],
      attribution: 'direct-quote',
      verb: 'says',
      text: line,
      datePrecision: 'month',
      date: `2023-${String(1 + (i % 12)).padStart(2, '0')}`,
      targets: [{ actor: `failing-speaker-${(i + 3) % SPEAKERS}`, stance: ['critical', 'supportive', 'neutral'][i % 3] }],
      reportedIn: {
        document: 'failing-transcript',
        evidence: { start, end: start + line.length, text: line, before: text.slice(Math.max(0, start - EVIDENCE_CONTEXT), start), after: text.slice(start + line.length, start + line.length + EVIDENCE_CONTEXT) },
      },
    }
  })
  return {
    actors: Array.from({ length: SPEAKERS }, (_, k) => ({ id: `failing-speaker-${k}`, name: `Failing speaker ${k}`, kind: 'person' })),
    documents: [{ id: 'failing-transcript', title: 'A transcript', kind: 'report', datePrecision: 'unknown' }],
    statements,
    text,
  }
}

describe('a load the database fails part-way', () => {
  let app: FastifyInstance
  const uri = inject('neo4jUri')
  const data = seed()

  beforeAll(async () => {
    app = await buildTestApp({ API_KEYS, RATE_LIMIT_MAX: '100000', NEO4J_QUERY_TIMEOUT_MS: '600000' })
    await resetGraph(app.db)
  }, 120_000)
  afterAll(async () => {
    await resetGraph(app.db)
    await app.close()
  }, 120_000)

  /**
   * Runs `load` while a transaction of this test holds the lock on the id LOCKED (an uncommitted
   * CREATE of it); the load's transaction that waits for it is terminated. The lock is released
   * (rolled back) before this returns.
   */
  async function failWhile<T> (load: () => Promise<T>): Promise<{ result: T, terminated: number }> {
    const session = app.db.driver.session({ database: app.db.database })
    const tx = await session.beginTransaction()
    await tx.run('CREATE (:Statement {id: $id})', { id: LOCKED })
    let terminated = 0
    const state = { done: false }
    const running = load().finally(() => { state.done = true })
    const admin = app.db.driver.session({ database: app.db.database })
    try {
      while (!state.done && terminated === 0) {
        const blocked = await admin.run("SHOW TRANSACTIONS YIELD transactionId, status, currentQuery WHERE status STARTS WITH 'Blocked' RETURN transactionId")
        for (const r of blocked.records) {
          await admin.run('TERMINATE TRANSACTIONS $id', { id: r.get('transactionId') })
          terminated++
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      return { result: await running, terminated }
    } finally {
      await tx.rollback()
      await session.close()
      await admin.close()
    }
  }

  const statementCount = async () => Number((await app.db.read('MATCH (s:Statement) RETURN count(s) AS n'))[0]!.n)
  // The stance tallies as stored, and as the statements written so far give them.
  const tallies = async () => {
    const stored = await app.db.read('MATCH (x:PairTally) RETURN x.key AS key, x.total AS total ORDER BY key')
    const counted = await app.db.read(`
      MATCH (sp:Actor)-[:SAID]->(:Statement)-[:ABOUT]->(t:Actor)
      RETURN sp.id + '|' + t.id AS key, count(*) AS total ORDER BY key`)
    return { stored, counted }
  }

  it('the CLI says so in one line and exits 1; what was written is kept; the same command again completes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'failing-seed-'))
    mkdirSync(join(dir, 'documents'))
    writeFileSync(join(dir, 'documents', 'failing.txt'), data.text)
    const file = join(dir, 'failing.json')
    writeFileSync(file, JSON.stringify({ ...data, text: undefined, documents: [{ ...(data.documents[0] as object), textFile: 'documents/failing.txt' }] }))

    const { result: failed, terminated } = await failWhile(() => runSeedCli([file], uri))
    expect(terminated).toBeGreaterThan(0)
    expect(failed.code).toBe(1)
    const lines = failed.stderr.trim().split('\n')
    expect(lines, failed.stderr).toHaveLength(1)
    expect(lines[0]).toMatch(/^The graph database failed \(Neo\.[A-Za-z.]+\): .* run the same command again to complete it\.$/)
    expect(failed.stderr).not.toMatch(/\n\s+at /)
    // The batches before the failing one are written, whole, with their tallies.
    const written = await statementCount()
    expect(written).toBeGreaterThanOrEqual(RECORDS_PER_TRANSACTION)
    expect(written).toBeLessThan(STATEMENTS)
    const partial = await tallies()
    expect(partial.stored).toEqual(partial.counted)

    const again = await runSeedCli([file], uri)
    expect(again.stderr).toBe('')
    expect(again.code).toBe(0)
    expect(await statementCount()).toBe(STATEMENTS)
    const whole = await tallies()
    expect(whole.stored).toEqual(whole.counted)
    const third = await runSeedCli([file], uri)
    expect(third.stdout).toMatch(new RegExp(`statements +create 0, update 0, unchanged ${STATEMENTS}`))
  }, 600_000)

  it('POST /v1/import answers problem+json naming the failure; the same import again completes it', async () => {
    await resetGraph(app.db)
    const body = { actors: data.actors, documents: [{ ...(data.documents[0] as object), text: data.text }], statements: data.statements }
    const post = () => app.inject({ method: 'POST', url: '/v1/import', headers: { authorization: `Bearer ${KEYS.editor}`, 'content-type': 'application/json' }, payload: body })
    const { result: failed, terminated } = await failWhile(post)
    expect(terminated).toBeGreaterThan(0)
    expect(failed.statusCode).toBe(503)
    expect(failed.headers['content-type']).toMatch(/^application\/problem\+json/)
    const problem = failed.json()
    expect(problem.detail).toMatch(/^The graph database failed part-way through the import \(Neo\.[A-Za-z.]+\)\. The batches written before it are kept; send the same import again to complete it\.$/)
    expect(JSON.stringify(problem)).not.toMatch(/\n\s+at /)
    const written = await statementCount()
    expect(written).toBeLessThan(STATEMENTS)
    const again = await post()
    expect(again.statusCode, again.body).toBe(200)
    expect(await statementCount()).toBe(STATEMENTS)
    const whole = await tallies()
    expect(whole.stored).toEqual(whole.counted)
  }, 600_000)
})
