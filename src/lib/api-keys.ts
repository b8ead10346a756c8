// API keys: configuration holds only a SHA-256 of each key, with its name and scopes. A
// presented key is hashed and compared with every configured hash in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export const SCOPES = ['read', 'write', 'admin'] as const
export type Scope = (typeof SCOPES)[number]

export interface ApiKey { name: string, scopes: Set<Scope>, hash: Buffer }

/** admin includes write, write includes read. */
const IMPLIED: Record<Scope, Scope[]> = { read: ['read'], write: ['read', 'write'], admin: ['read', 'write', 'admin'] }

export function hashKey (key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}

/** Parses API_KEYS (`name:scope+scope:sha256hex,...`); the config schema has checked the format. */
export function parseApiKeys (value: string): ApiKey[] {
  if (value === '') return []
  return value.split(',').map((entry) => {
    const [name = '', scopes = '', hash = ''] = entry.split(':')
    return {
      name,
      scopes: new Set((scopes.split('+') as Scope[]).flatMap((s) => IMPLIED[s])),
      hash: Buffer.from(hash, 'hex'),
    }
  })
}

/** The configured key matching `presented`, if any; every key is compared, whatever matches. */
export function findKey (keys: ApiKey[], presented: string): ApiKey | undefined {
  const digest = createHash('sha256').update(presented, 'utf8').digest()
  let found: ApiKey | undefined
  for (const key of keys) {
    if (timingSafeEqual(digest, key.hash) && !found) found = key
  }
  return found
}

export function generateKey (): string {
  return 'ws_' + randomBytes(24).toString('base64url')
}
