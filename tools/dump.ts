// npm run dump -- --out FILE [--speaker ids] [--about ids] [--topic ids] [--document ids] [--stance s] [--since d] [--until d] [--include-affiliates]
// Writes the graph (or the subgraph the filters select) as NDJSON in the import format, the same
// bytes GET /v1/export?format=ndjson streams, straight from the database. The file appears under
// its name only once complete (written beside it, then renamed).
import { createWriteStream, renameSync, rmSync } from 'node:fs'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Command } from 'commander'
import { connect } from './lib/connect.js'
import { loadConfig } from '../src/config.js'
import { ExportRepository } from '../src/repositories/export.js'
import { StatementsRepository } from '../src/repositories/statements.js'
import { ndjson } from '../src/formats/ndjson.js'
import { oneLineError } from './errors.js'

// A dump pages through the graph in short reads; each still gets the seeding CLI's allowance.
const DUMP_TIMEOUT_MS = 600_000

const ids = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean)

const program = new Command('dump')
  .description('Write the graph (or a filtered subgraph) as NDJSON that npm run restore and POST /v1/import read.')
  .requiredOption('--out <file>', 'the file to write')
  .option('--speaker <ids>', 'only statements by these actors (comma-separated)')
  .option('--about <ids>', 'only statements about these actors')
  .option('--topic <ids>', 'only statements on these topics')
  .option('--document <ids>', 'only statements reported in or first made in these documents')
  .option('--stance <stance>', 'only statements with this stance')
  .option('--since <date>', 'only statements made on or after this date')
  .option('--until <date>', 'only statements made on or before this date')
  .option('--include-affiliates', 'widen --speaker and --about to the actors\' affiliates')
  .action(async (opts: Record<string, string | boolean | undefined>) => {
    const out = String(opts.out)
    const partial = `${out}.partial`
    try {
      const config = loadConfig()
      const { db, close } = await connect(config, (line) => console.error(line), DUMP_TIMEOUT_MS)
      try {
        const repo = new ExportRepository(db, new StatementsRepository(db))
        const source = await repo.source({
          speakers: ids(opts.speaker as string | undefined),
          about: ids(opts.about as string | undefined),
          topics: ids(opts.topic as string | undefined),
          documents: ids(opts.document as string | undefined),
          stance: opts.stance as string | undefined,
          since: opts.since as string | undefined,
          until: opts.until as string | undefined,
          includeAffiliates: opts.includeAffiliates === true,
        })
        let lines = 0
        const count = new Transform({
          transform (chunk: Buffer | string, _enc, done) {
            const text = String(chunk)
            for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++
            done(null, chunk)
          },
        })
        await pipeline(Readable.from(ndjson(source)), count, createWriteStream(partial))
        renameSync(partial, out)
        console.log(`Wrote ${lines} records to ${out}.`)
      } finally {
        await close()
      }
    } catch (err) {
      rmSync(partial, { force: true })
      console.error(`dump failed: ${oneLineError(err)}`)
      process.exitCode = 1
    }
  })

await program.parseAsync()
