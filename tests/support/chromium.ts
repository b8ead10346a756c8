// Debian's Chromium for browser tests: installed with apt-get when missing (CI runs as root on
// a fresh machine). Playwright never downloads a browser of its own here.
import { ensureDebianPackages } from './debian.js'

export const CHROMIUM = '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
]

export const CHROMIUM_PACKAGE = { binary: CHROMIUM, pkg: 'chromium' }

export function ensureChromium (): string {
  ensureDebianPackages([CHROMIUM_PACKAGE])
  return CHROMIUM
}
