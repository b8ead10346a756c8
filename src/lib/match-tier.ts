// How well a query matches a name, for ranking people can trust: an exact name or alias first,
// then names that start with the query, then names with the query as a word (or word prefix),
// then the rest in the full-text index's order. Lucene's score alone ranks a long name that
// repeats a word ("American TikTok users") above the short exact one ("TikTok").
import { queryTerms } from './lucene.js'

export const TIER_EXACT = 0
export const TIER_PREFIX = 1
export const TIER_WORD = 2
export const TIER_OTHER = 3

const normal = (text: string) => queryTerms(text).join(' ')

/** The best tier any of `names` reaches for query `q` (case, punctuation and spacing ignored). */
export function matchTier (q: string, names: readonly string[]): number {
  const query = normal(q)
  if (!query) return TIER_OTHER
  let best = TIER_OTHER
  for (const name of names) {
    const n = normal(name)
    if (n === query) return TIER_EXACT
    if (n.startsWith(query)) best = Math.min(best, TIER_PREFIX)
    else if (` ${n}`.includes(` ${query}`)) best = Math.min(best, TIER_WORD)
  }
  return best
}
