// `npm run extract` as a child process against the test Neo4j (the article graph): it writes a
// seed file and the text beside it that the seed CLI's --dry-run validates; bad input is one
// line on stderr and exit 1, with no stack trace.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helpers.js'
import { seedArticle } from '../support/fixtures.js'
import { runTool } from '../seed/seed-helpers.js'
import { projectRoot } from '../../src/lib/paths.js'

const ROOT = projectRoot()
const CLI_TIMEOUT = 120_000

// A short article written for this test.
const TEXT = 'Council weighs app ban\n\nShou Zi Chew said “we have never shared American user data with anyone”. Lena Ortiz, a city councillor, said the ban would help nobody.\n'

const run = runTool

describe('npm run extract (the CLI)', () => {
  const uri = inject('neo4jUri')
  let app: FastifyInstance
  let dir: string
  beforeAll(async () => {
    app = await buildTestApp({ NEO4J_QUERY_TIMEOUT_MS: '120000' })
    await seedArticle(app.db)
    dir = mkdtempSync(join(tmpdir(), 'whosaid-extract-'))
  })
  afterAll(async () => {
    await app?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('drafts a seed file and its text that npm run seed -- --dry-run validates', async () => {
    const source = join(dir, 'source.txt')
    writeFileSync(source, TEXT)
    const copy = join(dir, 'council-app-ban.txt')
    copyFileSync(source, copy)
    const out = join(dir, 'seed', 'council-app-ban.json')

    const res = await run('tools/extract.ts', [copy, '--date', '2024-05', '--out', out], uri)
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout).toMatch(/^Drafted 2 statement\(s\) from .*: 1 direct-quote, 1 paraphrase$/m)
    expect(res.stdout).toContain('Speakers: 1 matched (shou-zi-chew), 1 new (lena-ortiz)')
    expect(res.stdout).toMatch(/^Low confidence \(< 0\.6\): \d+/m)

    const seed = JSON.parse(readFileSync(out, 'utf8')) as {
      documents: Array<{ id: string, textFile: string, date: string, datePrecision: string, note: string }>
      actors: Array<{ id: string }>
      statements: Array<{ speakers: Array<{ actor: string }>, note?: string }>
    }
    expect(seed.documents[0]).toMatchObject({ id: 'council-app-ban', textFile: 'documents/council-app-ban.txt', date: '2024-05', datePrecision: 'month' })
    expect(seed.documents[0]!.note).toContain('Proposed actors (new to the database): lena-ortiz.')
    expect(readFileSync(join(dir, 'seed', 'documents', 'council-app-ban.txt'), 'utf8')).toBe(TEXT)
    expect(seed.actors.map((a) => a.id)).toEqual(['lena-ortiz'])
    const ortiz = seed.statements.find((s) => s.speakers[0]!.actor === 'lena-ortiz')
    expect(ortiz?.note).toContain('proposed new actor(s) lena-ortiz')

    const dry = await run('tools/seed.ts', ['--dry-run', out], uri)
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain('Validated 1 file(s): 1 actors, 1 documents, 0 topics, 0 affiliations, 2 statements.')
    expect(dry.stdout).toContain('Dry run: nothing was written.')

    // a second run does not overwrite the reviewed file
    const again = await run('tools/extract.ts', [copy, '--out', out], uri)
    expect(again.code).toBe(1)
    expect(again.stderr.trim()).toMatch(/council-app-ban\.json exists; pass --force to overwrite it\.$/)
  }, CLI_TIMEOUT)

  it('a missing file or an empty text: one line on stderr, exit 1, no stack trace', async () => {
    const missing = await run('tools/extract.ts', [join(dir, 'nope.txt')], uri)
    expect(missing.code).toBe(1)
    expect(missing.stderr.trim()).toBe(`Cannot read ${join(dir, 'nope.txt')}: no such file.`)
    const empty = join(dir, 'empty.txt')
    writeFileSync(empty, '  \n\t\n')
    const res = await run('tools/extract.ts', [empty], uri)
    expect(res.code).toBe(1)
    expect(res.stderr.trim()).toBe(`${empty} holds no text; nothing to draft.`)
    expect(res.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(join(ROOT, 'graph-seed', 'empty.json'))).toBe(false)
  }, CLI_TIMEOUT)
})
