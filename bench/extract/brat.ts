// Reads a PolNeAR-style brat standoff corpus into gold attributions, as
// /work/shared/tools/brat_gold.py does (first .ann by sorted name per article; "direct" when quote
// marks enclose at least half of the content's visible characters). Offsets are code points.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export type Spans = Array<[number, number]>

export interface GoldAttribution {
  content: Spans
  source: Spans | null
  cue: Spans | null
  direct: boolean
  contentText: string
  sourceText: string
}

export interface GoldArticle { name: string, annotator: string, text: string, attributions: GoldAttribution[] }

export interface Gold { corpus: string, articles: GoldArticle[] }

const QUOTES = new Set(['"', '\u201c', '\u201d'])

function spans (field: string): Spans {
  return field.split(';').map((p) => {
    const [a, b] = p.trim().split(/\s+/)
    return [Number(a), Number(b)] as [number, number]
  })
}

// Python's str.isspace, close enough for news text
const isSpace = (ch: string): boolean => /\s/u.test(ch) || (ch.charCodeAt(0) >= 0x1c && ch.charCodeAt(0) <= 0x1f) || ch === '\x85'

/** Gold attributions of one article from its text and .ann contents. */
export function parseAnn (text: string, ann: string): GoldAttribution[] {
  const cps = Array.from(text)
  const slice = (s: number, e: number): string => cps.slice(s, e).join('')
  const T = new Map<string, { kind: string, spans: Spans }>()
  const E: Array<Record<string, string>> = []
  for (const raw of ann.split('\n')) {
    if (raw === '') continue
    const parts = raw.split('\t')
    const id = parts[0] ?? ''
    if (id.startsWith('T')) {
      const field = parts[1] ?? ''
      const sp = field.indexOf(' ')
      T.set(id, { kind: field.slice(0, sp), spans: spans(field.slice(sp + 1)) })
    } else if (id.startsWith('E')) {
      E.push(Object.fromEntries((parts[1] ?? '').split(/\s+/).filter(Boolean).map((x) => x.split(':') as [string, string])))
    }
  }
  const out: GoldAttribution[] = []
  for (const e of E) {
    const get = (k: string): Spans | null => (k in e && T.has(e[k]!) ? T.get(e[k]!)!.spans : null)
    const content = get('Content')
    if (!content) continue
    const contentText = content.map(([s, t]) => slice(s, t)).join('')
    let inside = false; let quoted = 0; let visible = 0
    for (const [s, t] of content) {
      for (const ch of cps.slice(s, t)) {
        if (QUOTES.has(ch)) { inside = !inside; continue }
        if (!isSpace(ch)) { visible++; if (inside) quoted++ }
      }
    }
    const source = get('Source')
    out.push({
      content,
      source,
      cue: get('Cue'),
      direct: visible > 0 && quoted >= 0.5 * visible,
      contentText,
      sourceText: (source ?? []).map(([s, t]) => slice(s, t)).join(' '),
    })
  }
  return out
}

export function readCorpus (dir: string): Gold {
  const texts = readdirSync(join(dir, 'text')).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort()
  const anns = readdirSync(join(dir, 'attributions')).sort()
  const articles: GoldArticle[] = []
  for (const name of texts) {
    const mine = anns.filter((a) => a.startsWith(name + '_'))
    if (!mine.length) continue
    const text = readFileSync(join(dir, 'text', name + '.txt'), 'utf8')
    const ann = readFileSync(join(dir, 'attributions', mine[0]!), 'utf8')
    articles.push({ name, annotator: mine[0]!.slice(name.length + 1, -4), text, attributions: parseAnn(text, ann) })
  }
  return { corpus: dir.replace(/\/+$/, '').split('/').pop() ?? dir, articles }
}
