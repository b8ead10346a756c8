// NDJSON out of one database and into a second, empty one (its own local Neo4j on 7743) rebuilds
// the graph: the same /v1/stats and the same answers, over HTTP (GET /v1/export, POST
// /v1/import) and through the operators' CLIs (npm run dump, npm run restore).
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j/launcher.js'
import { resetGraph } from '../../src/repositories/writer.js'
import { hashKey } from '../../src/lib/api-keys.js'
import { buildTestApp } from '../helpers.js'
import { getOk, seededApp } from '../routes/v1/seeded.js'

/** The empty database the export goes into; stopped after the suite. */
const EMPTY_NEO4J = { port: Number(process.env.WHOSAID_TEST_EMPTY_NEO4J_PORT ?? 7743), home: process.env.WHOSAID_TEST_EMPTY_NEO4J_HOME ?? '.neo4j/test-export-empty', heap: '512m', pageCache: '256m' }
const KEY = 'round-trip-writer-key'
const run = promisify(execFile)

let source: FastifyInstance
let target: FastifyInstance
let targetUri = ''
let started = false
const dir = mkdtempSync(join(tmpdir(), 'whosaid-dump-'))

beforeAll(async () => {
  source = await seededApp()
  const empty = await startLocalNeo4j(EMPTY_NEO4J)
  started = empty.started
  targetUri = empty.uri
  const build = () => buildTestApp({ API_KEYS: `round-trip:write:${hashKey(KEY)}`, NEO4J_QUERY_TIMEOUT_MS: '120000' }, targetUri)
  // A freshly started instance can take longer than Fastify's 10 s plugin timeout to apply the
  // schema on a busy machine; the second attempt finds it warm.
  target = await build().catch(build)
}, 600_000)
afterAll(async () => {
  await source?.close()
  await target?.close()
  if (started) await stopLocalNeo4j(EMPTY_NEO4J.home)
})

/** The answers that must match between the two databases. */
async function answers (app: FastifyInstance) {
  return {
    stats: await getOk(app, '/v1/stats'),
    aboutTiktok: await getOk(app, '/v1/statements?about=tiktok&limit=100'),
    actor: await getOk(app, '/v1/actors/brendan-carr'),
    document: await getOk(app, '/v1/documents/tiktok-on-defense-2022?includeText=true'),
  }
}

async function cli (script: string, args: string[], uri: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, NEO4J_URI: uri, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 180_000,
    })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number, stdout: string, stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('NDJSON round trip into an empty database', () => {
  it('GET /v1/export then POST /v1/import: the same /v1/stats and the same answers', async () => {
    await resetGraph(target.db)
    const exported = await source.inject({ method: 'GET', url: '/v1/export?format=ndjson' })
    expect(exported.statusCode).toBe(200)
    const imported = await target.inject({
      method: 'POST',
      url: '/v1/import',
      payload: exported.body,
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${KEY}` },
    })
    expect(imported.statusCode, imported.body).toBe(200)
    expect(await answers(target)).toEqual(await answers(source))
  })

  it('a filtered export imports on its own and answers its filter the same', async () => {
    await resetGraph(target.db)
    const exported = await source.inject({ method: 'GET', url: '/v1/export?format=ndjson&about=tiktok' })
    const imported = await target.inject({
      method: 'POST',
      url: '/v1/import',
      payload: exported.body,
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${KEY}` },
    })
    expect(imported.statusCode, imported.body).toBe(200)
    // The subgraph holds the links among its own statements only.
    const expected = await getOk<{ items: Array<{ id: string, links: Array<{ statement: { id: string } }> }> }>(source, '/v1/statements?about=tiktok&limit=100')
    const inside = new Set(expected.items.map((s) => s.id))
    for (const s of expected.items) s.links = s.links.filter((l) => inside.has(l.statement.id))
    expect(await getOk(target, '/v1/statements?about=tiktok&limit=100')).toEqual(expected)
  })

  it('npm run dump then npm run restore: the same /v1/stats and the same answers', async () => {
    await resetGraph(target.db)
    const file = join(dir, 'whosaid.ndjson')
    const dump = await cli('tools/dump.ts', ['--out', file], inject('neo4jUri'))
    expect(dump.code, dump.stderr).toBe(0)
    expect(dump.stdout).toMatch(/^Wrote \d+ records to /)
    expect(readFileSync(file, 'utf8')).toBe((await source.inject({ method: 'GET', url: '/v1/export?format=ndjson' })).body)
    const restore = await cli('tools/restore.ts', [file], targetUri)
    expect(restore.code, restore.stderr).toBe(0)
    expect(await answers(target)).toEqual(await answers(source))
  })

  it('npm run restore of an invalid file writes nothing and says why in one line per problem', async () => {
    await resetGraph(target.db)
    const file = join(dir, 'bad.ndjson')
    writeFileSync(file, [
      JSON.stringify({ actors: [{ id: 'someone', name: 'Someone', kind: 'person', aliases: [] }] }),
      'not json',
      JSON.stringify({ statements: [{ id: 'x', speakers: [{ actor: 'nobody' }], attribution: 'paraphrase', verb: 'said', text: 't', datePrecision: 'unknown', reportedIn: { document: 'missing', evidence: { start: 0, end: 1, text: 't', before: '', after: '' } } }] }),
    ].join('\n') + '\n')
    const restore = await cli('tools/restore.ts', [file], targetUri)
    expect(restore.code).toBe(1)
    const lines = restore.stderr.trim().split('\n')
    expect(lines[0]).toMatch(/^Restore rejected: 3 problem\(s\); nothing was written\.$/)
    expect(restore.stderr).toContain(`${file}:2: $: is not valid JSON`)
    expect(restore.stderr).toContain('unknown actor "nobody"')
    expect(restore.stderr).toContain('unknown document "missing"')
    expect(restore.stderr).not.toMatch(/\n\s+at /)
    expect((await getOk(target, '/v1/stats')).nodes.Actor).toBe(0)

    const missing = await cli('tools/restore.ts', [join(dir, 'no-such-file.ndjson')], targetUri)
    expect(missing.code).toBe(1)
    expect(missing.stderr.trim()).toMatch(/^restore failed: cannot open .*no-such-file\.ndjson \(ENOENT\)$/)
  })
})
