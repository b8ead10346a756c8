// npm run restore -- FILE [--dry-run]
// Reads NDJSON in the import format (what npm run dump and GET /v1/export?format=ndjson write),
// validates every line with the seeding rules before writing anything, and writes it all in one
// transaction, or nothing: an invalid file exits 1 with one line per problem.
import { createReadStream } from 'node:fs'
import { access } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { Command } from 'commander'
import { connect } from './lib/connect.js'
import { loadConfig } from '../src/config.js'
import { writeGraph, planTotal } from '../src/repositories/writer.js'
import { existingInDb } from '../src/repositories/existing.js'
import { validateSeed, type SeedInput, type SeedIssue } from '../src/domain/validate.js'
import { oneLineError } from './errors.js'

const RESTORE_TIMEOUT_MS = 600_000
const SHOWN_ISSUES = 50

/** The file's lines as seed inputs named `FILE:N`; lines that are not JSON are issues already. */
async function readLines (file: string): Promise<{ inputs: SeedInput[], issues: SeedIssue[] }> {
  const inputs: SeedInput[] = []
  const issues: SeedIssue[] = []
  let n = 0
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    n++
    if (text.trim() === '') continue
    try {
      inputs.push({ file: `${file}:${n}`, data: JSON.parse(text) as unknown })
    } catch (err) {
      issues.push({ file: `${file}:${n}`, path: '$', reason: `is not valid JSON: ${(err as Error).message}` })
    }
  }
  return { inputs, issues }
}

const program = new Command('restore')
  .description('Validate an NDJSON dump and load it into Neo4j in one transaction (nothing is written when anything is invalid).')
  .argument('<file>', 'NDJSON written by npm run dump or GET /v1/export?format=ndjson')
  .option('--dry-run', 'validate and report, without writing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    try {
      await access(file)
      const { inputs, issues } = await readLines(file)
      if (inputs.length === 0 && issues.length === 0) throw new Error(`${file} holds no records`)
      const config = loadConfig()
      const { db, close } = await connect(config, (line) => console.error(line), RESTORE_TIMEOUT_MS)
      try {
        const result = await validateSeed(inputs, existingInDb(db))
        const all = [...issues, ...result.issues]
        if (all.length > 0) {
          console.error(`Restore rejected: ${all.length} problem(s); nothing was written.`)
          for (const issue of all.slice(0, SHOWN_ISSUES)) console.error(`  ${issue.file}: ${issue.path}: ${issue.reason}`)
          if (all.length > SHOWN_ISSUES) console.error(`  ... and ${all.length - SHOWN_ISSUES} more`)
          process.exitCode = 1
          return
        }
        const plan = await writeGraph(db, result.rows, { by: 'restore-cli', dryRun: opts.dryRun ?? false })
        console.log(`${opts.dryRun ? 'Dry run: would write' : 'Restored'} ${planTotal(plan)} records from ${inputs.length} lines ` +
          `(${Object.entries(plan).map(([k, p]) => `${k} ${p.create + p.update}`).join(', ')}).`)
      } finally {
        await close()
      }
    } catch (err) {
      console.error(`restore failed: ${oneLineError(err)}`)
      process.exitCode = 1
    }
  })

await program.parseAsync()
