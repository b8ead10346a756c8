// A person's path through Swagger UI: open /docs in headless Chromium, expand
// "who said what about", Try it out with TikTok, Execute, and read Brendan Carr in the answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser } from 'playwright-core'
import { buildTestApp } from '../helpers.js'
import { seedArticle } from '../support/fixtures.js'
import { CHROMIUM_ARGS, ensureChromium } from '../support/chromium.js'

describe('Swagger UI in a browser', () => {
  let app: FastifyInstance
  let browser: Browser
  let base: string

  beforeAll(async () => {
    const executablePath = ensureChromium()
    app = await buildTestApp()
    await seedArticle(app.db)
    base = await app.listen({ host: '127.0.0.1', port: 0 })
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
  }, 600_000)

  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('runs who-said-what-about TikTok with "Try it out" and shows Brendan Carr', async () => {
    const page = await browser.newPage()
    await page.goto(`${base}/docs`)
    const operation = page.locator('#operations-analysis-whoSaidWhatAbout')
    await operation.locator('.opblock-summary').click()
    await operation.locator('button.try-out__btn').click()
    await operation.locator('input[placeholder="id"]').fill('tiktok')
    await operation.locator('button.execute').click()
    const body = operation.locator('.live-responses-table .response-col_description .microlight, .live-responses-table .response-col_description pre').first()
    await body.waitFor({ timeout: 20_000 })
    await expect.poll(async () => body.textContent(), { timeout: 20_000 }).toContain('Brendan Carr')
    const status = await operation.locator('.live-responses-table .response .response-col_status').first().textContent()
    expect(status?.trim()).toBe('200')
    await page.screenshot({ path: '.neo4j/docs-who-said.png', fullPage: false })
    await page.close()
  }, 120_000)
})
