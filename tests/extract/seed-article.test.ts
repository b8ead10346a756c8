// The curated TikTok article: the drafter must find every direct quote the curated seed file
// has, with the curated speaker and main target, and its seed fragment must pass validateSeed
// when the curated actors already exist.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildSeed, draftStatements, type KnownActor } from '../../src/extract/index.js'
import { validateSeed, type ExistingLookup } from '../../src/domain/validate.js'

interface Curated {
  actors: Array<KnownActor & { description: string }>
  statements: Array<{ id: string, attribution: string, text: string, speakers: Array<{ actor: string }>, targets: Array<{ actor: string }>, reportedIn: { evidence: { start: number, end: number } } }>
}
const curated = JSON.parse(readFileSync(new URL('../../graph-seed/tiktok-on-defense-2022.json', import.meta.url), 'utf8')) as Curated
const text = readFileSync(new URL('../../graph-seed/documents/tiktok-on-defense-2022.txt', import.meta.url), 'utf8')
const knownActors: KnownActor[] = curated.actors.map(({ id, name, kind, aliases }) => ({ id, name, kind, aliases }))
const draft = draftStatements(text, { knownActors, documentId: 'tiktok-on-defense-2022', date: '2022-07' })
const norm = (s: string): string => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim()

describe('the curated TikTok article', () => {
  const quotes = curated.statements.filter((s) => s.attribution === 'direct-quote')

  it('has the ten curated direct quotes', () => {
    expect(quotes).toHaveLength(10)
  })

  for (const q of quotes) {
    it(`finds ${q.id} with its speaker and main target`, () => {
      const found = draft.statements.find((s) => s.attribution === 'direct-quote' && norm(s.text).includes(norm(q.text)))
      expect(found, `no direct quote containing "${q.text}"`).toBeDefined()
      // the drafted evidence lies inside the curated one (the curated span is the whole sentence)
      expect(found!.evidence.start).toBeGreaterThanOrEqual(q.reportedIn.evidence.start)
      expect(found!.evidence.end).toBeLessThanOrEqual(q.reportedIn.evidence.end)
      expect(found!.speakers.map((sp) => sp.actor)).toEqual(q.speakers.map((sp) => sp.actor))
      expect(found!.targets.map((t) => t.actor)).toContain(q.targets[0]!.actor)
    })
  }

  it('keeps the pronoun and the description as mentions', () => {
    const harvests = draft.statements.find((s) => s.text.startsWith('It harvests'))!
    expect(harvests.speakers[0]!.mention).toEqual({ start: 2412, end: 2414, text: 'he' })
    const letter = draft.statements.find((s) => s.text.startsWith('We know'))!
    expect(letter.speakers[0]!.mention).toEqual({ start: 3423, end: 3433, text: 'the letter' })
  })

  it('builds a seed fragment that validateSeed accepts when the curated actors exist', async () => {
    const seed = buildSeed(draft)
    const ids = new Set(curated.actors.map((a) => a.id))
    const existing: ExistingLookup = {
      actors: async (list) => new Set(list.filter((id) => ids.has(id))),
      topics: async () => new Set(),
      statements: async () => new Set(),
      documents: async () => new Map(),
    }
    const { issues, rows } = await validateSeed([{ file: 'draft', data: seed }], existing)
    expect(issues).toEqual([])
    expect(rows.statements.length).toBe(seed.statements.length)
    expect(seed.statements.length).toBeGreaterThanOrEqual(15)
    // known actors are referenced, not declared again
    for (const a of seed.actors) expect(ids.has(a.id)).toBe(false)
    expect(seed.documents[0]).toMatchObject({ id: 'tiktok-on-defense-2022', datePrecision: 'month', date: '2022-07' })
  })

  it('is rejected by validateSeed when the known actors are missing (the test can fail)', async () => {
    const none: ExistingLookup = { actors: async () => new Set(), topics: async () => new Set(), statements: async () => new Set(), documents: async () => new Map() }
    const { issues } = await validateSeed([{ file: 'draft', data: buildSeed(draft) }], none)
    expect(issues.some((i) => /unknown actor "brendan-carr"/.test(i.reason))).toBe(true)
  })
})

describe('seed fragments of small articles', () => {
  it('validates a split quote and astral text, proposing the unknown speaker', async () => {
    const d = draftStatements('Ana Ruiz spoke at 9am 🌅. “We won the vote,” she said. “Now we build the 🌉 bridge.”', { documentId: 'ruiz-bridge' })
    const seed = buildSeed(d)
    expect(seed.actors).toEqual([{ id: 'ana-ruiz', name: 'Ana Ruiz', kind: 'person', aliases: [], description: 'Proposed by extraction from document ruiz-bridge.' }])
    expect(seed.statements[0]).toMatchObject({ attribution: 'direct-quote', text: 'Now we build the 🌉 bridge.', note: expect.stringContaining('continues'), reportedIn: { document: 'ruiz-bridge', evidence: { start: 25, end: 82 } } })
    const { issues } = await validateSeed([{ file: 'draft', data: seed }])
    expect(issues).toEqual([])
  })
})
