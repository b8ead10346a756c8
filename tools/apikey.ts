// npm run apikey -- --name editor --scopes read,write
// Prints a new random key (give it to the client) and the API_KEYS entry (put it in config).
import { Command } from 'commander'
import { SCOPES, generateKey, hashKey, type Scope } from '../src/lib/api-keys.js'

const program = new Command('apikey')
  .description('Generate an API key and the API_KEYS entry that accepts it (only its hash is stored).')
  .requiredOption('--name <name>', 'who the key is for; recorded as createdBy on what it writes')
  .option('--scopes <list>', `comma-separated scopes: ${SCOPES.join(', ')}`, 'read')
  .action((opts: { name: string, scopes: string }) => {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(opts.name)) throw new Error('--name: use 1-64 letters, digits, _ . -')
    const scopes = opts.scopes.split(',').map((s) => s.trim()) as Scope[]
    const bad = scopes.filter((s) => !SCOPES.includes(s))
    if (bad.length > 0) throw new Error(`--scopes: unknown scope(s) ${bad.join(', ')}; use ${SCOPES.join(', ')}`)
    const key = generateKey()
    console.log(`key (send as Authorization: Bearer <key>; shown once): ${key}`)
    console.log(`API_KEYS entry: ${opts.name}:${scopes.join('+')}:${hashKey(key)}`)
  })

program.parse()
