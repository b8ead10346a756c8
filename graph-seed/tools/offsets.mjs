#!/usr/bin/env node
// Evidence-offset helper for whosaid graph-seed files. Plain Node ESM, no dependencies.
//
// Offsets are Unicode code-point indices into the document text exactly as it is on
// disk (start inclusive, end exclusive). "before"/"after" are up to CONTEXT code points
// immediately around the span.
//
// Usage:
//   node tools/offsets.mjs find <phrase> [--to <endPhrase>] [--nth <n>] [--doc <file.txt>]
//       Locate <phrase> (the n-th occurrence, 1-based; default: must be unique) and print an
//       evidence object. With --to, the span runs from the start of <phrase> to the end of
//       the first occurrence of <endPhrase> after it.
//   node tools/offsets.mjs at <start> <end> [--doc <file.txt>]
//       Print the evidence object for an explicit span.
//   node tools/offsets.mjs --fill [seed.json]
//       For every statement evidence, (re)compute start/end/before/after from evidence.text
//       (which must occur exactly once in the document, or nearest to an existing start) and
//       rewrite the JSON file.
//   node tools/offsets.mjs --check [seed.json]
//       Validate the seed file: evidence offsets/text/context, id syntax and uniqueness,
//       referential integrity, enums, dates, no nulls, unknown keys. Exit code 1 on errors.
//
// Default seed file: ../tiktok-on-defense-2022.json relative to this script.

import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, resolve, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const DEFAULT_SEED = resolve(here, '..', 'tiktok-on-defense-2022.json')
const DEFAULT_DOC = resolve(here, '..', 'documents', 'tiktok-on-defense-2022.txt')

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const DATE_RE = { year: /^\d{4}$/, month: /^\d{4}-\d{2}$/, day: /^\d{4}-\d{2}-\d{2}$/ }
// The enums and the evidence context come from the graph-seed JSON Schema, which `npm run
// seed:schema` writes from the TypeBox model (src/domain/seed-model.ts): one source, no copies.
const SCHEMA = JSON.parse(readFileSync(resolve(here, '..', 'schema', 'graph-seed.schema.json'), 'utf8'))
const items = (name) => SCHEMA.properties[name].items.properties
const literals = (schema) => schema.anyOf.map((s) => s.const)
const ENUMS = {
  documentKind: literals(items('documents').kind),
  precision: literals(items('documents').datePrecision),
  actorKind: literals(items('actors').kind),
  affiliationType: literals(items('affiliations').type),
  attribution: literals(items('statements').attribution),
  stance: literals(items('statements').targets.items.properties.stance),
  linkType: literals(items('statements').links.items.properties.type),
}
// before/after hold up to CONTEXT code points; their maxLength counts UTF-16 units, twice that.
const CONTEXT = items('statements').reportedIn.properties.evidence.properties.before.maxLength / 2

const KEYS = {
  root: { required: ['documents', 'actors', 'affiliations', 'topics', 'statements'], optional: ['$schema'] },
  document: { required: ['id', 'title', 'kind', 'datePrecision'], optional: ['publisher', 'authors', 'addressees', 'date', 'url', 'textFile', 'note'] },
  actor: { required: ['id', 'name', 'kind', 'aliases', 'description'], optional: [] },
  affiliation: { required: ['actor', 'organisation', 'type', 'role'], optional: ['since', 'until'] },
  topic: { required: ['id', 'name'], optional: [] },
  statement: { required: ['id', 'speakers', 'attribution', 'verb', 'text', 'datePrecision', 'targets', 'topics', 'reportedIn'], optional: ['date', 'originalDocument', 'links', 'note'] },
  speaker: { required: ['actor', 'role'], optional: [] },
  target: { required: ['actor', 'stance'], optional: [] },
  reportedIn: { required: ['document', 'evidence'], optional: [] },
  evidence: { required: ['start', 'end', 'text', 'before', 'after'], optional: [] },
  link: { required: ['type', 'statement'], optional: [] },
}

// ---------- code-point helpers ----------

const cps = (s) => Array.from(s)

/** Code-point index of every occurrence of needle in hay (both code-point arrays). */
function occurrences (hay, needle) {
  const out = []
  if (needle.length === 0) return out
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((c, j) => hay[i + j] === c)) out.push(i)
  }
  return out
}

function evidenceAt (hay, start, end) {
  return {
    start,
    end,
    text: hay.slice(start, end).join(''),
    before: hay.slice(Math.max(0, start - CONTEXT), start).join(''),
    after: hay.slice(end, Math.min(hay.length, end + CONTEXT)).join(''),
  }
}

function loadDoc (file) {
  return cps(readFileSync(file, 'utf8'))
}

// ---------- CLI: find / at ----------

function parseFlags (args) {
  const flags = {}
  const rest = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a.startsWith('--') && ['--to', '--nth', '--doc'].includes(a)) {
      flags[a.slice(2)] = args[++i]
    } else {
      rest.push(a)
    }
  }
  return { flags, rest }
}

function cmdFind (args) {
  const { flags, rest } = parseFlags(args)
  const phrase = rest.join(' ')
  if (!phrase) throw new Error('find: missing phrase')
  const hay = loadDoc(flags.doc ? resolve(flags.doc) : DEFAULT_DOC)
  const hits = occurrences(hay, cps(phrase))
  if (hits.length === 0) throw new Error(`find: phrase not found: ${JSON.stringify(phrase)}`)
  let start
  if (flags.nth) {
    start = hits[Number(flags.nth) - 1]
    if (start === undefined) throw new Error(`find: only ${hits.length} occurrence(s)`)
  } else {
    if (hits.length > 1) throw new Error(`find: phrase occurs ${hits.length} times at ${hits.join(', ')}; use --nth`)
    start = hits[0]
  }
  let end = start + cps(phrase).length
  if (flags.to) {
    const tail = cps(flags.to)
    const after = occurrences(hay, tail).filter((i) => i >= start)
    if (after.length === 0) throw new Error(`find: --to phrase not found after ${start}`)
    end = after[0] + tail.length
  }
  console.log(JSON.stringify(evidenceAt(hay, start, end), null, 2))
}

function cmdAt (args) {
  const { flags, rest } = parseFlags(args)
  const [s, e] = rest.map(Number)
  const hay = loadDoc(flags.doc ? resolve(flags.doc) : DEFAULT_DOC)
  if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > hay.length || s >= e) {
    throw new Error(`at: bad span ${rest.join(' ')} (document length ${hay.length})`)
  }
  console.log(JSON.stringify(evidenceAt(hay, s, e), null, 2))
}

// ---------- seed loading ----------

function loadSeed (file) {
  const seed = JSON.parse(readFileSync(file, 'utf8'))
  const seedDir = dirname(file)
  const docTexts = new Map()
  for (const d of Array.isArray(seed.documents) ? seed.documents : []) {
    if (d && typeof d.textFile === 'string') {
      const p = resolve(seedDir, d.textFile)
      if (existsSync(p)) docTexts.set(d.id, loadDoc(p))
    }
  }
  return { seed, docTexts, seedDir }
}

// ---------- --fill ----------

function cmdFill (file) {
  const { seed, docTexts } = loadSeed(file)
  let changed = 0
  for (const st of seed.statements) {
    const ev = st.reportedIn?.evidence
    const hay = docTexts.get(st.reportedIn?.document)
    if (!ev || !hay) throw new Error(`fill: ${st.id}: no evidence or no text for its document`)
    const hits = occurrences(hay, cps(ev.text))
    if (hits.length === 0) throw new Error(`fill: ${st.id}: evidence text not found in document`)
    let start = hits[0]
    if (hits.length > 1) {
      if (!Number.isInteger(ev.start)) throw new Error(`fill: ${st.id}: evidence text occurs ${hits.length} times; set an approximate start`)
      start = hits.reduce((best, h) => (Math.abs(h - ev.start) < Math.abs(best - ev.start) ? h : best))
    }
    const fresh = evidenceAt(hay, start, start + cps(ev.text).length)
    if (JSON.stringify(fresh) !== JSON.stringify(ev)) changed++
    st.reportedIn.evidence = fresh
  }
  writeFileSync(file, JSON.stringify(seed, null, 2) + '\n')
  console.log(`fill: ${seed.statements.length} evidence span(s) computed, ${changed} changed -> ${file}`)
}

// ---------- --check ----------

function cmdCheck (file) {
  const errors = []
  const warnings = []
  const err = (m) => errors.push(m)
  const warn = (m) => warnings.push(m)

  const { seed, docTexts, seedDir } = loadSeed(file)

  // no nulls anywhere
  const walkNull = (v, path) => {
    if (v === null) err(`${path}: null is not allowed (omit optional fields)`)
    else if (Array.isArray(v)) v.forEach((x, i) => walkNull(x, `${path}[${i}]`))
    else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) walkNull(x, `${path}.${k}`)
  }
  walkNull(seed, '$')

  const keys = (obj, spec, path) => {
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) { err(`${path}: must be an object`); return false }
    const { required, optional } = KEYS[spec]
    for (const k of required) if (!(k in obj)) err(`${path}: missing required "${k}"`)
    for (const k of Object.keys(obj)) if (!required.includes(k) && !optional.includes(k)) err(`${path}: unknown key "${k}"`)
    return true
  }
  const str = (v, path, { nonEmpty = true } = {}) => {
    if (typeof v !== 'string') err(`${path}: must be a string`)
    else if (nonEmpty && v.trim() === '') err(`${path}: must not be empty`)
    else if (v !== v.trim()) warn(`${path}: has leading/trailing whitespace`)
  }
  const oneOf = (v, e, path) => { if (!ENUMS[e].includes(v)) err(`${path}: ${JSON.stringify(v)} not one of ${ENUMS[e].join('|')}`) }
  const validDate = (v, path) => {
    if (typeof v !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) { err(`${path}: bad date ${JSON.stringify(v)}`); return }
    const [y, m, d] = v.split('-').map(Number)
    if (m !== undefined && (m < 1 || m > 12)) err(`${path}: bad month in ${v}`)
    if (d !== undefined) {
      const dt = new Date(Date.UTC(y, m - 1, d))
      if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) err(`${path}: no such day ${v}`)
    }
  }
  const dateAndPrecision = (o, path) => {
    oneOf(o.datePrecision, 'precision', `${path}.datePrecision`)
    if (o.date === undefined) {
      if (o.datePrecision !== 'unknown') err(`${path}: datePrecision ${o.datePrecision} but no date`)
      return
    }
    validDate(o.date, `${path}.date`)
    if (o.datePrecision === 'unknown') err(`${path}: date given but datePrecision is unknown`)
    else if (DATE_RE[o.datePrecision] && !DATE_RE[o.datePrecision].test(o.date)) {
      err(`${path}: date ${o.date} does not match precision ${o.datePrecision}`)
    }
  }
  const idsOf = (arr, what) => {
    const seen = new Set()
    for (const [i, x] of arr.entries()) {
      const id = x?.id
      if (typeof id !== 'string' || !ID_RE.test(id)) err(`${what}[${i}]: bad id ${JSON.stringify(id)}`)
      if (seen.has(id)) err(`${what}: duplicate id "${id}"`)
      seen.add(id)
    }
    return seen
  }

  keys(seed, 'root', '$')
  for (const k of KEYS.root.required) if (!Array.isArray(seed[k])) { err(`$.${k}: must be an array`); seed[k] = [] }
  if (seed.$schema !== undefined) str(seed.$schema, '$.$schema')

  const docIds = idsOf(seed.documents, 'documents')
  const actorIds = idsOf(seed.actors, 'actors')
  const topicIds = idsOf(seed.topics, 'topics')
  const stmtIds = idsOf(seed.statements, 'statements')

  const used = { actors: new Set(), topics: new Set(), documents: new Set() }
  const refActor = (id, path) => { used.actors.add(id); if (!actorIds.has(id)) err(`${path}: unknown actor "${id}"`) }
  const refDoc = (id, path) => { used.documents.add(id); if (!docIds.has(id)) err(`${path}: unknown document "${id}"`) }

  // documents
  for (const [i, d] of seed.documents.entries()) {
    const p = `documents[${i}](${d?.id})`
    if (!keys(d, 'document', p)) continue
    str(d.title, `${p}.title`)
    oneOf(d.kind, 'documentKind', `${p}.kind`)
    dateAndPrecision(d, p)
    if (d.publisher !== undefined) refActor(d.publisher, `${p}.publisher`)
    for (const f of ['authors', 'addressees']) {
      if (d[f] === undefined) continue
      if (!Array.isArray(d[f]) || d[f].length === 0) { err(`${p}.${f}: must be a non-empty array`); continue }
      if (new Set(d[f]).size !== d[f].length) err(`${p}.${f}: duplicates`)
      d[f].forEach((a, j) => refActor(a, `${p}.${f}[${j}]`))
    }
    if (d.url !== undefined && !/^https:\/\/\S+$/.test(d.url)) err(`${p}.url: must be an https URL`)
    if (d.note !== undefined) str(d.note, `${p}.note`)
    if (d.textFile !== undefined) {
      str(d.textFile, `${p}.textFile`)
      const abs = resolve(seedDir, d.textFile)
      if (!existsSync(abs)) err(`${p}.textFile: ${d.textFile} does not exist`)
      if (relative(seedDir, abs).startsWith('..')) err(`${p}.textFile: must be inside the seed directory`)
    }
  }

  // actors
  // apostrophes/quotes normalised so that "China's" in an alias matches "China’s" in the text
  const norm = (x) => x.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').toLowerCase()
  const articleText = norm([...docTexts.values()].map((t) => t.join('')).join('\n'))
  const actorById = new Map()
  for (const [i, a] of seed.actors.entries()) {
    const p = `actors[${i}](${a?.id})`
    if (!keys(a, 'actor', p)) continue
    actorById.set(a.id, a)
    str(a.name, `${p}.name`)
    str(a.description, `${p}.description`)
    oneOf(a.kind, 'actorKind', `${p}.kind`)
    if (!Array.isArray(a.aliases)) err(`${p}.aliases: must be an array`)
    else {
      a.aliases.forEach((x, j) => str(x, `${p}.aliases[${j}]`))
      if (new Set(a.aliases).size !== a.aliases.length) err(`${p}.aliases: duplicates`)
      if (a.aliases.includes(a.name)) warn(`${p}.aliases: repeats the name`)
    }
  }

  // affiliations
  const affKeys = new Set()
  for (const [i, f] of seed.affiliations.entries()) {
    const p = `affiliations[${i}]`
    if (!keys(f, 'affiliation', p)) continue
    refActor(f.actor, `${p}.actor`)
    refActor(f.organisation, `${p}.organisation`)
    if (f.actor === f.organisation) err(`${p}: actor and organisation are the same`)
    oneOf(f.type, 'affiliationType', `${p}.type`)
    str(f.role, `${p}.role`)
    if (f.since !== undefined) validDate(f.since, `${p}.since`)
    if (f.until !== undefined) validDate(f.until, `${p}.until`)
    const k = `${f.actor}|${f.type}|${f.organisation}`
    if (affKeys.has(k)) err(`${p}: duplicate affiliation ${k}`)
    affKeys.add(k)
  }

  // topics
  for (const [i, t] of seed.topics.entries()) {
    const p = `topics[${i}](${t?.id})`
    if (keys(t, 'topic', p)) str(t.name, `${p}.name`)
  }

  // statements
  for (const [i, s] of seed.statements.entries()) {
    const p = `statements[${i}](${s?.id})`
    if (!keys(s, 'statement', p)) continue
    if (!Array.isArray(s.speakers) || s.speakers.length === 0) err(`${p}.speakers: must be a non-empty array`)
    else {
      s.speakers.forEach((sp, j) => {
        if (keys(sp, 'speaker', `${p}.speakers[${j}]`)) { refActor(sp.actor, `${p}.speakers[${j}].actor`); str(sp.role, `${p}.speakers[${j}].role`) }
      })
      if (new Set(s.speakers.map((x) => x.actor)).size !== s.speakers.length) err(`${p}.speakers: duplicate actor`)
    }
    oneOf(s.attribution, 'attribution', `${p}.attribution`)
    str(s.verb, `${p}.verb`)
    str(s.text, `${p}.text`)
    dateAndPrecision(s, p)
    if (!Array.isArray(s.targets)) err(`${p}.targets: must be an array`)
    else {
      s.targets.forEach((t, j) => {
        if (keys(t, 'target', `${p}.targets[${j}]`)) { refActor(t.actor, `${p}.targets[${j}].actor`); oneOf(t.stance, 'stance', `${p}.targets[${j}].stance`) }
      })
      if (new Set(s.targets.map((x) => x.actor)).size !== s.targets.length) err(`${p}.targets: duplicate actor`)
      if (s.targets.length === 0) warn(`${p}.targets: empty`)
    }
    if (!Array.isArray(s.topics) || s.topics.length === 0) err(`${p}.topics: must be a non-empty array`)
    else {
      s.topics.forEach((t, j) => { used.topics.add(t); if (!topicIds.has(t)) err(`${p}.topics[${j}]: unknown topic "${t}"`) })
      if (new Set(s.topics).size !== s.topics.length) err(`${p}.topics: duplicates`)
    }
    if (s.originalDocument !== undefined) {
      refDoc(s.originalDocument, `${p}.originalDocument`)
      if (s.originalDocument === s.reportedIn?.document) err(`${p}.originalDocument equals reportedIn.document`)
    }
    if (s.links !== undefined) {
      if (!Array.isArray(s.links) || s.links.length === 0) err(`${p}.links: must be a non-empty array when present`)
      else {
        s.links.forEach((l, j) => {
          if (!keys(l, 'link', `${p}.links[${j}]`)) return
          oneOf(l.type, 'linkType', `${p}.links[${j}].type`)
          if (!stmtIds.has(l.statement)) err(`${p}.links[${j}]: unknown statement "${l.statement}"`)
          if (l.statement === s.id) err(`${p}.links[${j}]: links to itself`)
        })
        if (new Set(s.links.map((l) => `${l.type}|${l.statement}`)).size !== s.links.length) err(`${p}.links: duplicates`)
      }
    }
    if (s.note !== undefined) str(s.note, `${p}.note`)

    // evidence
    if (!keys(s.reportedIn, 'reportedIn', `${p}.reportedIn`)) continue
    refDoc(s.reportedIn.document, `${p}.reportedIn.document`)
    const ev = s.reportedIn.evidence
    if (!keys(ev, 'evidence', `${p}.reportedIn.evidence`)) continue
    const hay = docTexts.get(s.reportedIn.document)
    if (!hay) { err(`${p}: reportedIn document "${s.reportedIn.document}" has no readable textFile`); continue }
    const ep = `${p}.evidence`
    if (!Number.isInteger(ev.start) || !Number.isInteger(ev.end) || ev.start < 0 || ev.end > hay.length || ev.start >= ev.end) {
      err(`${ep}: bad span [${ev.start}, ${ev.end}) for document length ${hay.length}`)
      continue
    }
    const want = evidenceAt(hay, ev.start, ev.end)
    if (ev.text !== want.text) err(`${ep}.text does not equal document[${ev.start}:${ev.end}] = ${JSON.stringify(want.text)}`)
    if (ev.before !== want.before) err(`${ep}.before mismatch: expected ${JSON.stringify(want.before)}`)
    if (ev.after !== want.after) err(`${ep}.after mismatch: expected ${JSON.stringify(want.after)}`)
    if (ev.text !== ev.text.trim()) warn(`${ep}.text has leading/trailing whitespace`)
    if (s.attribution === 'direct-quote' && typeof s.text === 'string' && !ev.text.includes(s.text)) {
      err(`${p}: direct-quote text is not verbatim inside the evidence span`)
    }
    if (s.attribution === 'direct-quote' && typeof s.text === 'string' && /[“”"]/.test(s.text)) {
      err(`${p}: direct-quote text must not contain quote marks`)
    }
  }

  // usage / coverage
  for (const a of seed.actors) {
    if (used.actors.has(a.id)) continue
    const names = [a.name, ...(a.aliases ?? [])]
    if (names.some((n) => articleText.includes(norm(n)))) warn(`actor "${a.id}" is not referenced (but is named in the text)`)
    else err(`actor "${a.id}" is neither referenced nor named in the text`)
  }
  for (const t of seed.topics) if (!used.topics.has(t.id)) warn(`topic "${t.id}" is declared but unused`)
  for (const d of seed.documents) if (!used.documents.has(d.id)) warn(`document "${d.id}" is never referenced by a statement`)
  for (const a of seed.actors) {
    const names = [a.name, ...(a.aliases ?? [])]
    if (!names.some((n) => articleText.includes(norm(n)))) {
      warn(`actor "${a.id}": neither name nor any alias occurs literally in the text`)
    }
  }

  const counts = ['documents', 'actors', 'affiliations', 'topics', 'statements'].map((k) => `${k}=${seed[k].length}`).join(' ')
  for (const w of warnings) console.log(`warning: ${w}`)
  for (const e of errors) console.log(`ERROR: ${e}`)
  console.log(`check ${relative(process.cwd(), file) || file}: ${counts}; ${errors.length} error(s), ${warnings.length} warning(s)`)
  return errors.length === 0
}

// ---------- main ----------

function main (argv) {
  const [cmd, ...args] = argv
  switch (cmd) {
    case 'find': cmdFind(args); return 0
    case 'at': cmdAt(args); return 0
    case '--fill': cmdFill(resolve(args[0] ?? DEFAULT_SEED)); return 0
    case '--check': return cmdCheck(resolve(args[0] ?? DEFAULT_SEED)) ? 0 : 1
    default:
      console.error('usage: offsets.mjs find <phrase> [--to <end>] [--nth n] [--doc file] | at <start> <end> | --fill [seed.json] | --check [seed.json]')
      return 2
  }
}

try {
  process.exitCode = main(process.argv.slice(2))
} catch (e) {
  console.error(e instanceof Error ? e.message : e)
  process.exitCode = 2
}
