// Deterministic ids to ask about, picked from the synthetic graph itself: actors ranked by how
// many statements they made plus how many are about them (ties by id). The "mid-degree" actor sits
// at the 95th percentile (by default) of that ranking among actors that both spoke and were spoken
// about: busy enough to fill a page, far from the hub, and at the same percentile at every graph
// size (the degree distribution keeps its shape as the graph grows); the second one is the next in
// rank. The hub is rank 0, reported separately. The search word is the first word of the mid
// actor's name, so it matches actor names and statement texts that name it.
import type { Db } from '../../src/db/db.js'

export interface ActorPick { id: string, name: string, said: number, about: number, degree: number, rank: number }

export interface Targets {
  mid: ActorPick
  mid2: ActorPick
  hub: ActorPick
  /** Actors that both spoke and were spoken about (the ranking's size). */
  ranked: number
  word: string
  percentile: number
  /** For the plans of the other read endpoints: a topic, a document and a statement of the mid actor. */
  topic: string | null
  document: string | null
  statement: string | null
}

const RANK = `
MATCH (a:Actor) WHERE a.id STARTS WITH 'syn-'
WITH a, COUNT { (a)-[:SAID]->() } AS said, COUNT { ()-[:ABOUT]->(a) } AS about
WHERE said > 0 AND about > 0
WITH a, said, about, said + about AS degree
ORDER BY degree DESC, a.id
WITH collect({id: a.id, name: a.name, said: said, about: about, degree: degree}) AS ranked
WITH ranked, toInteger(floor(size(ranked) * (1 - $percentile / 100.0))) AS at
RETURN ranked[0] AS hub, ranked[at] AS mid, ranked[at + 1] AS mid2, at, size(ranked) AS n`

// The mid actor's first statement (by id), the document reporting it and its first topic.
const EXTRA = `
MATCH (:Actor {id: $id})-[:SAID]->(s:Statement)
WITH s ORDER BY s.id LIMIT 1
RETURN s.id AS statement,
  head([(s)-[:REPORTED_IN]->(d:Document) | d.id]) AS document,
  head([(s)-[:ON_TOPIC]->(t:Topic) | t.id]) AS topic`

export async function pickTargets (db: Db, percentile = 95): Promise<Targets> {
  const [row] = await db.read(RANK, { percentile })
  if (!row?.mid || !row.mid2 || !row.hub) throw new Error('the graph holds too few synthetic actors to pick targets from')
  const at = Number(row.at)
  const pick = (value: unknown, rank: number): ActorPick => {
    const v = value as Omit<ActorPick, 'rank'>
    return { id: v.id, name: v.name, said: Number(v.said), about: Number(v.about), degree: Number(v.degree), rank }
  }
  const mid = pick(row.mid, at)
  const word = (mid.name.split(/[^\p{L}\p{N}]+/u).find((w) => w.length >= 3) ?? mid.name).toLowerCase()
  const [extra] = await db.read(EXTRA, { id: mid.id })
  return {
    mid,
    mid2: pick(row.mid2, at + 1),
    hub: pick(row.hub, 0),
    ranked: Number(row.n),
    word,
    percentile,
    topic: (extra?.topic as string | null) ?? null,
    document: (extra?.document as string | null) ?? null,
    statement: (extra?.statement as string | null) ?? null,
  }
}
