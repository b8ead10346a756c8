// Guards around every request: security headers, per-key (or per-address) rate limits, shared
// through Redis when REDIS_URL is set, load shedding, and the request's causal-consistency context.
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import underPressure from '@fastify/under-pressure'
import { Redis } from 'ioredis'
import type { Config } from '../../config.js'
import { BOOKMARK_HEADER, encodeBookmarks, newContext, parseBookmarks, requestContext, serverTiming } from '../../db/request-context.js'
import { closeAfterAnswer } from '../../lib/drain.js'
import { ProblemError } from '../../lib/errors.js'

export default fp<{ config: Config }>(async (fastify, { config }) => {
  await fastify.register(helmet, {
    // Swagger UI sets its own Content-Security-Policy with hashes for its inline code.
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  })

  let redis: Redis | undefined
  if (config.REDIS_URL) {
    redis = new Redis(config.REDIS_URL, { connectTimeout: 1000, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false })
    redis.on('error', (err) => fastify.log.warn({ err: err.message }, 'redis error (rate limits fall back to allowing requests)'))
    fastify.addHook('onClose', async () => { await redis?.quit().catch(() => redis?.disconnect()) })
  }
  await fastify.register(rateLimit, {
    global: true,
    max: config.RATE_LIMIT_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    // Route-level onRequest: after auth has identified the key (instance-level onRequest), so a
    // key's limit follows the key across addresses, and before a refused key is answered
    // (preParsing below), so failed attempts count against the address.
    hook: 'onRequest',
    keyGenerator: (request) => request.apiKey && !request.authError ? `key:${request.apiKey.name}` : `ip:${request.ip}`,
    enableDraftSpec: true,
    ...(redis ? { redis, nameSpace: 'whosaid-rl:', skipOnError: true } : {}),
    allowList: (request) => request.url.startsWith('/health/'),
    errorResponseBuilder: (_request, context) => new ProblemError('WS_ERR_RATE_LIMITED',
      `Rate limit of ${context.max} requests per ${Math.round(context.ttl / 1000) || 1} s exceeded; retry after ${context.after}.`),
  })

  // Refused credentials are answered here, after the rate limiter counted them (auth.ts).
  // Before the body is parsed, so a refused upload is answered without reading it.
  fastify.addHook('preParsing', async (request, reply, payload) => {
    if (request.authError) {
      closeAfterAnswer(request.headers, reply, payload)
      throw request.authError
    }
    return payload
  })

  if (config.MAX_EVENT_LOOP_DELAY_MS > 0 || config.MAX_HEAP_USED_BYTES > 0) {
    await fastify.register(underPressure, {
      maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: config.MAX_HEAP_USED_BYTES,
      retryAfter: 5,
      pressureHandler: (_request, _reply, type, value) => {
        throw new ProblemError('WS_ERR_OVERLOADED', `The service is overloaded (${type}: ${value}); retry shortly.`, {
          headers: { 'retry-after': '5' },
        })
      },
    })
  }

  // Each request runs in its own causal chain, seeded from the client's bookmarks, so a read
  // that carries a write's bookmarks sees that write on any cluster member.
  fastify.addHook('onRequest', (request, _reply, done) => {
    requestContext.run(newContext(parseBookmarks(request.headers[BOOKMARK_HEADER]) ?? []), done)
  })
  fastify.addHook('onSend', async (request, reply, payload) => {
    const context = requestContext.getStore()
    if (context) reply.header('server-timing', serverTiming(context))
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 300) {
      const store = context
      const bookmarks = store ? [...await store.bookmarkManager.getBookmarks()] : []
      if (bookmarks.length > 0) reply.header(BOOKMARK_HEADER, encodeBookmarks(bookmarks))
    }
    return payload
  })
}, { name: 'guards', dependencies: ['auth'] })
