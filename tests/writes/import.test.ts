// POST /v1/import: NDJSON (one seed fragment per line) or one JSON seed file, validated with the
// seeding CLI's rules and written all or nothing; 422 lists line, path and reason of every
// rejection; bodies over IMPORT_BODY_LIMIT_BYTES are 413.
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { resetGraph } from '../../src/repositories/writer.js'
import { projectRoot } from '../../src/lib/paths.js'
import { seedArticle } from '../support/fixtures.js'
import {
  KEYS, article, articleJson, articleWithInlineText, dbCounts, expectProblem, expectedStats, get, getOk, post,
  restoreAndClose, stats, statementBody, writesApp,
} from './support.js'

let app: FastifyInstance
beforeAll(async () => { app = await writesApp() })
afterAll(async () => { await restoreAndClose(app) })

const NDJSON = { 'content-type': 'application/x-ndjson' }
const ndjson = (lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n'
const importNdjson = (body: string, key: string | null = KEYS.editor, headers = NDJSON) => post(app, '/v1/import', body, key, headers)

interface ImportResult { created: number, updated: number, unchanged: number, rejected: number, rejections: Array<{ line: number, path: string, reason: string }> }

describe('NDJSON import', () => {
  const bytedance = article().actors.find((a) => a.id === 'bytedance')!
  const tiktok = article().actors.find((a) => a.id === 'tiktok')!
  const valid = ndjson([
    { topics: [{ id: 'import-topic', name: 'Import topic' }] },
    {
      actors: [{ id: 'import-actor', name: 'Import Actor', kind: 'person', aliases: [], description: 'Imported.' }],
      affiliations: [{ actor: 'import-actor', organisation: 'tiktok', type: 'works-for', role: 'importer' }],
    },
    { actors: [{ ...bytedance, description: 'Changed by the import test.' }] },
    { actors: [tiktok] },
    '',
    // references what other lines declare
    { statements: [{ ...statementBody('blackburn-tiktok-should-have-come-clean', { speakers: [{ actor: 'import-actor', role: 'importer' }], topics: ['import-topic'], links: undefined }), id: 'import-statement' }] },
  ])

  it('valid lines: 200 with created / updated / unchanged counts, and the records are there', async () => {
    await seedArticle(app.db)
    const before = await stats(app)
    const res = await importNdjson(valid)
    expect(res.statusCode, res.body).toBe(200)
    // created: topic, actor, affiliation, statement; updated: bytedance; unchanged: tiktok
    expect(res.json()).toEqual({ created: 4, updated: 1, unchanged: 1, rejected: 0, rejections: [] })
    const s = await getOk(app, '/v1/statements/import-statement')
    expect(s.speakers.map((x: { id: string }) => x.id)).toEqual(['import-actor'])
    expect(s.topics).toEqual([{ id: 'import-topic', name: 'Import topic' }])
    expect((await getOk(app, '/v1/actors/bytedance')).description).toBe('Changed by the import test.')
    const after = await stats(app)
    expect(after.nodes).toEqual({ ...before.nodes, Actor: before.nodes.Actor! + 1, Statement: before.nodes.Statement! + 1, Topic: before.nodes.Topic! + 1 })
    expect(after.relationships.AFFILIATED_WITH).toBe(before.relationships.AFFILIATED_WITH! + 1)
    const [row] = await app.db.read('MATCH (a:Actor {id: "import-actor"}) RETURN a.createdBy AS by')
    expect(row!.by).toBe('editor')
  })

  it('the same import again: everything unchanged, nothing written', async () => {
    const counts = await dbCounts(app)
    const [stamp] = await app.db.read('MATCH (a:Actor {id: "bytedance"}) RETURN toString(a.updatedAt) AS at')
    const res = await importNdjson(valid)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ created: 0, updated: 0, unchanged: 6, rejected: 0, rejections: [] })
    expect(await dbCounts(app)).toEqual(counts)
    const [again] = await app.db.read('MATCH (a:Actor {id: "bytedance"}) RETURN toString(a.updatedAt) AS at')
    expect(again).toEqual(stamp)
  })

  it('accepts a charset parameter and CRLF line ends', async () => {
    const res = await importNdjson(valid.replaceAll('\n', '\r\n'), KEYS.editor, { 'content-type': 'application/x-ndjson; charset=utf-8' })
    expect(res.statusCode, res.body).toBe(200)
    expect((res.json() as ImportResult).unchanged).toBe(6)
  })

  it('an empty body is 400', async () => {
    expectProblem(await importNdjson(''), 400, 'invalid-parameters')
    expectProblem(await importNdjson('\n\n  \n'), 400, 'invalid-parameters')
  })
})

describe('NDJSON with bad lines: 422, every rejection listed, nothing written', () => {
  beforeAll(async () => { await seedArticle(app.db) })

  async function expectRejected (body: string, expected: Array<{ line: number, path: string, reason: RegExp | string }>) {
    const beforeStats = await stats(app)
    const beforeCounts = await dbCounts(app)
    const res = await importNdjson(body)
    const problem = expectProblem(res, 422, 'unprocessable')
    const result = problem as unknown as ImportResult
    expect(problem.detail).toContain('nothing was written')
    expect(result.created).toBe(0)
    expect(result.rejected).toBe(expected.length)
    expect(result.rejections.map((r) => ({ line: r.line, path: r.path }))).toEqual(expected.map((e) => ({ line: e.line, path: e.path })))
    result.rejections.forEach((r, i) => {
      const reason = expected[i]!.reason
      if (typeof reason === 'string') expect(r.reason).toBe(reason)
      else expect(r.reason).toMatch(reason)
    })
    expect(await stats(app)).toEqual(beforeStats)
    expect(await dbCounts(app)).toEqual(beforeCounts)
    expect((await get(app, '/v1/actors/never-imported')).statusCode).toBe(404)
    expect((await get(app, '/v1/search?q=never%20imported&types=actor')).json().items).toEqual([])
    return result
  }

  const validLine = { actors: [{ id: 'never-imported', name: 'Never imported', kind: 'person' }] }
  const unknownRef = { affiliations: [{ actor: 'never-imported', organisation: 'ghost-organisation', type: 'works-for' }] }
  const badEnum = { topics: [{ id: 'fine-topic', name: 'Fine' }], actors: [{ id: 'bad-kind', name: 'Bad', kind: 'robot' }] }

  it('invalid JSON', async () => {
    await expectRejected(ndjson([validLine, '{"actors": [', { topics: [] }]), [
      { line: 2, path: '$', reason: /^is not valid JSON/ },
    ])
  })

  it('an unknown reference', async () => {
    await expectRejected(ndjson([validLine, unknownRef]), [
      { line: 2, path: '$.affiliations[0].organisation', reason: 'unknown actor "ghost-organisation"' },
    ])
  })

  it('a bad enum value', async () => {
    await expectRejected(ndjson([validLine, badEnum]), [
      { line: 2, path: '$.actors[0].kind', reason: '"robot" is not one of: person, organisation, group' },
    ])
  })

  it('invalid JSON and an unknown reference together', async () => {
    await expectRejected(ndjson([validLine, '{bad json}', unknownRef]), [
      { line: 2, path: '$', reason: /^is not valid JSON/ },
      { line: 3, path: '$.affiliations[0].organisation', reason: 'unknown actor "ghost-organisation"' },
    ])
  })

  it('a line that is JSON but not a seed fragment, and an unknown key', async () => {
    await expectRejected(ndjson([validLine, '[1, 2]', { actors: [], colour: 'blue' }]), [
      { line: 2, path: '$', reason: /object/ },
      { line: 3, path: '$.colour', reason: /unexpected property|unknown|not allowed/i },
    ])
  })

  it('invalid JSON, an unknown reference and a bad enum on three lines are each listed', async () => {
    // validateSeed stops after the first phase (schema errors), so the unknown reference on
    // line 3 -- a line that is itself well-formed -- is not reported until line 4 is fixed.
    await expectRejected(ndjson([validLine, '{bad json}', unknownRef, badEnum]), [
      { line: 2, path: '$', reason: /^is not valid JSON/ },
      { line: 3, path: '$.affiliations[0].organisation', reason: 'unknown actor "ghost-organisation"' },
      { line: 4, path: '$.actors[0].kind', reason: '"robot" is not one of: person, organisation, group' },
    ])
  })
})

/** Runs the real seeding CLI (`npm run seed`) with --dry-run and sums its plan. */
function cliDryRun (neo4jUri: string): Promise<{ code: number | null, created: number, updated: number, unchanged: number, stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/seed.ts', '--dry-run'], {
      cwd: projectRoot(),
      env: { ...process.env, NEO4J_URI: neo4jUri, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString() })
    child.stderr.on('data', (b: Buffer) => { stdout += b.toString() })
    child.on('error', reject)
    child.on('close', (code) => {
      const sum = { created: 0, updated: 0, unchanged: 0 }
      for (const m of stdout.matchAll(/would create (\d+), would update (\d+), unchanged (\d+)/g)) {
        sum.created += Number(m[1])
        sum.updated += Number(m[2])
        sum.unchanged += Number(m[3])
      }
      resolve({ code, stdout, ...sum })
    })
  })
}

describe('JSON import (a graph-seed file)', () => {
  it('imports the article into an empty database with the counts the seeding CLI plans', async () => {
    await resetGraph(app.db)
    expect((await stats(app)).nodes).toEqual({ Actor: 0, ActorRedirect: 0, Statement: 0, Document: 0, Topic: 0 })
    const cli = await cliDryRun(inject('neo4jUri'))
    expect(cli.code, cli.stdout).toBe(0)
    const data = article()
    const total = data.actors.length + data.documents.length + data.affiliations.length + data.topics.length + data.statements.length
    expect(cli).toMatchObject({ created: total, updated: 0, unchanged: 0 })

    const res = await post(app, '/v1/import', articleWithInlineText() as unknown as Record<string, unknown>)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ created: cli.created, updated: cli.updated, unchanged: cli.unchanged, rejected: 0, rejections: [] })
    expect(await stats(app)).toEqual(expectedStats(data))
    // the text came along: the evidence reads back with the document hash
    const doc = await getOk(app, '/v1/documents/tiktok-on-defense-2022?includeText=true')
    expect(doc.text.length).toBeGreaterThan(1000)

    const again = await post(app, '/v1/import', articleWithInlineText() as unknown as Record<string, unknown>)
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: total, rejected: 0, rejections: [] })
  })

  it('the seed file as it is on disk (textFile) is 422 naming $.documents[0].textFile: the API reads no files', async () => {
    const before = await dbCounts(app)
    const res = await post(app, '/v1/import', articleJson, KEYS.editor, { 'content-type': 'application/json' })
    const result = expectProblem(res, 422, 'unprocessable') as unknown as ImportResult
    expect(result.rejections).toEqual([{ line: 1, path: '$.documents[0].textFile', reason: 'cannot read "documents/tiktok-on-defense-2022.txt"' }])
    expect(await dbCounts(app)).toEqual(before)
  })

  it('an invalid JSON body is 400; an unsupported content type is 415', async () => {
    expectProblem(await post(app, '/v1/import', '{"actors": [', KEYS.editor, { 'content-type': 'application/json' }), 400)
    expectProblem(await post(app, '/v1/import', 'id,name', KEYS.editor, { 'content-type': 'text/csv' }), 415, 'unsupported-media-type')
  })

  it('needs the write scope', async () => {
    expectProblem(await post(app, '/v1/import', { topics: [] }, KEYS.reader), 403, 'forbidden')
    expectProblem(await post(app, '/v1/import', { topics: [] }, null), 401, 'unauthorized')
  })
})

describe('import body limits', () => {
  let small: FastifyInstance
  beforeAll(async () => { small = await writesApp({ IMPORT_BODY_LIMIT_BYTES: '4096', BODY_LIMIT_BYTES: '2048' }, false) })
  afterAll(async () => { await small?.close() })

  const actorsNdjson = (n: number, prefix: string) => ndjson(Array.from({ length: n }, (_, i) => ({
    actors: [{ id: `${prefix}-${i}`, name: `Limit test actor ${i}`, kind: 'person', description: 'x'.repeat(40) }],
  })))

  it('NDJSON over IMPORT_BODY_LIMIT_BYTES is 413 problem+json, and nothing is written', async () => {
    await seedArticle(small.db)
    const before = await dbCounts(small)
    const body = actorsNdjson(100, 'too-big')
    expect(Buffer.byteLength(body)).toBeGreaterThan(4096)
    const res = await post(small, '/v1/import', body, KEYS.editor, NDJSON)
    expectProblem(res, 413, 'payload-too-large')
    expect(await dbCounts(small)).toEqual(before)
  })

  it('JSON over IMPORT_BODY_LIMIT_BYTES is 413 problem+json', async () => {
    const body = { actors: Array.from({ length: 100 }, (_, i) => ({ id: `too-big-${i}`, name: `Actor ${i}`, kind: 'person', description: 'x'.repeat(40) })) }
    expect(JSON.stringify(body).length).toBeGreaterThan(4096)
    expectProblem(await post(small, '/v1/import', body), 413, 'payload-too-large')
  })

  it('the import limit, not BODY_LIMIT_BYTES, applies to the import: 3 KB imports; 3 KB elsewhere is 413', async () => {
    const body = actorsNdjson(25, 'within-limit')
    expect(Buffer.byteLength(body)).toBeGreaterThan(2048)
    expect(Buffer.byteLength(body)).toBeLessThan(4096)
    const res = await post(small, '/v1/import', body, KEYS.editor, NDJSON)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().created).toBe(25)
    expectProblem(await post(small, '/v1/actors', { name: 'x', kind: 'person', description: 'y'.repeat(3000) }), 413, 'payload-too-large')
    await seedArticle(small.db)
  })
})
