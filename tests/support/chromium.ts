// Debian's Chromium for browser tests: installed with apt-get when missing (CI runs as root on
// a fresh machine). Playwright never downloads a browser of its own here.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export const CHROMIUM = '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
]

export function ensureChromium (): string {
  if (existsSync(CHROMIUM)) return CHROMIUM
  if (process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (sudo apt-get install chromium)`)
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  // Another apt-get or dpkg (a second test run, unattended upgrades) may hold the locks: wait for
  // them, up to ten minutes, rather than fail at once.
  const wait = ['-o', 'DPkg::Lock::Timeout=600', '-o', 'Acquire::Retries=3']
  execFileSync('apt-get', [...wait, 'update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', [...wait, 'install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env })
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get install chromium did not provide ${CHROMIUM}`)
  return CHROMIUM
}
