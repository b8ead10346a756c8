// POST /v1/actors/{id}/merge (admin): the duplicate's statements, mentions, affiliations, document
// links and names move to the canonical actor, and its id answers 308 to the canonical one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { seedArticle } from '../support/fixtures.js'
import {
  KEYS, article, dbCounts, evidenceFor, expectProblem, expectedStats, fieldNames, get, getOk, patch, post, put, restoreAndClose,
  stats, statementBody, writesApp,
} from './support.js'

let app: FastifyInstance
beforeAll(async () => { app = await writesApp() })
afterAll(async () => { await restoreAndClose(app) })

const merge = (from: string, into: string, key: string | null = KEYS.admin) => post(app, `/v1/actors/${from}/merge`, { into }, key)

/** A duplicate of Shou Zi Chew that speaks, is spoken about, is affiliated both ways, and wrote a document. */
async function makeDuplicate (): Promise<void> {
  const responses = [
    await put(app, '/v1/actors/chew-duplicate', {
      name: 'S. Z. Chew',
      kind: 'person',
      aliases: ['Mr Chew', 'Chew'],
      description: 'A duplicate.',
      affiliations: [{ organisation: 'bytedance', type: 'works-for', role: 'executive' }, { organisation: 'tiktok', type: 'ceo-of', role: 'CEO' }],
    }),
    await put(app, '/v1/actors/chew-assistant', {
      name: 'Chew\'s assistant', kind: 'person', affiliations: [{ organisation: 'chew-duplicate', type: 'works-for', role: 'assistant' }],
    }),
    await put(app, '/v1/statements/duplicate-speaks', statementBody('chew-oracle-data-security-controls', {
      speakers: [{ actor: 'chew-duplicate', role: 'chief executive' }], links: undefined,
    })),
    await put(app, '/v1/statements/duplicate-mentioned', statementBody('blackburn-tiktok-should-have-come-clean', {
      targets: [{ actor: 'chew-duplicate', stance: 'critical' }, { actor: 'tiktok', stance: 'critical' }], links: undefined,
    })),
    await put(app, '/v1/documents/duplicate-memo', { title: 'Memo', kind: 'other', datePrecision: 'unknown', authors: ['chew-duplicate'], addressees: ['chew-duplicate'], publisher: 'chew-duplicate' }),
  ]
  for (const r of responses) expect(r.statusCode, r.body).toBe(201)
}

describe('merging a duplicate into the canonical actor', () => {
  beforeEach(async () => { await seedArticle(app.db) })

  it('moves statements, mentions, affiliations (both ways), document links and names; the old id is gone', async () => {
    await makeDuplicate()
    const chewBefore = await getOk(app, '/v1/actors/shou-zi-chew')
    const before = await stats(app)
    const res = await merge('chew-duplicate', 'shou-zi-chew')
    expect(res.statusCode, res.body).toBe(200)
    const chew = res.json()
    expect(chew.id).toBe('shou-zi-chew')
    expect(res.headers.etag).toBe((await get(app, '/v1/actors/shou-zi-chew')).headers.etag)

    // names: the duplicate's name and aliases, without the canonical name or repeats
    expect(chew.aliases).toEqual([...chewBefore.aliases, 'S. Z. Chew', 'Mr Chew'])
    expect(chew.name).toBe('Shou Zi Chew')
    // statements it made and statements about it
    const spoken = await getOk(app, '/v1/statements/duplicate-speaks')
    expect(spoken.speakers.map((s: { id: string, role: string }) => `${s.id} ${s.role}`)).toEqual(['shou-zi-chew chief executive'])
    const mentioned = await getOk(app, '/v1/statements/duplicate-mentioned')
    expect(mentioned.targets.map((t: { id: string, stance: string }) => `${t.id} ${t.stance}`).sort()).toEqual(['shou-zi-chew critical', 'tiktok critical'])
    expect(chew.counts).toEqual({ statementsMade: chewBefore.counts.statementsMade + 1, statementsAbout: chewBefore.counts.statementsAbout + 1 })
    const said = (await getOk(app, '/v1/actors/shou-zi-chew/statements?limit=100')).items.map((s: { id: string }) => s.id)
    expect(said).toContain('duplicate-speaks')
    const mentions = (await getOk(app, '/v1/actors/shou-zi-chew/mentions?limit=100')).items.map((s: { id: string }) => s.id)
    expect(mentions).toContain('duplicate-mentioned')
    // affiliations: outgoing (the one both had is not doubled) and incoming
    const aff = chew.affiliations.map((a: { direction: string, type: string, actor: { id: string } }) => `${a.direction} ${a.type} ${a.actor.id}`).sort()
    expect(aff).toEqual(['incoming works-for chew-assistant', 'outgoing ceo-of tiktok', 'outgoing works-for bytedance'])
    // documents
    const memo = await getOk(app, '/v1/documents/duplicate-memo')
    expect(memo.publisher.id).toBe('shou-zi-chew')
    expect(memo.authors.map((a: { id: string }) => a.id)).toEqual(['shou-zi-chew'])
    expect(memo.addressees.map((a: { id: string }) => a.id)).toEqual(['shou-zi-chew'])
    // counts: one actor less, one redirect more, one affiliation less (ceo-of tiktok was shared)
    const after = await stats(app)
    expect(after.nodes).toEqual({ ...before.nodes, Actor: before.nodes.Actor! - 1, ActorRedirect: before.nodes.ActorRedirect! + 1 })
    expect(after.relationships).toEqual({ ...before.relationships, AFFILIATED_WITH: before.relationships.AFFILIATED_WITH! - 1 })
    const [row] = await app.db.read('MATCH (a:Actor {id: "chew-duplicate"}) RETURN count(a) AS c')
    expect(row!.c).toBe(0)
  })

  it('the old id answers 308 to the canonical actor, for the actor, its statements and its mentions (query kept)', async () => {
    await makeDuplicate()
    expect((await merge('chew-duplicate', 'shou-zi-chew')).statusCode).toBe(200)
    const cases: Array<[string, string]> = [
      ['/v1/actors/chew-duplicate', '/v1/actors/shou-zi-chew'],
      ['/v1/actors/chew-duplicate/statements', '/v1/actors/shou-zi-chew/statements'],
      ['/v1/actors/chew-duplicate/statements?limit=5&stance=critical', '/v1/actors/shou-zi-chew/statements?limit=5&stance=critical'],
      ['/v1/actors/chew-duplicate/mentions', '/v1/actors/shou-zi-chew/mentions'],
      ['/v1/actors/chew-duplicate/mentions?speaker=marsha-blackburn', '/v1/actors/shou-zi-chew/mentions?speaker=marsha-blackburn'],
      ['/v1/who-said-what-about/chew-duplicate', '/v1/who-said-what-about/shou-zi-chew'],
    ]
    for (const [from, to] of cases) {
      const res = await get(app, from)
      expect(res.statusCode, `${from}: ${res.body}`).toBe(308)
      expect(res.headers.location, from).toBe(to)
      expect((await get(app, to)).statusCode, to).toBe(200)
    }
    // a PATCH of the old id is sent on too; merging the old id again finds no actor
    const patched = await patch(app, '/v1/actors/chew-duplicate', { description: 'x' })
    expect(patched.statusCode, patched.body).toBe(308)
    expect(patched.headers.location).toBe('/v1/actors/shou-zi-chew')
    expect((await getOk(app, '/v1/actors/shou-zi-chew')).description).not.toBe('x')
    expectProblem(await merge('chew-duplicate', 'tiktok'), 404, 'not-found')
  })

  it('merging article actors: Brendan Carr into the FCC (statements, authored letter, party membership move; the affiliation with the FCC itself goes)', async () => {
    const data = article()
    const carrStatements = data.statements.filter((s) => s.speakers.some((sp) => sp.actor === 'brendan-carr')).map((s) => s.id)
    const fccBefore = await getOk(app, '/v1/actors/fcc')
    const res = await merge('brendan-carr', 'fcc')
    expect(res.statusCode, res.body).toBe(200)
    const fcc = res.json()
    expect(fcc.counts.statementsMade).toBe(fccBefore.counts.statementsMade + carrStatements.length)
    const said = (await getOk(app, '/v1/actors/fcc/statements?limit=100')).items.map((s: { id: string }) => s.id).sort()
    expect(said).toEqual(carrStatements.sort())
    const aff = fcc.affiliations.map((a: { direction: string, type: string, actor: { id: string } }) => `${a.direction} ${a.type} ${a.actor.id}`)
    expect(aff).toEqual(['outgoing member-of republican-party'])
    const letter = await getOk(app, '/v1/documents/carr-letter-to-apple-google')
    expect(letter.authors.map((a: { id: string }) => a.id)).toEqual(['fcc'])
    const carr = data.actors.find((a) => a.id === 'brendan-carr')!
    expect(fcc.aliases).toEqual([...(fccBefore.aliases as string[]), carr.name, ...(carr.aliases ?? [])].filter((x, i, all) => all.indexOf(x) === i && x !== fcc.name))
    const expected = expectedStats(data, 1)
    expected.nodes.Actor! -= 1
    expected.relationships.AFFILIATED_WITH! -= 1
    expect(await stats(app)).toEqual(expected)
  })

  it('a chain of merges redirects the first id to the last canonical actor', async () => {
    await put(app, '/v1/actors/chain-a', { name: 'Chain A', kind: 'group' })
    await put(app, '/v1/actors/chain-b', { name: 'Chain B', kind: 'group' })
    expect((await merge('chain-a', 'chain-b')).statusCode).toBe(200)
    expect((await merge('chain-b', 'congress')).statusCode).toBe(200)
    const res = await get(app, '/v1/actors/chain-a')
    expect(res.statusCode).toBe(308)
    expect(res.headers.location).toBe('/v1/actors/congress')
    expect((await getOk(app, '/v1/actors/congress')).aliases).toEqual(expect.arrayContaining(['Chain A', 'Chain B']))
  })
})

describe('merge errors', () => {
  beforeEach(async () => { await seedArticle(app.db) })

  it('into itself is 422 naming body.into, and changes nothing', async () => {
    // 422 since commit 3c1f5a1 ("422 for semantic errors"); the brief said 400.
    const before = await dbCounts(app)
    expect(fieldNames(expectProblem(await merge('tiktok', 'tiktok'), 422, 'unprocessable'))).toEqual(['body.into'])
    expect(await dbCounts(app)).toEqual(before)
  })

  it('into an unknown actor is 422 naming body.into, and changes nothing', async () => {
    const before = await dbCounts(app)
    const body = expectProblem(await merge('mike-blake', 'no-such-actor'), 422, 'unprocessable')
    expect(fieldNames(body)).toEqual(['body.into'])
    expect(await dbCounts(app)).toEqual(before)
    expect((await get(app, '/v1/actors/mike-blake')).statusCode).toBe(200)
  })

  it('an unknown duplicate is 404; a bad or missing into is 400', async () => {
    expectProblem(await merge('no-such-actor', 'tiktok'), 404, 'not-found')
    expectProblem(await post(app, '/v1/actors/mike-blake/merge', { into: 'Not A Slug' }, KEYS.admin), 400, 'invalid-parameters')
    expectProblem(await post(app, '/v1/actors/mike-blake/merge', {}, KEYS.admin), 400, 'invalid-parameters')
    expectProblem(await post(app, '/v1/actors/mike-blake/merge', { into: 'reuters', extra: 1 }, KEYS.admin), 400, 'invalid-parameters')
  })

  it('into an id that was itself merged away is 422 (it is no longer an actor)', async () => {
    expect((await merge('mike-blake', 'reuters')).statusCode).toBe(200)
    expectProblem(await merge('joe-biden', 'mike-blake'), 422, 'unprocessable')
    expect((await get(app, '/v1/actors/joe-biden')).statusCode).toBe(200)
  })

  it('needs the admin scope: a write key is 403, no key 401', async () => {
    const before = await dbCounts(app)
    expectProblem(await merge('mike-blake', 'reuters', KEYS.editor), 403, 'forbidden')
    expectProblem(await merge('mike-blake', 'reuters', null), 401, 'unauthorized')
    expect(await dbCounts(app)).toEqual(before)
  })

  it('an id that was merged away, re-created with PUT and merged again is merged (not a 500)', async () => {
    // At 3c1f5a1 the second merge CREATEd a second ActorRedirect with the same id, which the
    // actor_redirect_id uniqueness constraint rejected (500).
    await put(app, '/v1/actors/remerged', { name: 'Remerged', kind: 'person' })
    expect((await merge('remerged', 'tiktok')).statusCode).toBe(200)
    const recreated = await put(app, '/v1/actors/remerged', { name: 'Remerged', kind: 'person' })
    expect(recreated.statusCode).toBe(201)
    const res = await merge('remerged', 'bytedance')
    expect(res.statusCode, res.body).toBe(200)
    const redirect = await get(app, '/v1/actors/remerged')
    expect(redirect.statusCode).toBe(308)
    expect(redirect.headers.location).toBe('/v1/actors/bytedance')
  })
})

describe('evidence helper sanity', () => {
  it('evidenceFor builds evidence the API accepts', async () => {
    const res = await put(app, '/v1/statements/evidence-helper-check', statementBody('blackburn-tiktok-should-have-come-clean', {
      attribution: 'paraphrase',
      text: 'TikTok responded.',
      links: undefined,
      reportedIn: { document: 'tiktok-on-defense-2022', evidence: evidenceFor('TikTok') },
    }))
    expect(res.statusCode, res.body).toBe(201)
  })
})
