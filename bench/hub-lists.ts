// npm run bench:hub -- [--statements 200000] [--rounds 5] [--pages 3]
//
// Actor-anchored statement lists (GET /v1/statements?about=, ?speaker=, /v1/actors/{id}/statements)
// for the hub (the most-discussed actor) and the mid-degree actor of a synthetic graph, read two
// ways in the same run, interleaved: "index" (what the API does: above INDEX_ORDER_MIN_DEGREE
// statements the list is read newest first from the date index) and "naive" (the walk over all the
// actor's relationships, sorted before a page is taken: the API before, kept for comparison).
// Timed at the repository, one page after another through the cursor (the HTTP layer around it
// is the same for both ways). Results: bench/results/hub-lists.{json,md}.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Command } from 'commander'
import { loadConfig } from '../src/config.js'
import { createDriver, Db } from '../src/db/db.js'
import { INDEX_ORDER_MIN_DEGREE, StatementsRepository, type StatementFilter } from '../src/repositories/statements.js'
import { ROOT, localInstance, seedSynthetic } from './lib/instances.js'
import { pickTargets } from './lib/targets.js'

const opts = new Command()
  .option('--statements <n>', 'synthetic statements in the graph', '200000')
  .option('--rounds <n>', 'interleaved rounds (each reads every case both ways)', '5')
  .option('--pages <n>', 'pages read one after another through the cursor, per case and round', '3')
  .option('--port <n>', 'Bolt port of the benchmark\'s own Neo4j', '7705')
  .option('--out <dir>', 'results folder', join(ROOT, 'bench', 'results'))
  .parse().opts<{ statements: string, rounds: string, pages: string, port: string, out: string }>()

const log = (line: string): void => { console.log(line) }
const statements = Number(opts.statements)
const instance = await localInstance({ port: Number(opts.port), home: `.neo4j/bench-hub-${statements}`, heap: '2g', pageCache: '1g' }, log)
try {
  await seedSynthetic(instance.uri, `hub-lists ${instance.uri}`, statements, log)
  const config = loadConfig({ ...process.env, NEO4J_URI: instance.uri })
  const driver = createDriver(config, instance.uri)
  const db = new Db(driver, config.NEO4J_DATABASE, 60_000)
  try {
    const targets = await pickTargets(db)
    log(`hub ${targets.hub.id} (about ${targets.hub.about}, said ${targets.hub.said}); mid ${targets.mid.id} (about ${targets.mid.about}, said ${targets.mid.said})`)
    const ways = { index: new StatementsRepository(db), naive: new StatementsRepository(db, Infinity, false) }
    const cases: Array<{ name: string, actor: 'hub' | 'mid', filter: StatementFilter }> = []
    for (const actor of ['hub', 'mid'] as const) {
      const id = targets[actor].id
      cases.push(
        { name: 'about', actor, filter: { about: [id] } },
        { name: 'about, critical', actor, filter: { about: [id], stance: 'critical' } },
        { name: 'about, 2021', actor, filter: { about: [id], since: '2021', until: '2021' } },
        { name: 'by', actor, filter: { speakers: [id] } }
      )
    }
    const pages = Number(opts.pages)
    const times = new Map<string, number[]>()
    const record = (key: string, ms: number): void => { times.set(key, [...(times.get(key) ?? []), ms]) }
    // Warm-up: every query planned and the pages in the page cache before anything is timed.
    for (const c of cases) for (const repo of Object.values(ways)) await repo.listIds(c.filter, { limit: 20 })
    for (let round = 0; round < Number(opts.rounds); round++) {
      for (const c of cases) {
        for (const [way, repo] of round % 2 === 0 ? Object.entries(ways) : Object.entries(ways).reverse()) {
          let cursor: string | undefined
          for (let p = 0; p < pages; p++) {
            const t = performance.now()
            const { next } = await repo.listIds(c.filter, { limit: 20, ...(cursor ? { cursor } : {}) })
            record(`${c.actor}|${c.name}|${way}`, performance.now() - t)
            if (!next) break
            cursor = next
          }
        }
      }
    }
    const p50 = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]! }
    const rows = cases.map((c) => {
      const ms = (actor: string, way: string) => p50(times.get(`${actor}|${c.name}|${way}`) ?? [NaN])
      return { actor: c.actor, case: c.name, index: ms(c.actor, 'index'), naive: ms(c.actor, 'naive') }
    })
    const result = {
      date: new Date().toISOString(),
      statements,
      threshold: INDEX_ORDER_MIN_DEGREE,
      rounds: Number(opts.rounds),
      pages,
      hub: targets.hub,
      mid: targets.mid,
      rows,
    }
    mkdirSync(opts.out, { recursive: true })
    writeFileSync(join(opts.out, 'hub-lists.json'), JSON.stringify(result, null, 2) + '\n')
    const mid = (name: string) => rows.find((r) => r.actor === 'mid' && r.case === name)!
    const md = [
      '# Actor-anchored lists: the hub against a mid-degree actor',
      '',
      `${statements} synthetic statements; hub \`${targets.hub.id}\` (${targets.hub.about} statements about it, ${targets.hub.said} by it), mid-degree \`${targets.mid.id}\` (${targets.mid.about} about, ${targets.mid.said} by). `,
      `p50 of one page of 20 (pages 1 to ${pages} through the cursor), ${opts.rounds} interleaved rounds, timed at the repository (\`npm run bench:hub -- --statements ${statements}\`, ${result.date}). `,
      `"index": the API (above ${INDEX_ORDER_MIN_DEGREE} statements, newest first from the date index); "naive": the walk over every relationship of the actor, sorted before the page.`,
      '',
      '| actor | list | index p50 ms | naive p50 ms | naive / index | index: hub / mid |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      ...rows.map((r) => `| ${r.actor} | ${r.case} | ${r.index.toFixed(1)} | ${r.naive.toFixed(1)} | ${(r.naive / r.index).toFixed(1)}x | ${r.actor === 'hub' ? `${(r.index / mid(r.case).index).toFixed(1)}x` : ''} |`),
      '',
    ].join('\n')
    writeFileSync(join(opts.out, 'hub-lists.md'), md)
    log(md)
  } finally {
    await driver.close()
  }
} finally {
  await instance.stop()
}
