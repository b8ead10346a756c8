// The explorer's browser tests: the built page (vite build into dist/explorer), the real app on a
// loopback port over the article graph, Debian's Chromium, and a record of every request.
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { expect } from 'vitest'
import { buildTestApp } from '../helpers.js'
import { seedArticle } from '../support/fixtures.js'
import { CHROMIUM_ARGS, ensureChromium } from '../support/chromium.js'
import { hashKey } from '../../src/lib/api-keys.js'

/** A write key the draft page's import uses; it lives only in this test run. */
export const WRITE_KEY = 'explorer-test-write-key-0123456789'

export const SCREENSHOTS = 'test-results/explorer'

/** Builds the explorer once per run (seconds), so the tests see the current source. */
export function buildExplorer (): void {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'explorer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' })
}

export interface Session { app: FastifyInstance, browser: Browser, base: string }

export async function startSession (): Promise<Session> {
  const executablePath = ensureChromium()
  buildExplorer()
  const app = await buildTestApp({ API_KEYS: `explorer:write:${hashKey(WRITE_KEY)}` })
  await seedArticle(app.db)
  const base = await app.listen({ host: '127.0.0.1', port: 0 })
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
  mkdirSync(SCREENSHOTS, { recursive: true })
  return { app, browser, base }
}

export interface Watched { page: Page, requests: string[], errors: string[] }

/** A page that records every request it makes and every error it shows. */
export async function watchedPage (browser: Browser): Promise<Watched> {
  // axe-core's builder needs a page of a context of our own
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  const requests: string[] = []
  const errors: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`) })
  return { page, requests, errors }
}

/** No error on the page, every request to this server, zero serious or critical axe findings. */
export async function expectClean (w: Watched, base: string): Promise<void> {
  const origin = new URL(base).origin
  expect(w.errors).toEqual([])
  const elsewhere = w.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))
  expect(elsewhere).toEqual([])
  for (const u of w.requests) if (u.startsWith('http')) expect(new URL(u).hostname).toBe('127.0.0.1')
  const axe = await new AxeBuilder({ page: w.page }).analyze()
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual([])
}
