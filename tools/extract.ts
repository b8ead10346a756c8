// npm run extract -- FILE.txt [--id ID] [--title T] [--date D] [--url U] [--kind K] [--out graph-seed/NAME.json] [--force]
// Drafts statements from an article against the actors the database holds, and writes them as a
// seed file for review: the text goes under documents/ next to the seed file (the document's
// textFile), every point to review is a `note`. Then `npm run seed -- --dry-run OUT` and
// `npm run seed -- OUT`. Writes nothing to the database.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, join, relative, resolve } from 'node:path'
import { Command, InvalidArgumentError } from 'commander'
import { connect } from './lib/connect.js'
import { runCli } from './lib/run.js'
import { loadConfig } from '../src/config.js'
import { DOCUMENT_KINDS, SLUG_PATTERN } from '../src/domain/seed-model.js'
import { slugify, type DraftStatement } from '../src/extract/index.js'
import { projectRoot } from '../src/lib/paths.js'
import { draftDocument, type DraftInput } from '../src/services/drafting.js'
import { formatIssue, loadSeed } from '../src/services/seed-files.js'

/** Below this a drafted statement is marked for review (a weak cue, an inherited or unresolved speaker). */
const LOW_CONFIDENCE = 0.6

class CliError extends Error {}

function option (pattern: RegExp, what: string) {
  return (value: string): string => {
    if (!pattern.test(value)) throw new InvalidArgumentError(`not ${what}`)
    return value
  }
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s)
const joinNotes = (...notes: Array<string | undefined>) => {
  const text = notes.filter(Boolean).join(' ')
  return text ? clip(text, 10_000) : undefined
}

interface Options { id?: string, title?: string, date?: string, url?: string, kind?: DraftInput['kind'], out?: string, force?: boolean }

const program = new Command('extract')
  .description('Draft statements from an article (a UTF-8 .txt file) into a graph-seed file for review.')
  .argument('<file>', 'the article text')
  .option('--id <id>', 'document id (default: a slug of the file name)', option(new RegExp(SLUG_PATTERN), 'a slug id like my-article-2024'))
  .option('--title <title>', 'document title (default: the first line of the text)')
  .option('--date <date>', 'document date: YYYY, YYYY-MM or YYYY-MM-DD', option(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD'))
  .option('--url <url>', 'where the document is published', option(/^https?:\/\/\S+$/, 'an http(s) URL'))
  .option('--kind <kind>', `document kind: ${DOCUMENT_KINDS.join(', ')}`, option(new RegExp(`^(?:${DOCUMENT_KINDS.join('|')})$`), `one of ${DOCUMENT_KINDS.join(', ')}`))
  .option('--out <file>', 'the seed file to write (default: graph-seed/ID.json)')
  .option('--force', 'overwrite the seed file and its text if they exist')
  .action(async (file: string, opts: Options) => {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (err) {
      throw new CliError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`)
    }
    if (text.trim() === '') throw new CliError(`${file} holds no text; nothing to draft.`)
    const id = opts.id ?? slugify(basename(file, extname(file)))
    const out = resolve(opts.out ?? join(projectRoot(), 'graph-seed', `${id}.json`))
    const textRel = `documents/${id}.txt`
    const textPath = join(dirname(out), textRel)
    const sameText = resolve(file) === textPath
    for (const p of [out, ...(sameText ? [] : [textPath])]) {
      if (existsSync(p) && !opts.force) throw new CliError(`${relative(process.cwd(), p)} exists; pass --force to overwrite it.`)
    }

    const config = loadConfig()
    const { db, close } = await connect(config, (line) => console.error(line))
    try {
      const result = await draftDocument(db, {
        text,
        documentId: id,
        ...(opts.title ? { title: opts.title } : {}),
        ...(opts.date ? { date: opts.date } : {}),
        ...(opts.url ? { url: opts.url } : {}),
        ...(opts.kind ? { kind: opts.kind } : {}),
      })
      const { seed, statements, actors } = result
      const proposed = new Set(actors.filter((a) => a.status === 'proposed').map((a) => a.id))
      // buildSeed keeps, in order, the statements whose speakers are all resolved
      const usable = statements.filter((s) => s.speakers.length > 0 && s.speakers.every((sp) => sp.actor))
      const unresolved = statements.filter((s) => !usable.includes(s))
      const low: Array<{ id: string, s: DraftStatement }> = []
      const seedStatements = seed.statements.map((st, i) => {
        const s = usable[i]!
        const notes: string[] = []
        if (s.confidence < LOW_CONFIDENCE) {
          low.push({ id: st.id, s })
          notes.push(`Review: low confidence (${s.confidence}, rule ${s.rule}).`)
        }
        const newSpeakers = s.speakers.filter((sp) => sp.actor && proposed.has(sp.actor)).map((sp) => sp.actor!)
        if (newSpeakers.length) notes.push(`Review: proposed new actor(s) ${newSpeakers.join(', ')}; check against the database before loading.`)
        notes.push('Drafted by npm run extract: check speakers, targets, stance, date and topics.')
        const note = joinNotes(st.note, ...notes)
        return { ...st, ...(note ? { note } : {}) }
      })
      const [doc] = seed.documents
      const { text: _text, ...docFields } = doc!
      const docNote = joinNotes(
        `Drafted by npm run extract from ${basename(file)}.`,
        proposed.size ? `Proposed actors (new to the database): ${[...proposed].join(', ')}.` : undefined,
        unresolved.length
          ? `Unresolved speakers: ${unresolved.length} drafted statement(s) left out, since no speaker could be resolved: ${unresolved.map((s) => `“${clip(s.evidence.text, 80)}” (${s.evidence.start}–${s.evidence.end})`).join('; ')}.`
          : undefined
      )
      const schemaPath = relative(dirname(out), join(projectRoot(), 'graph-seed', 'schema', 'graph-seed.schema.json')).split('\\').join('/')
      const seedFile = {
        $schema: schemaPath.startsWith('.') ? schemaPath : `./${schemaPath}`,
        documents: [{ ...docFields, textFile: textRel, ...(docNote ? { note: docNote } : {}) }],
        actors: seed.actors,
        affiliations: [],
        topics: [],
        statements: seedStatements,
      }
      mkdirSync(dirname(textPath), { recursive: true })
      if (!sameText) writeFileSync(textPath, text)
      writeFileSync(out, JSON.stringify(seedFile, null, 2) + '\n')

      const byType = new Map<string, number>()
      for (const s of statements) byType.set(s.attribution, (byType.get(s.attribution) ?? 0) + 1)
      const speakers = new Map<string, boolean>()
      for (const s of statements) for (const sp of s.speakers) if (sp.actor) speakers.set(sp.actor, sp.matched)
      const matched = [...speakers].filter(([, m]) => m).map(([a]) => a)
      const fresh = [...speakers].filter(([, m]) => !m).map(([a]) => a)
      const cwd = process.cwd()
      console.log(`Drafted ${statements.length} statement(s) from ${file}: ` +
        ([...byType].map(([t, n]) => `${n} ${t}`).join(', ') || 'none'))
      console.log(`Speakers: ${matched.length} matched (${matched.join(', ') || '-'}), ${fresh.length} new (${fresh.join(', ') || '-'})`)
      console.log(`Low confidence (< ${LOW_CONFIDENCE}): ${low.length}` + low.map(({ id, s }) => `\n  ${id} ${s.confidence} ${s.attribution} “${clip(s.text, 60)}”`).join(''))
      if (unresolved.length) console.log(`Left out (no resolved speaker): ${unresolved.length}` + unresolved.map((s) => `\n  ${s.evidence.start}-${s.evidence.end} “${clip(s.evidence.text, 60)}”`).join(''))
      console.log(`Wrote ${relative(cwd, out)} (${seedStatements.length} statements, ${seed.actors.length} proposed actors)` +
        (sameText ? '' : ` and ${relative(cwd, textPath)}`))
      const check = await loadSeed([out], db)
      const mine = check.issues.filter((i) => resolve(i.file) === out)
      if (mine.length) {
        console.log(`It does not validate yet: ${mine.length} problem(s)`)
        for (const issue of mine) console.log(`  ${formatIssue(issue)}`)
      } else {
        console.log(`Review the notes, then: npm run seed -- --dry-run ${relative(cwd, out)}   and   npm run seed -- ${relative(cwd, out)}`)
      }
    } finally {
      await close()
    }
  })

try {
  await runCli(program)
} catch (err) {
  if (!(err instanceof CliError)) throw err
  console.error(err.message)
  process.exit(1)
}
