// Validator edge cases found while writing the seed tests (each was a bug, now fixed): every
// test states what the documented format requires. Nothing here writes to the database.
import { describe, expect, it } from 'vitest'
import { validateSeed, type SeedIssue } from '../../src/domain/validate.js'
import { ARTICLE_JSON, ARTICLE_TEXT, article, emojiSeed, shown, type Loose } from './seed-helpers.js'

async function validateArticle (data: Loose): Promise<SeedIssue[]> {
  const { issues } = await validateSeed([{ file: shown(ARTICLE_JSON), data, readText: () => ARTICLE_TEXT }])
  return issues
}

describe('seed validator: edge cases (formats, missing enums, calendar dates, code-point context)', () => {
  it('a document with an https url is accepted (the "uri" format is registered with TypeBox)', async () => {
    // graph-seed/README.md: `url` — `https://…` — optional. Unregistered, every url was rejected
    // with "does not match ^https?://", because Value.Errors reports "Unknown format 'uri'".
    const data = article()
    data.documents[4].url = 'https://www.buzzfeednews.com/article/emilybakerwhite/tiktok-tapes-us-user-data-china-bytedance-access'
    expect(await validateArticle(data)).toEqual([])
  })

  it('a missing enum field is reported as "is required", like every other missing field', async () => {
    // schemaIssues() tries the literal-choices phrasing before the `value === undefined` one, so
    // a missing datePrecision / kind / attribution / stance / type reads "undefined is not one
    // of: …" (undefined is not even a JSON value), while a missing title reads "is required".
    const data = article()
    delete data.documents[3].datePrecision
    expect(await validateArticle(data)).toEqual([{
      file: shown(ARTICLE_JSON), path: '$.documents[3].datePrecision', reason: 'is required',
    }])
  })

  it('an affiliation date that is not a calendar day is rejected', async () => {
    // README: "Dates are YYYY, YYYY-MM or YYYY-MM-DD and must be real dates." Documents and
    // statements are checked; affiliations' since/until are not.
    const data = article()
    data.affiliations[1].since = '2021-02-30'
    expect(await validateArticle(data)).toEqual([{
      file: shown(ARTICLE_JSON), path: '$.affiliations[1].since', reason: '"2021-02-30" is not a calendar day',
    }])
  })

  it('evidence context is measured in code points, so a cut-short "before" is rejected when the text has emoji', async () => {
    // before/after are "the (up to) 32 code points just before and after the span". The check
    // compares ev.before.length (UTF-16 units) with 32, so 31 code points of which 30 are emoji
    // (61 units) pass as if complete, while 31 ASCII characters are rejected. The message counts
    // UTF-16 units too ("the 63 characters before the span" for 32 code points).
    const text = '😀'.repeat(40) + ' Ana said “hello there”. After that nobody said anything for a long while.'
    const cps = Array.from(text)
    const start = 41
    const span = 'Ana said “hello there”.'
    const end = start + Array.from(span).length
    const evidence = { start, end, text: span, before: cps.slice(start - 31, start).join(''), after: cps.slice(end, end + 32).join('') }
    const { issues } = await validateSeed(emojiSeed(text, evidence))
    expect(issues).toEqual([{
      file: 'emoji.json',
      path: '$.statements[0].reportedIn.evidence.before',
      reason: `does not match the 32 characters before the span: ${JSON.stringify(cps.slice(start - 32, start).join(''))}`,
    }])
  })
})
