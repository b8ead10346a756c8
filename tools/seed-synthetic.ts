// npm run seed:synthetic -- --statements N [--seed 42] [--batch 5000] [--writers 2] [--reset] [--if-size-differs]
// Loads a deterministic synthetic graph (ids prefixed syn-) for load tests and benchmarks,
// streaming it in batches through the same writer as `npm run seed`: one transaction per batch
// (tools/synthetic/load.ts), two at a time by default.
import { readFileSync } from 'node:fs'
import { Command, InvalidArgumentError } from 'commander'
import cliProgress from 'cli-progress'
import { connect } from './lib/connect.js'
import { loadConfig } from '../src/config.js'
import { statusLocalNeo4j } from '../src/local-neo4j/launcher.js'
import { countGraph, deleteNodes, resetGraph, type GraphCounts } from '../src/repositories/writer.js'
import type { Db } from '../src/db/db.js'
import { countStatementsWithPrefix } from '../src/repositories/existing.js'
import { runCli } from './lib/run.js'
import {
  MAX_SYNTHETIC_STATEMENTS, SYNTHETIC_PREFIX, planSynthetic, type SyntheticBatch, type SyntheticPhase,
} from './synthetic/generate.js'
import { loadSynthetic } from './synthetic/load.js'

const TIMEOUT_MS = 600_000
const PLAIN_PROGRESS_EVERY = 50_000
const WRITER = 'seed-synthetic'

function integer (min: number, max: number) {
  return (value: string): number => {
    const n = Number(value)
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}.`)
    }
    return n
  }
}

async function countSynthetic (db: Db): Promise<number> {
  return countStatementsWithPrefix(db, SYNTHETIC_PREFIX)
}

/** Deletes the synthetic nodes only (curated data stays). */
function deleteSynthetic (db: Db): Promise<number> {
  return deleteNodes(db, SYNTHETIC_PREFIX)
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`

/** Resident set size of another process (Linux /proc), or null where unavailable. */
function processRss (pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : null
  } catch {
    return null
  }
}

function describeCounts (counts: GraphCounts): string {
  const part = (record: Record<string, number>): string =>
    Object.entries(record).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'
  return `  nodes:         ${part(counts.nodes)}\n  relationships: ${part(counts.relationships)}`
}

interface Options { statements: number, seed: number, batch: number, writers: number, reset?: boolean, ifSizeDiffers?: boolean }

const program = new Command('seed:synthetic')
  .description('Load a deterministic synthetic graph (ids prefixed syn-) for load tests and benchmarks.')
  .requiredOption('--statements <n>', `number of statements (1 to ${MAX_SYNTHETIC_STATEMENTS})`, integer(1, MAX_SYNTHETIC_STATEMENTS))
  .option('--seed <n>', 'seed of the random generator: the same seed and size give the same graph', integer(0, 2 ** 32 - 1), 42)
  .option('--batch <n>', 'statements (or other rows) per write transaction', integer(1, 100_000), 5000)
  .option('--writers <n>', 'write transactions in flight at once within a phase (with more than one, statement links go last)', integer(1, 4), 2)
  .option('--reset', 'delete the whole graph (curated data included) before loading')
  .option('--if-size-differs', 'do nothing when the database already holds exactly this many syn- statements')
  .action(async (opts: Options) => {
    const started = performance.now()
    let peakRss = process.memoryUsage.rss()
    const sampleRss = (): void => { peakRss = Math.max(peakRss, process.memoryUsage.rss()) }
    const sampler = setInterval(sampleRss, 250)
    sampler.unref()

    const config = loadConfig()
    const plan = planSynthetic(opts.statements, opts.seed)
    const { db, close } = await connect(config, (line) => console.error(line), TIMEOUT_MS)
    try {
      const existing = await countSynthetic(db)
      if (opts.ifSizeDiffers && existing === opts.statements) {
        console.log(`The database already holds ${existing} synthetic statements; nothing loaded (--if-size-differs). ` +
          'Only the count is compared, not the seed.')
        console.log('Database holds:\n' + describeCounts(await countGraph(db)))
        return
      }
      if (opts.ifSizeDiffers) console.log(`The database holds ${existing} synthetic statements, not ${opts.statements}: loading.`)
      const clearing = performance.now()
      const took = (): string => `${((performance.now() - clearing) / 1000).toFixed(1)} s`
      if (opts.reset) {
        console.log(`Reset: deleted ${await resetGraph(db)} nodes in ${took()}.`)
      } else {
        // A previous synthetic graph (another size or seed) would mix with this one: remove it.
        const removed = await deleteSynthetic(db)
        if (removed > 0) console.log(`Removed the previous synthetic graph: ${removed} syn- nodes in ${took()}.`)
      }
      console.log(`Generating seed ${plan.seed}: ${plan.statements} statements, ${plan.actors} actors, ${plan.documents} documents, ` +
        `${plan.topics} topics, in batches of ${opts.batch}.`)

      const loadStarted = performance.now()
      const written: Record<SyntheticPhase | 'links', number> = { topics: 0, actors: 0, documents: 0, affiliations: 0, statements: 0, links: 0 }
      const totals: Partial<Record<SyntheticPhase, number>> = { actors: plan.actors, documents: plan.documents, statements: plan.statements }
      const phaseStarted: Partial<Record<SyntheticPhase, number>> = {}
      const tty = process.stdout.isTTY
      let bar: cliProgress.SingleBar | undefined
      let nextLine = PLAIN_PROGRESS_EVERY
      let current: SyntheticPhase | undefined

      const finishPhase = (phase: SyntheticPhase): void => {
        bar?.stop()
        bar = undefined
        const seconds = (performance.now() - phaseStarted[phase]!) / 1000
        console.log(`${phase}: ${written[phase]} written in ${seconds.toFixed(1)} s` +
          (phase === 'statements' ? ` (${written.links} statement links)` : ''))
      }
      // Called before a batch's write starts: the previous phase's writes are all done by then.
      const beginBatch = (batch: SyntheticBatch): void => {
        if (batch.phase === current) return
        if (current) finishPhase(current)
        current = batch.phase
        phaseStarted[current] = performance.now()
        const total = totals[current]
        if (tty && total !== undefined) {
          bar = new cliProgress.SingleBar({
            format: `${current.padEnd(12)} [{bar}] {percentage}% {value}/{total} | {rate}/s | rss {rss}`,
          }, cliProgress.Presets.shades_classic)
          bar.start(total, 0, { rate: 0, rss: mb(peakRss) })
        }
      }
      const onWritten = (batch: SyntheticBatch): void => {
        sampleRss()
        written[batch.phase] += batch.count
        written.links += batch.links
        const seconds = (performance.now() - phaseStarted[batch.phase]!) / 1000
        const rate = Math.round(written[batch.phase] / Math.max(seconds, 0.001))
        if (bar) {
          bar.update(written[batch.phase], { rate, rss: mb(process.memoryUsage.rss()) })
        } else if (batch.phase === 'statements' && (written.statements >= nextLine || written.statements === plan.statements)) {
          while (nextLine <= written.statements) nextLine += PLAIN_PROGRESS_EVERY
          console.log(`statements ${written.statements}/${plan.statements} (${(100 * written.statements / plan.statements).toFixed(0)}%), ` +
            `${rate}/s, rss ${mb(process.memoryUsage.rss())}`)
        }
      }

      await loadSynthetic(db, { statements: plan.statements, seed: plan.seed, batchSize: opts.batch, writers: opts.writers, by: WRITER },
        { beginBatch, onWritten })
      if (current) finishPhase(current)
      sampleRss()

      const now = performance.now()
      const elapsed = (now - started) / 1000
      const loadSeconds = (now - loadStarted) / 1000
      const statementSeconds = (now - phaseStarted.statements!) / 1000
      console.log(`\nSynthetic graph (seed ${plan.seed}) written in ${loadSeconds.toFixed(1)} s (${elapsed.toFixed(1)} s with connecting and clearing):`)
      console.log(`  written:        ${written.topics} topics, ${written.actors} actors, ${written.documents} documents, ` +
        `${written.affiliations} affiliations, ${written.statements} statements, ${written.links} statement links`)
      console.log(`  statements/s:   ${Math.round(written.statements / loadSeconds)} over the whole load, ` +
        `${Math.round(written.statements / statementSeconds)} in the statements phase`)
      console.log(`  peak RSS:       ${mb(peakRss)} (this Node process)`)
      if (!config.NEO4J_URI) {
        const { pid } = await statusLocalNeo4j(config.NEO4J_LOCAL_HOME, config.NEO4J_LOCAL_PORT)
        const rss = pid === null ? null : processRss(pid)
        if (rss !== null) console.log(`  Neo4j RSS:      ${mb(rss)} (local server, pid ${pid})`)
      }
      console.log('Database now holds:\n' + describeCounts(await countGraph(db)))
    } finally {
      clearInterval(sampler)
      await close()
    }
  })

await runCli(program)
