// The explorer: a single-page app built by Vite into dist/explorer (npm run build), served here.
// Hashed assets are immutable; index.html is answered for every /explore/* path (deep links)
// and always revalidated, so a new build reaches browsers at once. The page's CSP lives here,
// for these responses only: the API and Swagger UI keep their own.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import fastifyStatic from '@fastify/static'
import { projectRoot } from '../../lib/paths.js'
import { notFound } from '../../lib/errors.js'

export const EXPLORER_DIR = join(projectRoot(), 'dist', 'explorer')

// Everything the page loads comes from this server. The graph layout (ForceAtlas2) runs in a
// Web Worker that graphology builds from a blob: URL; sigma draws with WebGL, which CSP does not
// govern. Styles are one stylesheet file; style attributes are only set through the CSSOM.
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const explorer: FastifyPluginAsync = async (fastify) => {
  const indexFile = join(EXPLORER_DIR, 'index.html')
  fastify.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/explore/', 302))

  if (!existsSync(indexFile)) {
    fastify.log.warn(`${indexFile} is missing: run npm run build to serve the explorer`)
    return
  }
  const index = readFileSync(indexFile, 'utf8')

  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/explore')) reply.header('content-security-policy', EXPLORER_CSP)
    return payload
  })

  // File names carry a content hash (Vite): a year, immutable.
  await fastify.register(fastifyStatic, {
    root: join(EXPLORER_DIR, 'assets'),
    prefix: '/explore/assets/',
    wildcard: false,
    index: false,
    maxAge: '365d',
    immutable: true,
    etag: false,
    lastModified: false,
  })

  const sendIndex = (reply: FastifyReply) => reply
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .send(index)
  fastify.get('/explore', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/explore/', 302))
  fastify.get('/explore/', { schema: { hide: true } }, async (_request, reply) => sendIndex(reply))
  // Deep links (/explore/actors/tiktok, ...) are routes of the page itself.
  fastify.get('/explore/*', { schema: { hide: true } }, async (request, reply) => {
    // A missing asset is a missing file, not a page: 404 rather than index.html.
    if (request.url.startsWith('/explore/assets/')) throw notFound('file', request.url)
    return sendIndex(reply)
  })
}

export default explorer
