// The real `npm run seed` CLI as a child process against the test Neo4j: bad input exits 1 with
// `file: $.path: reason` on stderr and leaves the database untouched; good input seeds, and
// seeding again changes nothing; --dry-run never writes.
import { relative } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { resetGraph } from '../../src/repositories/writer.js'
import {
  ARTICLE_JSON, buildSeedTestApp, FixtureDir, ROOT, article, expectedArticleCounts, runSeedCli, snapshot,
  totalNodes, totalRelationships,
} from './seed-helpers.js'
import { seedFixture } from '../support/fixtures.js'

const ARTICLE_ARG = relative(ROOT, ARTICLE_JSON)
const CLI_TIMEOUT = 120_000

/** The name the CLI (running in the project root) gives a file. */
const cliName = (path: string) => relative(ROOT, path)

describe('npm run seed (the CLI)', () => {
  let app: FastifyInstance
  const uri = inject('neo4jUri')
  const fx = new FixtureDir()

  beforeAll(async () => {
    app = await buildSeedTestApp()
    await seedFixture(app.db, 'articleFile', { by: 'seed-tests' })
  })
  afterAll(async () => {
    await seedFixture(app.db, 'articleFile', { by: 'seed-tests' })
    await app.close()
    fx.remove()
  })

  describe('rejects bad input: exit 1, every problem on stderr, database unchanged', () => {
    const cases: Array<{ name: string, break: (d: ReturnType<typeof article>) => void, path: string, reason: string }> = [
      {
        name: 'wrong stance',
        break: (d) => { d.statements[3].targets[0].stance = 'hostile' },
        path: '$.statements[3].targets[0].stance',
        reason: '"hostile" is not one of: critical, supportive, neutral',
      },
      {
        name: 'unknown speaker',
        break: (d) => { d.statements[0].speakers[1].actor = 'chuck-schumer' },
        path: '$.statements[0].speakers[1].actor',
        reason: 'unknown actor "chuck-schumer"',
      },
      {
        name: 'evidence end outside the text',
        break: (d) => { d.statements[18].reportedIn.evidence.end = 5000 },
        path: '$.statements[18].reportedIn.evidence.end',
        reason: 'offset 5000 is outside the document text (3799 characters)',
      },
      {
        name: 'a textFile that cannot be read',
        break: (d) => { d.documents[0].textFile = 'documents/missing.txt' },
        path: '$.documents[0].textFile',
        reason: 'cannot read "documents/missing.txt"',
      },
    ]
    cases.forEach((c, i) => {
      it(`${c.name}: ${c.path}`, async () => {
        const data = article()
        c.break(data)
        const file = fx.write(`cli-case-${i}.json`, data)
        const before = await snapshot(app.db)

        const res = await runSeedCli([file], uri)

        expect(res.code, res.stderr).toBe(1)
        expect(res.stderr).toContain('Seed rejected: 1 problem(s); nothing was written.')
        expect(res.stderr).toContain(`  ${cliName(file)}: ${c.path}: ${c.reason}\n`)
        expect(res.stdout).not.toContain('Seeded')
        expect(await snapshot(app.db)).toEqual(before)
      }, CLI_TIMEOUT)
    })

    it('invalid JSON', async () => {
      const file = fx.write('cli-invalid.json', '{ "actors": [ { "id": "x", } ] }')
      const before = await snapshot(app.db)
      const res = await runSeedCli([file], uri)
      expect(res.code).toBe(1)
      expect(res.stderr).toMatch(new RegExp(`  ${escape(cliName(file))}: \\$: is not valid JSON: .+\\n`))
      expect(await snapshot(app.db)).toEqual(before)
    }, CLI_TIMEOUT)

    it('lists every problem of every file, and writes nothing from the valid file either', async () => {
      const changed = article()
      changed.actors[4].description = 'Must never be written.'
      const good = fx.write('cli-good.json', changed)
      const bad = fx.write('cli-bad.json', {
        actors: [{ id: 'tiktok', name: 'TikTok again', kind: 'organisation' }, { id: 'someone', name: 'Someone', kind: 'robot' }],
      })
      const before = await snapshot(app.db)

      const res = await runSeedCli([good, bad], uri)

      expect(res.code).toBe(1)
      // A schema error stops the file before its ids are declared, so only the kind is reported.
      expect(res.stderr).toContain('Seed rejected: 1 problem(s); nothing was written.')
      expect(res.stderr).toContain(`  ${cliName(bad)}: $.actors[1].kind: "robot" is not one of: person, organisation, group\n`)
      expect(await snapshot(app.db)).toEqual(before)

      const fixed = fx.write('cli-bad-fixed.json', { actors: [{ id: 'tiktok', name: 'TikTok again', kind: 'organisation' }, { id: 'someone', name: 'Someone', kind: 'person' }], topics: [{ id: 'topic-a', name: 'A' }, { id: 'topic-a', name: 'B' }] })
      const res2 = await runSeedCli([good, fixed], uri)
      expect(res2.code).toBe(1)
      expect(res2.stderr).toContain('Seed rejected: 2 problem(s); nothing was written.')
      expect(res2.stderr).toContain(`  ${cliName(fixed)}: $.topics[1].id: duplicate topic id "topic-a" (first declared in ${cliName(fixed)} at $.topics[0])\n`)
      expect(res2.stderr).toContain(`  ${cliName(fixed)}: $.actors[0].id: duplicate actor id "tiktok" (first declared in ${cliName(good)} at $.actors[0])\n`)
      expect(await snapshot(app.db)).toEqual(before)
      const [row] = await app.db.read('MATCH (a:Actor {id: "brendan-carr"}) RETURN a.description AS d')
      expect(row?.d).toBe(article().actors[4].description)
    }, CLI_TIMEOUT)

    it('--reset --yes with a bad file does not reset: validation comes first', async () => {
      const data = article()
      data.statements[5].attribution = 'quote'
      const file = fx.write('cli-reset-bad.json', data)
      const before = await snapshot(app.db)
      expect(totalNodes(before.counts)).toBeGreaterThan(0)

      const res = await runSeedCli(['--reset', '--yes', file], uri)

      expect(res.code).toBe(1)
      expect(res.stderr).toContain(`  ${cliName(file)}: $.statements[5].attribution: "quote" is not one of: direct-quote, paraphrase, according-to\n`)
      expect(res.stdout).not.toContain('Reset: deleted')
      expect(await snapshot(app.db)).toEqual(before)
    }, CLI_TIMEOUT)

    it('--reset without --yes and without a terminal is not confirmed: exit 1, nothing deleted', async () => {
      const before = await snapshot(app.db)
      const res = await runSeedCli(['--reset', ARTICLE_ARG], uri)
      expect(res.code).toBe(1)
      expect(res.stderr).toContain('Reset not confirmed (pass --yes to skip the question); nothing was written.')
      expect(await snapshot(app.db)).toEqual(before)
    }, CLI_TIMEOUT)
  })

  describe('the happy path', () => {
    const expected = expectedArticleCounts()

    it('--reset --yes then the article: exit 0, every record created', async () => {
      const res = await runSeedCli(['--reset', '--yes', ARTICLE_ARG], uri)
      expect(res.code, res.stderr).toBe(0)
      expect(res.stdout).toContain('Validated 1 file(s): 27 actors, 8 documents, 10 topics, 18 affiliations, 19 statements.')
      expect(res.stdout).toMatch(/Reset: deleted \d+ nodes\./)
      expect(res.stdout).toContain('  actors        create 27, update 0, unchanged 0')
      expect(res.stdout).toContain('  statements    create 19, update 0, unchanged 0')
      expect(res.stdout).toContain('  affiliations  create 18, update 0, unchanged 0')
      expect(res.stdout).toContain(`Database now holds: 27 Actor, 19 Statement, 8 Document, 10 Topic; ${totalRelationships(expected)} relationships.`)
      expect((await snapshot(app.db)).counts).toEqual(expected)
    }, CLI_TIMEOUT)

    it('a second run reports everything unchanged, and node and relationship counts are identical', async () => {
      const before = await snapshot(app.db)
      const res = await runSeedCli([ARTICLE_ARG], uri)
      expect(res.code, res.stderr).toBe(0)
      const planLines = res.stdout.split('\n').filter((l) => /^ {2}\w+ +create /.test(l))
      expect(planLines).toEqual([
        '  topics        create 0, update 0, unchanged 10',
        '  actors        create 0, update 0, unchanged 27',
        '  documents     create 0, update 0, unchanged 8',
        '  statements    create 0, update 0, unchanged 19',
        '  affiliations  create 0, update 0, unchanged 18',
      ])
      expect(res.stdout).not.toContain('wrote ')
      const after = await snapshot(app.db)
      expect(after.counts.nodes).toEqual(before.counts.nodes)
      expect(after.counts.relationships).toEqual(before.counts.relationships)
      // Not even updatedAt moves: nothing was rewritten.
      expect(after).toEqual(before)
    }, CLI_TIMEOUT)

    it('--dry-run on an empty database reports "would create" and leaves it empty', async () => {
      await resetGraph(app.db)
      expect(totalNodes((await snapshot(app.db)).counts)).toBe(0)

      const res = await runSeedCli(['--dry-run', ARTICLE_ARG], uri)

      expect(res.code, res.stderr).toBe(0)
      expect(res.stdout).toContain('Dry run: nothing was written.')
      expect(res.stdout).toContain('  actors        would create 27, would update 0, unchanged 0')
      expect(res.stdout).toContain('  statements    would create 19, would update 0, unchanged 0')
      const after = await snapshot(app.db)
      expect(totalNodes(after.counts)).toBe(0)
      expect(totalRelationships(after.counts)).toBe(0)
    }, CLI_TIMEOUT)

    it('--dry-run --reset deletes nothing either', async () => {
      await seedFixture(app.db, 'articleFile', { by: 'seed-tests' })
      const before = await snapshot(app.db)
      const res = await runSeedCli(['--dry-run', '--reset', '--yes', ARTICLE_ARG], uri)
      expect(res.code, res.stderr).toBe(0)
      expect(res.stdout).not.toContain('Reset: deleted')
      expect(res.stdout).toContain('  actors        would create 0, would update 0, unchanged 27')
      expect(await snapshot(app.db)).toEqual(before)
    }, CLI_TIMEOUT)

    it('--dry-run with a changed record reports "would update 1" and writes nothing', async () => {
      const data = article()
      data.statements[3].targets[0].stance = 'neutral'
      const file = fx.write('cli-dry-changed.json', data)
      const before = await snapshot(app.db)
      const res = await runSeedCli(['--dry-run', file], uri)
      expect(res.code, res.stderr).toBe(0)
      expect(res.stdout).toContain('  statements    would create 0, would update 1, unchanged 18')
      expect(await snapshot(app.db)).toEqual(before)
      const [row] = await app.db.read('MATCH (:Statement {id: $id})-[r:ABOUT]->(:Actor {id: "tiktok"}) RETURN r.stance AS stance', { id: data.statements[3].id })
      expect(row?.stance).toBe('critical')
    }, CLI_TIMEOUT)
  })
})

function escape (text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
