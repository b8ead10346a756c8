// npm run seed -- [paths...] [--dry-run] [--reset [--yes]]
// Validates every file before writing a byte; writes what is new or changed in one transaction.
import { createInterface } from 'node:readline/promises'
import { Command } from 'commander'
import cliProgress from 'cli-progress'
import { connect } from './lib/connect.js'
import { loadConfig } from '../src/config.js'
import { countGraph, planTotal, resetGraph, writeGraphInBatches, type WritePlan } from '../src/repositories/writer.js'
import { formatIssue, loadSeed } from '../src/services/seed-files.js'
import { runCli } from './lib/run.js'

const SEED_TIMEOUT_MS = 600_000

function describePlan (plan: WritePlan, dryRun: boolean): string {
  const verb = dryRun ? 'would ' : ''
  return Object.entries(plan).map(([kind, p]) =>
    `  ${kind.padEnd(13)} ${verb}create ${p.create}, ${verb}update ${p.update}, unchanged ${p.unchanged}`).join('\n')
}

async function confirmReset (): Promise<boolean> {
  if (!process.stdin.isTTY) return false
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    const answer = await rl.question('--reset deletes every actor, statement, document and topic in the database. Continue? [y/N] ')
    return /^y(es)?$/i.test(answer.trim())
  } finally {
    rl.close()
  }
}

const program = new Command('seed')
  .description('Validate graph-seed files and load them into Neo4j (idempotent).')
  .argument('[paths...]', 'seed files or folders (default: graph-seed/)')
  .option('--dry-run', 'validate and report what would be created or changed, without writing')
  .option('--reset', 'delete the whole graph first (asks for confirmation unless --yes)')
  .option('-y, --yes', 'do not ask before --reset')
  .action(async (paths: string[], opts: { dryRun?: boolean, reset?: boolean, yes?: boolean }) => {
    const config = loadConfig()
    const { db, close } = await connect(config, (line) => console.error(line), SEED_TIMEOUT_MS)
    try {
      const started = Date.now()
      // References to ids declared in no file may name what the database holds, unless it is to be reset.
      const seed = await loadSeed(paths, opts.reset ? undefined : db)
      if (seed.issues.length > 0) {
        console.error(`Seed rejected: ${seed.issues.length} problem(s); nothing was written.`)
        for (const issue of seed.issues) console.error(`  ${formatIssue(issue)}`)
        process.exitCode = 1
        return
      }
      console.log(`Validated ${seed.files.length} file(s): ${seed.rows.actors.length} actors, ${seed.rows.documents.length} documents, ` +
        `${seed.rows.topics.length} topics, ${seed.rows.affiliations.length} affiliations, ${seed.rows.statements.length} statements.`)
      if (opts.reset && !opts.dryRun) {
        if (!opts.yes && !(await confirmReset())) {
          console.error('Reset not confirmed (pass --yes to skip the question); nothing was written.')
          process.exitCode = 1
          return
        }
        console.log(`Reset: deleted ${await resetGraph(db)} nodes.`)
      }
      const tty = process.stdout.isTTY
      let bar: cliProgress.SingleBar | undefined
      let written = 0
      // Bounded transactions: a file of any size loads on the default local Neo4j.
      const plan = await writeGraphInBatches(db, seed.rows, {
        by: 'seed-cli',
        dryRun: opts.dryRun ?? false,
        onPlan: (p) => {
          const total = planTotal(p)
          if (tty && !opts.dryRun && total > 0) {
            bar = new cliProgress.SingleBar({ format: 'writing [{bar}] {value}/{total} records' }, cliProgress.Presets.shades_classic)
            bar.start(total, 0)
          }
        },
        onProgress: (n) => {
          written += n
          if (bar) bar.update(written)
          else if (!opts.dryRun) console.log(`wrote ${written} records`)
        },
      })
      bar?.stop()
      console.log(opts.dryRun ? 'Dry run: nothing was written.' : `Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
      console.log(describePlan(plan, opts.dryRun ?? false))
      const counts = await countGraph(db)
      console.log('Database now holds: ' + Object.entries(counts.nodes).filter(([, n]) => n > 0).map(([l, n]) => `${n} ${l}`).join(', ') +
        '; ' + Object.values(counts.relationships).reduce((a, b) => a + b, 0) + ' relationships.')
    } finally {
      await close()
    }
  })

await runCli(program)
