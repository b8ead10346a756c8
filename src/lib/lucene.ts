// User text becomes a Lucene query for Neo4j's full-text indexes. Every Lucene operator is
// escaped, so the text can only ever match words; each word also matches as a prefix.
const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g

export function queryTerms (text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0).slice(0, 16)
}

/** All words must match (AND); the last one also as a prefix, for search-as-you-type. */
export function luceneQuery (text: string): string | null {
  const terms = queryTerms(text).map((t) => t.replace(SPECIAL, (c) => `\\${c}`))
  if (terms.length === 0) return null
  return terms.map((t, i) => i === terms.length - 1 && t.length >= 2 ? `(${t} OR ${t}*)` : t).join(' AND ')
}

/** A window of the text around the first match, with every matched word wrapped in <mark>. */
export function highlight (text: string, terms: string[], width = 160): string {
  const lower = text.toLowerCase()
  const positions = terms.map((t) => lower.indexOf(t)).filter((p) => p >= 0)
  const first = positions.length > 0 ? Math.min(...positions) : 0
  const start = Math.max(0, first - Math.floor(width / 3))
  const end = Math.min(text.length, start + width)
  // Escaped first, so the snippet is safe to insert as HTML; terms are letters and digits only.
  let window = escapeHtml(text.slice(start, end))
  if (terms.length > 0) {
    const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    window = window.replace(new RegExp(`(${escaped.join('|')})[\\p{L}\\p{N}]*`, 'giu'), '<mark>$&</mark>')
  }
  return (start > 0 ? '…' : '') + window + (end < text.length ? '…' : '')
}

function escapeHtml (text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Any of the words may match (OR), each as a whole term; null when there is none. */
export function anyTermQuery (terms: string[]): string | null {
  const escaped = terms.filter((t) => t.length > 0).map((t) => t.replace(SPECIAL, (c) => `\\${c}`))
  return escaped.length === 0 ? null : escaped.join(' OR ')
}
