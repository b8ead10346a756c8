// Every statement's evidence is the exact document text between its code-point offsets: in the
// graph-seed JSON as committed, and as stored in Neo4j (REPORTED_IN and the Document's text/hash).
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateSeed } from '../../src/domain/validate.js'
import { buildSeedTestApp, codePointSlice, emojiSeed, graphSeed, sha256, type Loose } from './seed-helpers.js'
import { seedFixture } from '../support/fixtures.js'

const CONTEXT = 32
const seed = graphSeed()

describe('evidence offsets', () => {
  it('slices by code points, not UTF-16 units (the helper the checks below rely on)', () => {
    const text = '😀 TikTok “said” 😀 more'
    expect(codePointSlice(text, 2, 15)).toBe('TikTok “said”')
    expect(text.slice(2, 15)).not.toBe('TikTok “said”')
  })

  it('graph-seed holds the article: at least 19 statements, each reported in a document with text', () => {
    expect(seed.statements.length).toBeGreaterThanOrEqual(19)
    for (const s of seed.statements) expect(seed.texts.has(s.reportedIn.document), s.id).toBe(true)
  })

  describe('in the graph-seed JSON', () => {
    it.each(seed.statements.map((s: Loose) => [s.id, s] as const))('%s: the text between start and end is the evidence text', (_id, s) => {
      const ev = s.reportedIn.evidence
      const text = seed.texts.get(s.reportedIn.document)!
      expect(ev.end).toBeGreaterThan(ev.start)
      expect(ev.end).toBeLessThanOrEqual(Array.from(text).length)
      expect(codePointSlice(text, ev.start, ev.end)).toBe(ev.text)
      expect(ev.before).toBe(codePointSlice(text, Math.max(0, ev.start - CONTEXT), ev.start))
      expect(ev.after).toBe(codePointSlice(text, ev.end, ev.end + CONTEXT))
    })
  })

  describe('as stored in Neo4j', () => {
    let app: FastifyInstance
    let stored: Map<string, Loose>

    beforeAll(async () => {
      app = await buildSeedTestApp()
      await seedFixture(app.db, 'article', { by: 'seed-tests' })
      const rows = await app.db.read(`
        MATCH (s:Statement)-[r:REPORTED_IN]->(d:Document)
        RETURN s.id AS id, r.start AS start, r.end AS end, r.text AS text, r.before AS before, r.after AS after,
               r.documentHash AS documentHash, d.id AS document, d.text AS documentText, d.textHash AS textHash`)
      stored = new Map(rows.map((r) => [String(r.id), r]))
    })
    afterAll(async () => {
      await seedFixture(app.db, 'articleFile', { by: 'seed-tests' })
      await app.close()
    })

    it('every statement has exactly one REPORTED_IN', async () => {
      const rows = await app.db.read('MATCH (s:Statement) RETURN s.id AS id, COUNT { (s)-[:REPORTED_IN]->() } AS n')
      expect(rows).toHaveLength(seed.statements.length)
      for (const r of rows) expect(r.n, String(r.id)).toBe(1)
    })

    it.each(seed.statements.map((s: Loose) => [s.id, s] as const))('%s: REPORTED_IN holds the evidence, and it is the stored text between the offsets', (id, s) => {
      const r = stored.get(id)
      expect(r, `no REPORTED_IN for ${id}`).toBeDefined()
      const ev = s.reportedIn.evidence
      const fileText = seed.texts.get(s.reportedIn.document)!
      expect(r).toMatchObject({ document: s.reportedIn.document, start: ev.start, end: ev.end, text: ev.text, before: ev.before, after: ev.after })
      expect(codePointSlice(r!.documentText, r!.start, r!.end)).toBe(r!.text)
      expect(r!.documentText).toBe(fileText)
      expect(r!.textHash).toBe(sha256(fileText))
      expect(r!.documentHash).toBe(r!.textHash)
    })

    it('documents keep their full text and its sha256; documents without text have neither', async () => {
      const rows = await app.db.read('MATCH (d:Document) RETURN d.id AS id, d.text AS text, d.textHash AS textHash ORDER BY id')
      expect(rows).toHaveLength(seed.documents.length)
      for (const d of rows) {
        const text = seed.texts.get(String(d.id))
        if (text === undefined) {
          expect(d, String(d.id)).toMatchObject({ text: null, textHash: null })
        } else {
          expect(d.text, String(d.id)).toBe(text)
          expect(d.textHash).toBe(sha256(text))
          expect(d.textHash).toMatch(/^[0-9a-f]{64}$/)
        }
      }
    })
  })

  describe('offsets count code points (a document with characters outside the BMP)', () => {
    // Each emoji is one code point but two UTF-16 units, so the two counts differ by 40 here.
    const text = '😀'.repeat(40) + ' Ana said “hello there”. After that nobody said anything for a long while, and then the meeting ended.'
    const cps = Array.from(text)
    const span = 'Ana said “hello there”.'
    const start = cps.indexOf('A')
    const end = start + Array.from(span).length
    const input = (evidence: Loose) => emojiSeed(text, evidence)
    const good = { start, end, text: span, before: cps.slice(start - CONTEXT, start).join(''), after: cps.slice(end, end + CONTEXT).join('') }

    it('code-point offsets are accepted, and the row keeps them and the text hash', async () => {
      expect(start).toBe(41)
      const { issues, rows } = await validateSeed(input(good))
      expect(issues).toEqual([])
      expect(rows.statements[0]!.evidence).toEqual({ ...good, documentHash: sha256(text) })
    })

    it('UTF-16 offsets are rejected', async () => {
      const utf16Start = text.indexOf('Ana')
      expect(utf16Start).toBe(81)
      const { issues } = await validateSeed(input({ ...good, start: utf16Start, end: utf16Start + span.length }))
      expect(issues).toEqual([{
        file: 'emoji.json',
        path: '$.statements[0].reportedIn.evidence.text',
        reason: `does not match the document text at 81-104, which reads ${JSON.stringify(cps.slice(81, 104).join(''))}`,
      }])
    })
  })
})
