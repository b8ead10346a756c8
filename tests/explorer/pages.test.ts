// A person's path through the explorer in headless Chromium, over the article graph: each page
// shows what the article says, makes no request off the server, and passes axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCREENSHOTS, WRITE_KEY, expectClean, startSession, watchedPage, type Session } from './support.js'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS } from '../support/chromium.js'
import { article } from '../routes/v1/seeded.js'

describe('the explorer in a browser', () => {
  let s: Session

  beforeAll(async () => { s = await startSession() }, 600_000)
  afterAll(async () => {
    await s?.browser.close()
    await s?.app.close()
  })

  it('/ redirects to /explore/, which shows the search box and the graph\'s size', async () => {
    const w = await watchedPage(s.browser)
    const res = await w.page.goto(`${s.base}/`)
    expect(new URL(w.page.url()).pathname).toBe('/explore/')
    expect(res?.headers()['content-security-policy']).toContain("worker-src 'self' blob:")
    await w.page.getByText(`${article.actors.length} actors`).waitFor()
    await expect.poll(() => w.page.locator('.stats').textContent(), { timeout: 15_000 }).toContain(`${article.statements.length} statements`)
    await w.page.getByLabel('Search actors, statements and documents').waitFor()
    await w.page.screenshot({ path: `${SCREENSHOTS}/home.png` })
    await expectClean(w, s.base)
    await w.page.close()
  })

  it('search for "Oracle" finds the actor first, with its name highlighted', async () => {
    const w = await watchedPage(s.browser)
    await w.page.goto(`${s.base}/explore/`)
    await w.page.getByLabel('Search actors, statements and documents').fill('Oracle')
    await w.page.getByRole('button', { name: 'Search' }).click()
    await w.page.waitForURL(/\/explore\/search\?q=Oracle/)
    const first = w.page.locator('ol.hits > li').first()
    await first.waitFor()
    expect(await first.getAttribute('class')).toContain('actor')
    expect(await first.locator('a').getAttribute('href')).toBe('/explore/actors/oracle')
    expect(await first.locator('mark').first().textContent()).toBe('Oracle')
    await w.page.screenshot({ path: `${SCREENSHOTS}/search.png` })
    await expectClean(w, s.base)
    await w.page.close()
  })

  it('keeps what a person typed when the page\'s data arrives after it (the forms are not reset by a re-render)', async () => {
    const w = await watchedPage(s.browser)
    // Hold /v1/stats until the search box and a filter have been filled in.
    let release!: () => void
    const held = new Promise<void>((resolve) => { release = resolve })
    await w.page.route('**/v1/stats', async (route) => { await held; await route.continue() })
    await w.page.goto(`${s.base}/explore/`)
    const box = w.page.getByLabel('Search actors, statements and documents')
    await box.fill('Oracle')
    await w.page.getByLabel('Stance').selectOption('critical')
    await w.page.getByLabel('From (YYYY, YYYY-MM or YYYY-MM-DD)').fill('2021')
    release()
    await w.page.locator('.stats').waitFor()
    expect(await box.inputValue()).toBe('Oracle')
    expect(await w.page.getByLabel('Stance').inputValue()).toBe('critical')
    expect(await w.page.getByLabel('From (YYYY, YYYY-MM or YYYY-MM-DD)').inputValue()).toBe('2021')
    await w.page.getByRole('button', { name: 'Search' }).click()
    await w.page.waitForURL(/\/explore\/search\?q=Oracle/)
    await w.page.unroute('**/v1/stats')
    await w.page.close()
  })

  it('TikTok\'s page lists Brendan Carr and Marsha Blackburn as critical, and draws its network with ByteDance and Oracle', async () => {
    const w = await watchedPage(s.browser)
    await w.page.goto(`${s.base}/explore/actors/tiktok`)
    await w.page.getByRole('heading', { level: 1, name: 'TikTok' }).waitFor()
    for (const speaker of ['brendan-carr', 'marsha-blackburn']) {
      const group = w.page.locator(`li.group[data-speaker="${speaker}"]`)
      await group.waitFor()
      const bar = await group.locator('.stance-bar').first().getAttribute('aria-label')
      expect(bar).toMatch(/: \d+ critical$/)
    }
    // The network's table view holds the same nodes and merged edges as the drawing.
    await w.page.locator('details.table-view tr[data-node="bytedance"]').waitFor({ state: 'attached' })
    await w.page.locator('details.table-view tr[data-node="oracle"]').waitFor({ state: 'attached' })
    await w.page.locator('details.table-view tr[data-edge="tiktok>oracle"]').waitFor({ state: 'attached' })
    await w.page.locator('details.table-view tr[data-edge="bytedance>tiktok"]').waitFor({ state: 'attached' })
    const webgl = await w.page.locator('.sigma').count()
    if (webgl > 0) {
      // sigma's graph, as drawn
      await expect.poll(() => w.page.evaluate('document.querySelector(".sigma").graph?.hasNode("oracle") && document.querySelector(".sigma").graph?.hasNode("bytedance")'), { timeout: 15_000 }).toBe(true)
    }
    await w.page.waitForTimeout(2800) // the layout settles
    await w.page.screenshot({ path: `${SCREENSHOTS}/actor-tiktok.png`, fullPage: true })
    await w.page.screenshot({ path: `${SCREENSHOTS}/actor.png` })
    await w.page.locator('.network').screenshot({ path: `${SCREENSHOTS}/network.png` })
    await w.page.locator('details.table-view summary').click()
    await expectClean(w, s.base)
    await w.page.close()
  })

  it('a merged id follows the 308 to the canonical actor', async () => {
    await s.app.db.write("CREATE (:ActorRedirect {id: 'tik-tok-old', to: 'tiktok'})", {})
    const w = await watchedPage(s.browser)
    await w.page.goto(`${s.base}/explore/actors/tik-tok-old`)
    await w.page.getByRole('heading', { level: 1, name: 'TikTok' }).waitFor()
    await expect.poll(() => new URL(w.page.url()).pathname, { timeout: 15_000 }).toBe('/explore/actors/tiktok')
    expect(w.errors).toEqual([])
    await w.page.close()
  })

  it('the article\'s page highlights every statement reported in it, each linked to its card', async () => {
    const w = await watchedPage(s.browser)
    await w.page.goto(`${s.base}/explore/documents/tiktok-on-defense-2022`)
    await w.page.locator('.fulltext mark').first().waitFor()
    const reported = article.statements.filter((st) => st.reportedIn.document === 'tiktok-on-defense-2022')
    const marked = await w.page.locator('.fulltext mark').evaluateAll((els) => els.map((e) => e.getAttribute('data-statements') ?? ''))
    const covered = new Set(marked.flatMap((m) => m.split(' ')))
    for (const st of reported) expect(covered, st.id).toContain(st.id)
    // the text under the marks is each statement's evidence, character for character
    for (const st of reported.slice(0, 3)) {
      const text = await w.page.locator(`.fulltext mark[data-statements~="${st.id}"]`).allTextContents()
      expect(text.join('')).toBe(st.reportedIn.evidence.text)
    }
    const links = await w.page.locator('.fulltext a.ev').evaluateAll((els) => els.map((e) => e.getAttribute('href')))
    for (const st of reported) expect(links).toContain(`/explore/statements/${st.id}`)
    await w.page.getByRole('heading', { name: 'Who is quoted' }).waitFor()
    await w.page.screenshot({ path: `${SCREENSHOTS}/document.png`, fullPage: false })
    await expectClean(w, s.base)
    await w.page.close()
  })

  it('the card of Cloutier\'s statement shows the 2020 blog post as the original document', async () => {
    const w = await watchedPage(s.browser)
    await w.page.goto(`${s.base}/explore/statements/cloutier-minimize-data-access-across-regions`)
    const original = w.page.locator('p.original a')
    await original.waitFor()
    expect(await original.getAttribute('href')).toBe('/explore/documents/cloutier-blog-post-2020')
    expect(await original.textContent()).toContain('Roland Cloutier blog post')
    expect(await w.page.locator('.facts').textContent()).toContain("TikTok's chief information security officer")
    await w.page.locator('.context mark').waitFor()
    await w.page.screenshot({ path: `${SCREENSHOTS}/statement.png`, fullPage: true })
    await expectClean(w, s.base)
    // and the link opens the document in the page
    await original.click()
    await w.page.waitForURL(/\/explore\/documents\/cloutier-blog-post-2020$/)
    await w.page.getByRole('heading', { level: 1 }).filter({ hasText: 'Cloutier' }).waitFor()
    await w.page.close()
  })

  it('the matrix cell Brendan Carr × TikTok links to his statements about TikTok, and the pair has a timeline', async () => {
    const w = await watchedPage(s.browser)
    await w.page.goto(`${s.base}/explore/matrix?speakers=brendan-carr,marsha-blackburn&targets=tiktok,apple-chief-executive`)
    const cell = w.page.locator('td[data-pair="brendan-carr>tiktok"] a').first()
    await cell.waitFor()
    const expected = article.statements.filter((st) => st.speakers.some((x) => x.actor === 'brendan-carr') && st.targets.some((t) => t.actor === 'tiktok'))
    expect(await cell.textContent()).toBe(String(expected.length))
    expect(await cell.getAttribute('href')).toBe('/explore/statements?speaker=brendan-carr&about=tiktok')
    await w.page.locator('td[data-pair="brendan-carr>tiktok"] a.trend').click()
    await w.page.locator('svg.chart').waitFor()
    expect(await w.page.locator('#chart-desc').textContent()).toContain(`2022-06: ${expected.length} critical`)
    await w.page.screenshot({ path: `${SCREENSHOTS}/matrix.png`, fullPage: true })
    await expectClean(w, s.base)
    await cell.click()
    await w.page.waitForURL(/\/explore\/statements\?speaker=brendan-carr&about=tiktok$/)
    await expect.poll(() => w.page.locator('li.statement').count(), { timeout: 15_000 }).toBe(expected.length)
    await w.page.screenshot({ path: `${SCREENSHOTS}/statements.png`, fullPage: false })
    await expectClean(w, s.base)
    await w.page.close()
  })

  it('renders a deep link in under a second (first contentful paint, a new browser context)', async () => {
    const w = await watchedPage(s.browser)
    await w.page.goto(`${s.base}/explore/actors/tiktok`)
    await w.page.getByRole('heading', { level: 1, name: 'TikTok' }).waitFor()
    // The page's own clock, from navigation start to the first contentful paint.
    const fcp = Number(await w.page.evaluate('performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0'))
    console.log(`explorer /explore/actors/tiktok: first contentful paint ${Math.round(fcp)} ms`)
    expect(fcp).toBeGreaterThan(0)
    expect(fcp).toBeLessThan(1000)
    await w.page.close()
  })

  it('without WebGL, the network is the table view (open), with the same nodes', async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--disable-webgl', '--disable-3d-apis'] })
    try {
      const page = await (await browser.newContext()).newPage()
      await page.goto(`${s.base}/explore/actors/tiktok`)
      await page.getByText('This browser has no WebGL').waitFor()
      expect(await page.locator('details.table-view').getAttribute('open')).not.toBeNull()
      await page.locator('tr[data-node="oracle"]').waitFor()
      expect(await page.locator('.sigma').count()).toBe(0)
    } finally {
      await browser.close()
    }
  })

  it('the draft page shows what POST /v1/extract drafted and imports the seed fragment with a key', async () => {
    const w = await watchedPage(s.browser)
    // A short article of our own, drafted by the real POST /v1/extract against the article graph.
    const text = 'Senators met on Tuesday. "The data never leaves Texas," said Roland Cloutier, who leads security at TikTok.'
    const quote = '"The data never leaves Texas,"'
    await w.page.goto(`${s.base}/explore/draft`)
    await w.page.getByLabel('Article text').fill(text)
    await w.page.getByRole('button', { name: 'Draft statements' }).click()
    await w.page.getByRole('heading', { name: '1 draft statement' }).waitFor()
    expect(await w.page.locator('li.draft mark').first().textContent()).toContain(quote.slice(1, -2))
    expect(await w.page.locator('li.draft').first().textContent()).toContain('Roland Cloutier')
    await w.page.getByLabel('API key with the write scope').fill(WRITE_KEY)
    await w.page.getByRole('button', { name: 'Import into the graph' }).click()
    await expect.poll(() => w.page.locator('[role=status]').textContent(), { timeout: 15_000 }).toMatch(/[1-9]\d* created/)
    const said = await s.app.inject({ url: '/v1/statements?speaker=roland-cloutier&limit=100' })
    expect((said.json() as { items: Array<{ text: string }> }).items.map((i) => i.text)).toContain('The data never leaves Texas')
    await w.page.screenshot({ path: `${SCREENSHOTS}/draft.png`, fullPage: true })
    await expectClean(w, s.base)
    await w.page.close()
  })

  it('answers deep links with the page and caches hashed files for a year', async () => {
    const page = await s.app.inject({ url: '/explore/actors/tiktok' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['cache-control']).toBe('no-cache')
    expect(page.headers['content-type']).toContain('text/html')
    const script = /src="(\/explore\/assets\/[^"]+\.js)"/.exec(page.body)?.[1]
    expect(script).toBeDefined()
    const asset = await s.app.inject({ url: script! })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await s.app.inject({ url: '/explore/assets/missing.js' })).statusCode).toBe(404)
    // The API keeps no CSP of the explorer's
    expect((await s.app.inject({ url: '/v1/stats' })).headers['content-security-policy']).toBeUndefined()
  })
})

describe('the explorer\'s weight', () => {
  it('ships under 300 KB of gzipped JavaScript, and the committed API types match openapi/openapi.json', async () => {
    const { readdirSync, readFileSync } = await import('node:fs')
    const { gzipSync } = await import('node:zlib')
    const { execFileSync } = await import('node:child_process')
    const dir = 'dist/explorer/assets'
    const total = readdirSync(dir).filter((f) => f.endsWith('.js')).reduce((n, f) => n + gzipSync(readFileSync(`${dir}/${f}`)).length, 0)
    expect(total).toBeLessThan(300 * 1024)
    const generated = execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', 'openapi/openapi.json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    expect(generated.trim(), 'run npm run explorer:types').toBe(readFileSync('explorer/src/api-types.ts', 'utf8').trim())
  })
})
