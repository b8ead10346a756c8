// Debian's Chromium for browser tests: installed with apt-get when missing (CI runs as root on
// a fresh machine). Playwright never downloads a browser of its own here.
import { ensureDebianPackage } from './debian.js'

export const CHROMIUM = '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
]

export function ensureChromium (): string {
  return ensureDebianPackage(CHROMIUM, 'chromium')
}
