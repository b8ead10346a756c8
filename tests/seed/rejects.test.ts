// Bad seed input is rejected before anything is written: every case below is the real article
// with exactly one thing broken, loaded the way `npm run seed` loads it (validated against a
// database that already holds the article), and must give one issue naming the file, the JSON
// path and the reason, while the graph stays exactly as it was.
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatIssue, loadSeed } from '../../src/services/seed-files.js'
import {
  ARTICLE_CODE_POINTS, buildSeedTestApp, ARTICLE_TEXT, FixtureDir, article, attemptSeed, codePointSlice, expectedArticleCounts,
  shown, snapshot, type Loose,
} from './seed-helpers.js'
import { seedFixture } from '../support/fixtures.js'

interface Case {
  name: string
  /** Breaks one thing in a fresh copy of the article. */
  break?: (d: Loose) => void
  /** Or writes its own files into the fixture folder and returns the paths to load. */
  files?: (fx: FixtureDir) => string[]
  /** The file the issue must name (default: the first one loaded). */
  fileIndex?: number
  path: string
  /** The exact reason, or a distinctive part of it. */
  reason: string | { contains: string }
}

const N = ARTICLE_CODE_POINTS.length
const ev = (d: Loose, i: number): Loose => d.statements[i].reportedIn.evidence
const original = article()
const evidenceOf = (i: number) => original.statements[i].reportedIn.evidence as { start: number, end: number, text: string, before: string, after: string }
const ID_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$'

const CASES: Case[] = [
  // --- not JSON, or not a seed file at all
  {
    name: 'invalid JSON (a truncated file)',
    files: (fx) => [fx.write('truncated.json', JSON.stringify(article(), null, 2).slice(0, -2))],
    path: '$',
    reason: { contains: 'is not valid JSON: ' },
  },
  {
    name: 'a seed file that does not exist',
    files: (fx) => [join(fx.dir, 'no-such-file.json')],
    path: '$',
    reason: 'cannot read the file: ENOENT',
  },
  {
    name: 'a JSON array instead of an object',
    files: (fx) => [fx.write('array.json', [article()])],
    path: '$',
    reason: 'expected object',
  },
  // --- unknown properties
  { name: 'unknown top-level property', break: (d) => { d.comments = [] }, path: '$.comments', reason: 'unexpected property' },
  { name: 'extra property on a statement', break: (d) => { d.statements[3].confidence = 0.9 }, path: '$.statements[3].confidence', reason: 'unexpected property' },
  { name: 'extra property on evidence', break: (d) => { ev(d, 2).page = 1 }, path: '$.statements[2].reportedIn.evidence.page', reason: 'unexpected property' },
  { name: 'extra property whose name needs quoting in a JSON path', break: (d) => { d.actors[0]['x-note'] = 'hi' }, path: '$.actors[0]["x-note"]', reason: 'unexpected property' },
  // --- enums
  { name: 'wrong stance', break: (d) => { d.statements[3].targets[0].stance = 'hostile' }, path: '$.statements[3].targets[0].stance', reason: '"hostile" is not one of: critical, supportive, neutral' },
  { name: 'wrong attribution', break: (d) => { d.statements[5].attribution = 'quote' }, path: '$.statements[5].attribution', reason: '"quote" is not one of: direct-quote, paraphrase, according-to' },
  { name: 'wrong actor kind', break: (d) => { d.actors[2].kind = 'committee' }, path: '$.actors[2].kind', reason: '"committee" is not one of: person, organisation, group' },
  { name: 'wrong document kind', break: (d) => { d.documents[1].kind = 'email' }, path: '$.documents[1].kind', reason: '"email" is not one of: news-article, letter, report, blog-post, order, announcement, statement, other' },
  { name: 'wrong link type', break: (d) => { d.statements[6].links[1].type = 'agrees-with' }, path: '$.statements[6].links[1].type', reason: '"agrees-with" is not one of: responds-to, contradicts, supports, repeats' },
  { name: 'wrong affiliation type', break: (d) => { d.affiliations[0].type = 'owner-of' }, path: '$.affiliations[0].type', reason: { contains: '"owner-of" is not one of: ceo-of, commissioner-of, parent-company-of' } },
  { name: 'wrong datePrecision', break: (d) => { d.documents[0].datePrecision = 'week' }, path: '$.documents[0].datePrecision', reason: '"week" is not one of: day, month, year, unknown' },
  // --- id and value patterns
  { name: 'bad statement id', break: (d) => { d.statements[17].id = 'Said_In_Past' }, path: '$.statements[17].id', reason: `"Said_In_Past" does not match ${ID_PATTERN} (statement id)` },
  { name: 'bad actor id', break: (d) => { d.actors[0].id = 'TikTok' }, path: '$.actors[0].id', reason: `"TikTok" does not match ${ID_PATTERN} (stable slug id, e.g. brendan-carr)` },
  { name: 'a reference that is not an id', break: (d) => { d.statements[0].speakers[1].actor = 'Brendan Carr' }, path: '$.statements[0].speakers[1].actor', reason: `"Brendan Carr" does not match ${ID_PATTERN} (the speaker (an actor id))` },
  { name: 'a date that is not a date', break: (d) => { d.statements[0].date = '2022-13' }, path: '$.statements[0].date', reason: { contains: '"2022-13" does not match ^[0-9]{4}' } },
  { name: 'a url that is not http(s)', break: (d) => { d.documents[0].url = 'ftp://example.com/article' }, path: '$.documents[0].url', reason: { contains: '"ftp://example.com/article" does not match ^https?://' } },
  // --- missing, empty, null, wrongly typed
  { name: 'missing statement verb', break: (d) => { delete d.statements[2].verb }, path: '$.statements[2].verb', reason: 'is required' },
  { name: 'missing actor name', break: (d) => { delete d.actors[5].name }, path: '$.actors[5].name', reason: 'is required' },
  { name: 'missing evidence before', break: (d) => { delete ev(d, 2).before }, path: '$.statements[2].reportedIn.evidence.before', reason: 'is required' },
  { name: 'missing document title', break: (d) => { delete d.documents[3].title }, path: '$.documents[3].title', reason: 'is required' },
  { name: 'missing reportedIn', break: (d) => { delete d.statements[9].reportedIn }, path: '$.statements[9].reportedIn', reason: 'is required' },
  { name: 'empty actor name', break: (d) => { d.actors[0].name = '' }, path: '$.actors[0].name', reason: 'expected string length greater or equal to 1' },
  { name: 'null description', break: (d) => { d.actors[0].description = null }, path: '$.actors[0].description', reason: 'expected string' },
  { name: 'no speakers', break: (d) => { d.statements[0].speakers = [] }, path: '$.statements[0].speakers', reason: 'expected array length to be greater or equal to 1' },
  { name: 'an offset given as a string', break: (d) => { ev(d, 0).start = '256' }, path: '$.statements[0].reportedIn.evidence.start', reason: 'expected integer' },
  { name: 'a negative offset', break: (d) => { ev(d, 0).start = -1 }, path: '$.statements[0].reportedIn.evidence.start', reason: 'expected integer to be greater or equal to 0' },
  // --- duplicates
  {
    name: 'duplicate actor id within a file',
    break: (d) => { d.actors[1].id = 'tiktok' },
    path: '$.actors[1].id',
    reason: { contains: 'duplicate actor id "tiktok" (first declared in ' },
  },
  {
    name: 'duplicate statement id within a file',
    break: (d) => { d.statements[18].id = d.statements[0].id },
    path: '$.statements[18].id',
    reason: { contains: 'duplicate statement id "senators-regulator-app-national-security-risk" (first declared in ' },
  },
  { name: 'duplicate document id within a file', break: (d) => { d.documents[7].id = 'buzzfeed-report' }, path: '$.documents[7].id', reason: { contains: 'duplicate document id "buzzfeed-report"' } },
  { name: 'duplicate topic id within a file', break: (d) => { d.topics[9].id = 'us-user-data' }, path: '$.topics[9].id', reason: { contains: 'duplicate topic id "us-user-data"' } },
  { name: 'duplicate affiliation', break: (d) => { d.affiliations.push({ ...d.affiliations[0] }) }, path: '$.affiliations[18]', reason: { contains: 'duplicate affiliation bytedance parent-company-of tiktok (first declared in ' } },
  {
    name: 'duplicate actor id across two files',
    files: (fx) => [
      fx.write('article.json', article()),
      fx.write('more-actors.json', { actors: [{ id: 'tiktok', name: 'TikTok Inc.', kind: 'organisation' }] }),
    ],
    fileIndex: 1,
    path: '$.actors[0].id',
    reason: { contains: 'duplicate actor id "tiktok" (first declared in ' },
  },
  {
    name: 'duplicate statement id across two files',
    files: (fx) => [
      fx.write('article.json', article()),
      fx.write('more-statements.json', { statements: [article().statements[16]] }),
    ],
    fileIndex: 1,
    path: '$.statements[0].id',
    reason: { contains: 'duplicate statement id "tiktok-among-most-scrutinized-platforms" (first declared in ' },
  },
  // --- unknown references (the database holds the article, but not these ids)
  { name: 'unknown speaker', break: (d) => { d.statements[0].speakers[1].actor = 'chuck-schumer' }, path: '$.statements[0].speakers[1].actor', reason: 'unknown actor "chuck-schumer"' },
  { name: 'unknown target', break: (d) => { d.statements[3].targets[2].actor = 'sundar-pichai' }, path: '$.statements[3].targets[2].actor', reason: 'unknown actor "sundar-pichai"' },
  { name: 'unknown affiliation organisation', break: (d) => { d.affiliations[4].organisation = 'democratic-party' }, path: '$.affiliations[4].organisation', reason: 'unknown actor "democratic-party"' },
  { name: 'unknown affiliated actor', break: (d) => { d.affiliations[17].actor = 'reuters-photographer' }, path: '$.affiliations[17].actor', reason: 'unknown actor "reuters-photographer"' },
  { name: 'unknown publisher', break: (d) => { d.documents[4].publisher = 'buzzfeed-news' }, path: '$.documents[4].publisher', reason: 'unknown actor "buzzfeed-news"' },
  { name: 'unknown author', break: (d) => { d.documents[1].authors[1] = 'chew' }, path: '$.documents[1].authors[1]', reason: 'unknown actor "chew"' },
  { name: 'unknown addressee', break: (d) => { d.documents[3].addressees[0] = 'tim-cook' }, path: '$.documents[3].addressees[0]', reason: 'unknown actor "tim-cook"' },
  { name: 'unknown topic', break: (d) => { d.statements[4].topics[1] = 'privacy' }, path: '$.statements[4].topics[1]', reason: 'unknown topic "privacy"' },
  { name: 'unknown reporting document', break: (d) => { d.statements[1].reportedIn.document = 'buzzfeed-article' }, path: '$.statements[1].reportedIn.document', reason: 'unknown document "buzzfeed-article"' },
  { name: 'unknown original document', break: (d) => { d.statements[1].originalDocument = 'buzzfeed-original' }, path: '$.statements[1].originalDocument', reason: 'unknown document "buzzfeed-original"' },
  { name: 'unknown linked statement', break: (d) => { d.statements[6].links[2].statement = 'tiktok-said-in-the-past' }, path: '$.statements[6].links[2].statement', reason: 'unknown statement "tiktok-said-in-the-past"' },
  // --- evidence
  { name: 'evidence end outside the text', break: (d) => { ev(d, 18).end = N + 1 }, path: '$.statements[18].reportedIn.evidence.end', reason: `offset ${N + 1} is outside the document text (${N} characters)` },
  { name: 'evidence start and end both outside the text', break: (d) => { ev(d, 18).start = N + 10; ev(d, 18).end = N + 20 }, path: '$.statements[18].reportedIn.evidence.end', reason: `offset ${N + 20} is outside the document text (${N} characters)` },
  { name: 'evidence end equal to start', break: (d) => { ev(d, 3).end = ev(d, 3).start }, path: '$.statements[3].reportedIn.evidence.end', reason: `end ${evidenceOf(3).start} must be greater than start ${evidenceOf(3).start}` },
  { name: 'evidence end before start', break: (d) => { ev(d, 3).end = ev(d, 3).start - 1 }, path: '$.statements[3].reportedIn.evidence.end', reason: `end ${evidenceOf(3).start - 1} must be greater than start ${evidenceOf(3).start}` },
  {
    name: 'evidence text that does not match the offsets (one word changed)',
    break: (d) => { ev(d, 7).text = ev(d, 7).text.replace('argued', 'claimed') },
    path: '$.statements[7].reportedIn.evidence.text',
    reason: `does not match the document text at ${evidenceOf(7).start}-${evidenceOf(7).end}, which reads ${JSON.stringify(codePointSlice(ARTICLE_TEXT, evidenceOf(7).start, evidenceOf(7).end).slice(0, 80))}`,
  },
  {
    name: 'evidence offsets shifted by one code point',
    break: (d) => { ev(d, 2).start += 1; ev(d, 2).end += 1 },
    path: '$.statements[2].reportedIn.evidence.text',
    reason: `does not match the document text at ${evidenceOf(2).start + 1}-${evidenceOf(2).end + 1}, which reads ${JSON.stringify(codePointSlice(ARTICLE_TEXT, evidenceOf(2).start + 1, evidenceOf(2).end + 1).slice(0, 80))}`,
  },
  {
    name: 'before context that does not match the text',
    break: (d) => { ev(d, 2).before = ev(d, 2).before.replace('users.', 'users!') },
    path: '$.statements[2].reportedIn.evidence.before',
    reason: `does not match the 32 characters before the span: ${JSON.stringify(codePointSlice(ARTICLE_TEXT, evidenceOf(2).start - 32, evidenceOf(2).start))}`,
  },
  {
    name: 'before context cut short although 32 characters are there',
    break: (d) => { ev(d, 2).before = ev(d, 2).before.slice(8) },
    path: '$.statements[2].reportedIn.evidence.before',
    reason: { contains: 'does not match the 32 characters before the span' },
  },
  {
    name: 'after context that does not match the text',
    break: (d) => { ev(d, 0).after = ev(d, 0).after.replace('lawmakers', 'senators') },
    path: '$.statements[0].reportedIn.evidence.after',
    reason: `does not match the 32 characters after the span: ${JSON.stringify(codePointSlice(ARTICLE_TEXT, evidenceOf(0).end, evidenceOf(0).end + 32))}`,
  },
  {
    name: 'after context past the end of the text',
    break: (d) => { ev(d, 18).after = ' More.' },
    path: '$.statements[18].reportedIn.evidence.after',
    reason: `does not match the ${N - evidenceOf(18).end} characters after the span: ${JSON.stringify(codePointSlice(ARTICLE_TEXT, evidenceOf(18).end, N))}`,
  },
  {
    name: 'a direct quote that is not inside its evidence span',
    break: (d) => { d.statements[5].text = 'new advanced data security controls that we will finalize in the near future' },
    path: '$.statements[5].text',
    reason: 'a direct quote must appear word for word inside its evidence span',
  },
  {
    name: 'evidence in a document that has no text',
    break: (d) => { d.statements[8].reportedIn.document = 'tiktok-oracle-migration-announcement' },
    path: '$.statements[8].reportedIn.document',
    reason: 'document "tiktok-oracle-migration-announcement" has no text to check the evidence against (give it text or textFile)',
  },
  // --- document text
  { name: 'a textFile that cannot be read', break: (d) => { d.documents[0].textFile = 'documents/missing.txt' }, path: '$.documents[0].textFile', reason: 'cannot read "documents/missing.txt"' },
  { name: 'both text and textFile', break: (d) => { d.documents[0].text = 'Some text.' }, path: '$.documents[0].textFile', reason: 'give either text or textFile, not both' },
  // --- dates
  { name: 'statement date not matching datePrecision day', break: (d) => { d.statements[4].date = '2022-06' }, path: '$.statements[4].date', reason: '"2022-06" does not match datePrecision "day" (expected YYYY-MM-DD)' },
  { name: 'document date not matching datePrecision month', break: (d) => { d.documents[0].date = '2022' }, path: '$.documents[0].date', reason: '"2022" does not match datePrecision "month" (expected YYYY-MM)' },
  { name: 'statement date not matching datePrecision year', break: (d) => { d.statements[10].date = '2022-07-01' }, path: '$.statements[10].date', reason: '"2022-07-01" does not match datePrecision "year" (expected YYYY)' },
  { name: 'a statement date that is not a calendar day', break: (d) => { d.statements[3].date = '2022-06-31' }, path: '$.statements[3].date', reason: '"2022-06-31" is not a calendar day' },
  { name: 'a document date on 29 February of a common year', break: (d) => { d.documents[1].date = '2022-02-29' }, path: '$.documents[1].date', reason: '"2022-02-29" is not a calendar day' },
  { name: 'a date although datePrecision is unknown', break: (d) => { d.statements[17].date = '2022' }, path: '$.statements[17].date', reason: 'must be omitted when datePrecision is "unknown"' },
  { name: 'no date although datePrecision is day', break: (d) => { delete d.statements[4].date }, path: '$.statements[4].date', reason: 'is required when datePrecision is "day"' },
  { name: 'affiliation until before since', break: (d) => { Object.assign(d.affiliations[1], { since: '2022-07', until: '2021' }) }, path: '$.affiliations[1].until', reason: '"2021" is before since "2022-07"' },
  // --- self references and repeats
  { name: 'a statement that links to itself', break: (d) => { d.statements[3].links[0].statement = d.statements[3].id }, path: '$.statements[3].links[0].statement', reason: 'a statement cannot link to itself' },
  { name: 'an actor affiliated with itself', break: (d) => { d.affiliations[0].organisation = 'bytedance' }, path: '$.affiliations[0].organisation', reason: 'an actor cannot be affiliated with itself' },
  { name: 'a speaker listed twice', break: (d) => { d.statements[0].speakers[1].actor = 'nine-republican-senators' }, path: '$.statements[0].speakers[1].actor', reason: 'speaker "nine-republican-senators" is listed twice' },
  { name: 'a target listed twice', break: (d) => { d.statements[3].targets[2].actor = 'apple-chief-executive' }, path: '$.statements[3].targets[2].actor', reason: 'target "apple-chief-executive" is listed twice' },
]

describe('bad seed input is rejected with file, JSON path and reason, and nothing is written', () => {
  let app: FastifyInstance
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

  it('the database holds the article graph, so "unchanged" is meaningful', async () => {
    const state = await snapshot(app.db)
    expect(state.counts).toEqual(expectedArticleCounts())
    expect(state.nodes).toHaveLength(27 + 19 + 8 + 10)
  })

  it('the unbroken copy in the fixture folder is accepted and changes nothing', async () => {
    const before = await snapshot(app.db)
    const result = await attemptSeed([fx.write('unbroken.json', article())], app.db)
    expect(result.issues).toEqual([])
    expect(result.plan).toEqual({
      topics: { create: 0, update: 0, unchanged: 10 },
      actors: { create: 0, update: 0, unchanged: 27 },
      documents: { create: 0, update: 0, unchanged: 8 },
      affiliations: { create: 0, update: 0, unchanged: 18 },
      statements: { create: 0, update: 0, unchanged: 19 },
    })
    expect(await snapshot(app.db)).toEqual(before)
  })

  it(`covers many distinct classes of bad input (${CASES.length} cases)`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(10)
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length)
  })

  CASES.forEach((c, i) => {
    it(`${c.name}: ${c.path}`, async () => {
      let paths: string[]
      if (c.files) {
        paths = c.files(fx)
      } else {
        const data = article()
        c.break!(data)
        expect(data, 'the case must change something').not.toEqual(article())
        paths = [fx.write(`case-${i}.json`, data)]
      }
      const before = await snapshot(app.db)

      const result = await attemptSeed(paths, app.db)

      const file = shown(paths[c.fileIndex ?? 0]!)
      const reason = typeof c.reason === 'string' ? c.reason : expect.stringContaining(c.reason.contains)
      expect(result.issues).toEqual([{ file, path: c.path, reason }])
      expect(formatIssue(result.issues[0]!)).toBe(`${file}: ${c.path}: ${result.issues[0]!.reason}`)
      expect(result.rowCount, 'no rows are handed to the writer').toBe(0)
      expect(result.plan).toBeUndefined()
      expect(await snapshot(app.db)).toEqual(before)
    })
  })

  it('a duplicate names where the id was first declared', async () => {
    const first = fx.write('dup-first.json', article())
    const second = fx.write('dup-second.json', { topics: [{ id: 'transparency', name: 'Openness' }] })
    const { issues } = await attemptSeed([first, second], app.db)
    expect(issues).toEqual([{
      file: shown(second), path: '$.topics[0].id', reason: `duplicate topic id "transparency" (first declared in ${shown(first)} at $.topics[9])`,
    }])
  })

  it('reports every problem at once, across files and kinds', async () => {
    const data = article()
    data.statements[3].links[0].statement = data.statements[3].id
    data.statements[4].topics[1] = 'privacy'
    data.documents[1].date = '2022-02-30'
    const path = fx.write('three-problems.json', data)
    const before = await snapshot(app.db)
    const { issues, rowCount } = await attemptSeed([path], app.db)
    expect(issues).toHaveLength(3)
    expect(issues).toEqual(expect.arrayContaining([
      { file: shown(path), path: '$.statements[3].links[0].statement', reason: 'a statement cannot link to itself' },
      { file: shown(path), path: '$.statements[4].topics[1]', reason: 'unknown topic "privacy"' },
      { file: shown(path), path: '$.documents[1].date', reason: '"2022-02-30" is not a calendar day' },
    ]))
    expect(rowCount).toBe(0)
    expect(await snapshot(app.db)).toEqual(before)
  })

  it('one bad file stops a valid file loaded with it: its changed record is not written', async () => {
    const changed = article()
    changed.actors[4].description = 'A description that must never reach the database.'
    const good = fx.write('good-but-changed.json', changed)
    const bad = fx.write('bad.json', { topics: [{ id: 'Not A Slug', name: 'x' }] })
    const before = await snapshot(app.db)

    const { issues } = await attemptSeed([good, bad], app.db)

    expect(issues).toEqual([{ file: shown(bad), path: '$.topics[0].id', reason: expect.stringContaining('"Not A Slug" does not match') }])
    expect(await snapshot(app.db)).toEqual(before)
    const [row] = await app.db.read('MATCH (a:Actor {id: "brendan-carr"}) RETURN a.description AS description')
    expect(row?.description).toBe(original.actors[4].description)
  })

  describe('references to what the database already holds', () => {
    // A new file that declares nothing of its own: a statement by an actor, on a topic and in a
    // document that only the database holds (the evidence is checked against the stored text).
    const carr = evidenceOf(12)
    const extra = (evidence: Loose) => ({
      statements: [{
        id: 'carr-video-app-again',
        speakers: [{ actor: 'brendan-carr', role: 'FCC commissioner' }],
        attribution: 'paraphrase',
        verb: 'wrote',
        text: 'TikTok is more than a video app.',
        datePrecision: 'unknown',
        targets: [{ actor: 'tiktok', stance: 'critical' }],
        topics: ['national-security'],
        reportedIn: { document: 'tiktok-on-defense-2022', evidence },
      }],
    })

    it('resolve against the database: the file is valid with the database, and not without it', async () => {
      const path = fx.write('extra-valid.json', extra({ ...carr }))
      expect((await loadSeed([path], app.db)).issues).toEqual([])
      const alone = await loadSeed([path])
      expect(alone.issues.map((i) => `${i.path}: ${i.reason}`)).toEqual([
        '$.statements[0].speakers[0].actor: unknown actor "brendan-carr"',
        '$.statements[0].targets[0].actor: unknown actor "tiktok"',
        '$.statements[0].topics[0]: unknown topic "national-security"',
        '$.statements[0].reportedIn.document: unknown document "tiktok-on-defense-2022"',
      ])
    })

    it('evidence against a stored document is checked against its stored text', async () => {
      const path = fx.write('extra-shifted.json', extra({ ...carr, start: carr.start + 2, end: carr.end + 2 }))
      const before = await snapshot(app.db)
      const { issues } = await attemptSeed([path], app.db)
      expect(issues).toEqual([{
        file: shown(path),
        path: '$.statements[0].reportedIn.evidence.text',
        reason: `does not match the document text at ${carr.start + 2}-${carr.end + 2}, which reads ${JSON.stringify(codePointSlice(ARTICLE_TEXT, carr.start + 2, carr.end + 2).slice(0, 80))}`,
      }])
      expect(await snapshot(app.db)).toEqual(before)
    })
  })
})
