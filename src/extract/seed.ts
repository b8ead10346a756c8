// A graph-seed fragment from a draft (the shape of src/domain/seed-model.ts's SeedFile): the proposed
// actors, the document with its text, and every statement whose speakers are all resolved.
// Known (matched) actors are referenced, not declared: they already exist in the database.
import { slugify } from './link.js'
import type { Draft, DraftStatement, Stance } from './types.js'

export interface SeedOptions {
  /** Document kind (default news-article). */
  kind?: 'news-article' | 'letter' | 'report' | 'blog-post' | 'order' | 'announcement' | 'statement' | 'other'
  url?: string
}

export interface SeedFragment {
  actors: Array<{ id: string, name: string, kind: 'person' | 'organisation' | 'group', aliases: string[], description: string }>
  documents: Array<{ id: string, title: string, kind: string, datePrecision: 'day' | 'month' | 'year' | 'unknown', date?: string, text: string, url?: string }>
  statements: Array<{
    id: string
    speakers: Array<{ actor: string, role?: string }>
    attribution: DraftStatement['attribution']
    verb: string
    text: string
    datePrecision: 'unknown'
    targets: Array<{ actor: string, stance: Stance }>
    reportedIn: { document: string, evidence: DraftStatement['evidence'] }
    note?: string
  }>
}

const PRECISION: Record<number, 'year' | 'month' | 'day'> = { 4: 'year', 7: 'month', 10: 'day' }

export function buildSeed (draft: Draft, options: SeedOptions = {}): SeedFragment {
  const doc = slugify(draft.documentId)
  const usable = draft.statements.filter((s) => s.speakers.length > 0 && s.speakers.every((sp) => sp.actor))
  const used = new Set<string>()
  const statements: SeedFragment['statements'] = usable.map((s, i) => {
    const speakers: Array<{ actor: string, role?: string }> = []
    for (const sp of s.speakers) {
      if (speakers.some((x) => x.actor === sp.actor)) continue
      speakers.push({ actor: sp.actor!, ...(sp.role ? { role: sp.role.slice(0, 300) } : {}) })
      used.add(sp.actor!)
    }
    const targets = s.targets.filter((t, k) => s.targets.findIndex((x) => x.actor === t.actor) === k).map((t) => ({ actor: t.actor, stance: t.stance }))
    for (const t of targets) used.add(t.actor)
    let text = s.text
    let note: string | undefined
    if (s.attribution === 'direct-quote' && !norm(s.evidence.text).includes(norm(text))) {
      // a quote split around its attribution: the seed keeps the longest part verbatim
      const parts = [...s.evidence.text.matchAll(/[“"]([^”"]+)[”"]?/g)].map((m) => m[1]!.replace(/[\s,]+$/, '')).filter(Boolean)
      const inside = parts.sort((a, b) => b.length - a.length)
      text = inside[0] ?? s.evidence.text
      note = 'Drafted: the quote continues around its attribution; the evidence spans both parts.'
    }
    return {
      id: `${doc}-s${i + 1}`.slice(0, 120),
      speakers,
      attribution: s.attribution,
      verb: s.verb.slice(0, 60),
      text: text.slice(0, 20_000),
      datePrecision: 'unknown' as const,
      targets,
      reportedIn: { document: doc, evidence: s.evidence },
      ...(note ? { note } : {}),
    }
  })
  const actors = draft.actors.filter((a) => a.status === 'proposed' && used.has(a.id)).map((a) => ({
    id: a.id,
    name: a.name,
    kind: a.kind,
    aliases: [...new Set(a.aliases.filter((x) => x !== a.name))],
    description: `Proposed by extraction from document ${doc}.`,
  }))
  const precision = draft.date ? PRECISION[draft.date.length] : undefined
  const documents: SeedFragment['documents'] = [{
    id: doc,
    title: (draft.title ?? doc).slice(0, 1_000),
    kind: options.kind ?? 'news-article',
    ...(precision && draft.date ? { date: draft.date, datePrecision: precision } : { datePrecision: 'unknown' as const }),
    text: draft.text,
    ...(options.url ? { url: options.url } : {}),
  }]
  return { actors, documents, statements }
}

function norm (s: string): string {
  return s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"')
}
