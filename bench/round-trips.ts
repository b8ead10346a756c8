// bench:round-trips (issue 12 point 3): what one request to each read endpoint costs the API
// process in CPU, before and after the reads became one query each (page, hydration and the 404
// check in one Cypher query; integers as plain numbers; notifications off). Both builds run side
// by side against the same Neo4j and the same synthetic graph, and are measured in alternating
// rounds, so the before/after ratio comes from one run on one machine.
//
//   npm run bench:round-trips -- [--before <commit>] [--statements 20000] [--requests 200] [--rounds 4]
//
// "before" is built from `git archive <commit>` into node_modules/.cache/ (never the work tree).
// CPU is user + system time of the API process from /proc (10 ms ticks), divided by requests.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Command } from 'commander'
import neo4j from 'neo4j-driver'
import { Db } from '../src/db/db.js'
import { ensureBuilt, startApi, type ApiProcess } from './lib/api.js'
import { ROOT, localInstance, seedSynthetic } from './lib/instances.js'
import { cpuMsOf, runCommand } from './lib/proc.js'
import { pickTargets } from './lib/targets.js'

const program = new Command('bench:round-trips')
  .option('--before <commit>', 'the build to compare with (default: the last commit before the one-query reads)', 'aab4d09')
  .option('--statements <n>', 'synthetic statements in the graph', '20000')
  .option('--requests <n>', 'sequential requests per endpoint, build and round', '200')
  .option('--rounds <n>', 'alternating rounds per endpoint', '4')
  .option('--port <n>', 'the local Neo4j for this bench', '7706')
  .option('--home <dir>', 'its home', '.neo4j/bench-round-trips')
  .option('--only <words>', 'only the endpoints whose title contains one of these (comma-separated)')
  .option('--out <dir>', 'where the results go', 'bench/results')
program.parse()
const opts = program.opts<{ before: string, statements: string, requests: string, rounds: string, port: string, home: string, out: string, only?: string }>()
const requests = Number(opts.requests)
const rounds = Number(opts.rounds)
const log = (line: string) => console.log(line)

/** The earlier commit's src/ built into node_modules/.cache/whosaid-before-<commit>/dist. */
async function buildBefore (commit: string): Promise<string> {
  const sha = execFileSync('git', ['rev-parse', '--short', commit], { cwd: ROOT, encoding: 'utf8' }).trim()
  const dir = join(ROOT, 'node_modules', '.cache', `whosaid-before-${sha}`)
  const entry = join(dir, 'dist', 'src', 'start.js')
  if (existsSync(entry)) return entry
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  execFileSync('sh', ['-c', `git archive ${sha} src tsconfig.json tsconfig.build.json package.json | tar -x -C "${dir}"`], { cwd: ROOT })
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  log(`Building ${sha} in ${dir} ...`)
  const built = await runCommand('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', join(dir, 'dist')], { ...process.env }, undefined, dir)
  if (!existsSync(entry)) throw new Error(`building ${sha} failed:\n${built.output.slice(0, 2000)}`)
  return entry
}

interface Sample { cpuMs: number, requests: number, wallMs: number, queries: number | null }

async function hit (api: ApiProcess, path: string): Promise<number | null> {
  const res = await fetch(api.base + path)
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`)
  await res.arrayBuffer()
  const m = /desc="(\d+) quer/.exec(res.headers.get('server-timing') ?? '')
  return m ? Number(m[1]) : null
}

async function measure (api: ApiProcess, path: string, n: number): Promise<Sample> {
  const cpu0 = cpuMsOf(api.child.pid)!
  const t0 = performance.now()
  let queries: number | null = null
  for (let i = 0; i < n; i++) queries = await hit(api, path)
  return { cpuMs: cpuMsOf(api.child.pid)! - cpu0, requests: n, wallMs: performance.now() - t0, queries }
}

const instance = await localInstance({ port: Number(opts.port), home: opts.home, heap: '2g', pageCache: '1g' }, log)
const apis: ApiProcess[] = []
try {
  const load = await seedSynthetic(instance.uri, 'round-trips', Number(opts.statements), log)
  log(`graph: ${opts.statements} synthetic statements (${load.reused ? 'reused' : `loaded in ${load.loadSeconds ?? '?'} s`})`)
  const driver = neo4j.driver(instance.uri, neo4j.auth.basic('neo4j', ''))
  const targets = await pickTargets(new Db(driver, 'neo4j', 60_000))
  await driver.close()
  const mode = await ensureBuilt(log)
  const beforeEntry = await buildBefore(opts.before)
  const before = await startApi(mode, instance.uri, {}, beforeEntry)
  const after = await startApi(mode, instance.uri)
  apis.push(before, after)
  const enc = encodeURIComponent
  const { mid, mid2, hub, word } = targets
  const paths: Array<[string, string]> = [
    ['statements about an actor', `/v1/statements?about=${enc(mid.id)}`],
    ['statements by a speaker, critical, since 2020', `/v1/statements?speaker=${enc(mid.id)}&stance=critical&since=2020`],
    ['what an actor said', `/v1/actors/${enc(mid.id)}/statements`],
    ['what was said about an actor', `/v1/actors/${enc(mid.id)}/mentions`],
    ['what was said about the hub', `/v1/actors/${enc(hub.id)}/mentions`],
    ['who said what about an actor', `/v1/who-said-what-about/${enc(mid.id)}`],
    ['who said what about the hub', `/v1/who-said-what-about/${enc(hub.id)}`],
    ['one actor', `/v1/actors/${enc(mid.id)}`],
    ['stance matrix of two speakers', `/v1/stance-matrix?speakers=${enc(mid.id)},${enc(mid2.id)}`],
    ['stance timeline of a pair', `/v1/stance-timeline?speaker=${enc(mid.id)}&target=${enc(mid2.id)}`],
    ['paths between two actors', `/v1/paths?from=${enc(mid.id)}&to=${enc(mid2.id)}&maxHops=2`],
    ['neighbourhood, depth 1', `/v1/graph/neighbourhood/${enc(mid.id)}`],
    ['full-text search', `/v1/search?q=${enc(word)}`],
  ]
  if (targets.document) paths.push(['one document', `/v1/documents/${enc(targets.document)}`])
  log(`targets: mid ${mid.id} (said ${mid.said}, about ${mid.about}), second ${mid2.id}, hub ${hub.id} (about ${hub.about}), word "${word}"`)
  const rows = []
  const only = opts.only?.split(',').map((w) => w.trim()).filter(Boolean)
  for (const [title, path] of paths.filter(([title]) => !only || only.some((w) => title.includes(w)))) {
    // warm both: plans cached, JIT warm, degree caches filled
    for (const api of apis) await measure(api, path, 20)
    const samples: Record<'before' | 'after', Sample[]> = { before: [], after: [] }
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? [['before', before], ['after', after]] as const : [['after', after], ['before', before]] as const
      for (const [name, api] of order) samples[name].push(await measure(api, path, requests))
    }
    const per = (list: Sample[]) => list.reduce((a, s) => a + s.cpuMs, 0) / list.reduce((a, s) => a + s.requests, 0)
    const wall = (list: Sample[]) => list.reduce((a, s) => a + s.wallMs, 0) / list.reduce((a, s) => a + s.requests, 0)
    const row = {
      title,
      path,
      queriesAfter: samples.after.at(-1)!.queries,
      cpuMsBefore: per(samples.before),
      cpuMsAfter: per(samples.after),
      cpuRatio: per(samples.after) / per(samples.before),
      wallMsBefore: wall(samples.before),
      wallMsAfter: wall(samples.after),
    }
    rows.push(row)
    log(`  ${title.padEnd(46)} CPU ms/request ${row.cpuMsBefore.toFixed(2)} -> ${row.cpuMsAfter.toFixed(2)} (x${row.cpuRatio.toFixed(2)}); wall ${row.wallMsBefore.toFixed(2)} -> ${row.wallMsAfter.toFixed(2)} ms; ${row.queriesAfter ?? '?'} query after`)
  }
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
  const dirty = execFileSync('git', ['status', '--porcelain', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim() !== ''
  const result = { at: new Date().toISOString(), before: opts.before, after: `${head}${dirty ? ' + uncommitted src/' : ''}`, statements: Number(opts.statements), requests, rounds, targets: { mid: mid.id, mid2: mid2.id, hub: hub.id, word }, rows }
  const md = `# Round trips: API CPU per request, before and after one query per read

\`npm run bench:round-trips -- --statements ${opts.statements} --requests ${requests} --rounds ${rounds}\`, ${result.at.slice(0, 10)}.
Before: \`${opts.before}\`; after: \`${result.after}\`. Both API builds ran side by side against one local
Neo4j holding ${opts.statements} synthetic statements, one request at a time, in ${rounds} alternating rounds of
${requests} requests per endpoint (after 20 warm-up requests each). CPU: user + system time of the API
process (/proc, 10 ms ticks) per request. Wall: the client's mean time per request.
Targets: mid-degree actor \`${mid.id}\` (said ${mid.said}, about ${mid.about}), second \`${mid2.id}\`, hub \`${hub.id}\` (about ${hub.about}).

| endpoint | queries after | CPU ms/req before | after | after/before | wall ms before | after |
|---|---|---|---|---|---|---|
${rows.map((r) => `| ${r.title} | ${r.queriesAfter ?? '?'} | ${r.cpuMsBefore.toFixed(2)} | ${r.cpuMsAfter.toFixed(2)} | ${r.cpuRatio.toFixed(2)} | ${r.wallMsBefore.toFixed(2)} | ${r.wallMsAfter.toFixed(2)} |`).join('\n')}
`
  const out = resolve(ROOT, opts.out)
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'round-trips.json'), JSON.stringify(result, null, 2) + '\n')
  writeFileSync(join(out, 'round-trips.md'), md)
  log(`wrote ${opts.out}/round-trips.md and .json`)
} finally {
  for (const api of apis) await api.child.stop()
  await instance.stop()
}
