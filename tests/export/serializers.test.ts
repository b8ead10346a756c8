// The pure parts of the exports, table-driven: CSV quoting, XML escaping, merged date spans and
// the Accept negotiation. No database.
import { describe, expect, it } from 'vitest'
import { csvField, csvRow } from '../../src/formats/csv.js'
import { xmlText } from '../../src/formats/xml.js'
import { mergeSpans } from '../../src/formats/types.js'
import { prefersJsonLd } from '../../src/plugins/external/base-url.js'

describe('CSV (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['', ''],
    ['“curly” £ 🎉', '“curly” £ 🎉'],
  ])('%j is written %j', (value, written) => {
    expect(csvField(value)).toBe(written)
  })

  it('rows end in CRLF; null is an empty field', () => {
    expect(csvRow(['a', null, 3])).toBe('a,,3\r\n')
  })

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('spreadsheetSafe puts an apostrophe before %j', (value) => {
    expect(csvField(value, { spreadsheetSafe: true }).replace(/^"/, '')).toMatch(/^'/)
    expect(csvField(value)).not.toMatch(/^'/)
  })
})

describe('XML text', () => {
  it.each([
    ['a & b < c > d', 'a &amp; b &lt; c &gt; d'],
    ['"quoted" \'single\'', '&quot;quoted&quot; &apos;single&apos;'],
    ['bell\u0007 nul\u0000 esc\u001b', 'bell nul esc'],
    ['lone \ud800 surrogate \udc00', 'lone  surrogate '],
    ['pair 🎉 kept', 'pair 🎉 kept'],
    ['\uFFFE\uFFFF', ''],
    ['line\nbreak\ttab', 'line&#10;break&#9;tab'],
  ])('%j becomes %j', (value, written) => {
    expect(xmlText(value)).toBe(written)
  })
})

describe('date spans', () => {
  it('merges ranges that overlap or touch, in date order', () => {
    expect(mergeSpans([['2022-06-01', '2022-06-30'], ['2020-01-01', '2020-12-31'], ['2022-07-01', '2022-07-31'], ['2022-06-28', '2022-06-28']]))
      .toEqual([['2020-01-01', '2020-12-31'], ['2022-06-01', '2022-07-31']])
    expect(mergeSpans([])).toEqual([])
  })
})

describe('Accept', () => {
  it.each([
    ['application/ld+json', true],
    ['application/ld+json, application/json;q=0.9', true],
    ['application/json, application/ld+json;q=0.5', false],
    ['application/json', false],
    ['*/*', false],
    [undefined, false],
    ['application/ld+json;q=0', false],
  ])('%j prefers JSON-LD: %s', (accept, expected) => {
    expect(prefersJsonLd(accept)).toBe(expected)
  })
})
