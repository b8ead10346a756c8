// A valid seed file loads whatever its size: one file of 35,000 statements (about 20 MB), which
// as one transaction ran out of the local Neo4j's 512 MiB transaction memory, loads with one run
// of the seed CLI, in bounded transactions, and a second run finds everything unchanged.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helpers.js'
import { RECORDS_PER_TRANSACTION, resetGraph } from '../../src/repositories/writer.js'
import { EVIDENCE_CONTEXT } from '../../src/domain/seed-model.js'
import { runSeedCli } from './seed-helpers.js'

const STATEMENTS = 35_000
const SPEAKERS = 50

/** A seed file written here: one long transcript whose every line is one quoted statement. */
function largeSeed (dir: string): string {
  const lines: string[] = []
  const statements: unknown[] = []
  let offset = 0
  const spans: Array<{ start: number, end: number }> = []
  for (let i = 0; i < STATEMENTS; i++) {
    const quote = `Point ${i} is worth a second look, says speaker ${i % SPEAKERS}.`
    spans.push({ start: offset, end: offset + quote.length })
    lines.push(quote)
    offset += quote.length + 1
  }
  const text = lines.join('\n')
  for (let i = 0; i < STATEMENTS; i++) {
    const { start, end } = spans[i]!
    statements.push({
      id: `large-${i}`,
      speakers: [{ actor: `speaker-${i % SPEAKERS}` }],
      attribution: 'direct-quote',
      verb: 'says',
      text: lines[i]!.slice(0, lines[i]!.indexOf(', says')),
      datePrecision: 'day',
      date: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      targets: [{ actor: `speaker-${(i + 1) % SPEAKERS}`, stance: 'neutral' }],
      reportedIn: {
        document: 'large-transcript',
        evidence: {
          start,
          end,
          text: lines[i],
          before: text.slice(Math.max(0, start - EVIDENCE_CONTEXT), start),
          after: text.slice(end, end + EVIDENCE_CONTEXT),
        },
      },
      ...(i > 0 && i % 100 === 0 ? { links: [{ type: 'responds-to', statement: `large-${i + 1}` }] } : {}),
    })
  }
  mkdirSync(join(dir, 'documents'))
  writeFileSync(join(dir, 'documents', 'large.txt'), text)
  const file = join(dir, 'large.json')
  writeFileSync(file, JSON.stringify({
    actors: Array.from({ length: SPEAKERS }, (_, k) => ({ id: `speaker-${k}`, name: `Speaker ${k}`, kind: 'person' })),
    documents: [{ id: 'large-transcript', title: 'A long transcript', kind: 'report', datePrecision: 'unknown', textFile: 'documents/large.txt' }],
    statements,
  }))
  return file
}

describe('a 35,000-statement seed file', () => {
  let app: FastifyInstance
  const uri = inject('neo4jUri')
  let file = ''
  beforeAll(async () => {
    app = await buildTestApp({ NEO4J_QUERY_TIMEOUT_MS: '600000' })
    await resetGraph(app.db)
    file = largeSeed(mkdtempSync(join(tmpdir(), 'large-seed-')))
  }, 600_000)
  afterAll(async () => {
    await resetGraph(app.db)
    await app.close()
  }, 600_000)

  it(`loads with one run of npm run seed (more than one transaction of ${RECORDS_PER_TRANSACTION} records), and a second run changes nothing`, async () => {
    const first = await runSeedCli([file], uri)
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/statements +create 35000, update 0, unchanged 0/)
    const stats = await app.inject({ method: 'GET', url: '/v1/stats' })
    expect(stats.json()).toMatchObject({ nodes: { Statement: STATEMENTS, Actor: SPEAKERS, Document: 1 } })
    // Links across batches (statement i responds to i + 1, which may be written later) are all there.
    expect(stats.json().relationships.RESPONDS_TO).toBe(Math.floor((STATEMENTS - 1) / 100))

    const second = await runSeedCli([file], uri)
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(/statements +create 0, update 0, unchanged 35000/)
  }, 900_000)
})
