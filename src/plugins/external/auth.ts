// Bearer API keys with scopes. Writes need `write` (merges `admin`); reads are public unless
// REQUIRE_AUTH_FOR_READS=true. Missing or unknown key: 401; known key without the scope: 403.
import fp from 'fastify-plugin'
import type { FastifyRequest, preParsingAsyncHookHandler } from 'fastify'
import type { Config } from '../../config.js'
import { findKey, parseApiKeys, type ApiKey, type Scope } from '../../lib/api-keys.js'
import { closeAfterAnswer } from '../../lib/drain.js'
import { ProblemError } from '../../lib/errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    apiKey: ApiKey | null
    /** Why the presented credentials were refused; answered after rate limiting (see guards.ts). */
    authError: ProblemError | null
  }
  interface FastifyInstance {
    /**
     * A route's preParsing hook: the key is checked before the body is read, so a refused upload
     * is answered at once instead of after megabytes it will not use.
     */
    requireScope: (scope: Scope) => preParsingAsyncHookHandler
  }
}

function presentedKey (request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) return null
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  if (!match?.[1]) {
    throw new ProblemError('WS_ERR_UNAUTHORIZED', 'The Authorization header must be `Bearer <api key>`.', {
      headers: { 'www-authenticate': 'Bearer realm="whosaid"' },
    })
  }
  return match[1]
}

export default fp<{ config: Config }>(async (fastify, { config }) => {
  const keys = parseApiKeys(config.API_KEYS)
  fastify.decorateRequest('apiKey', null)
  fastify.decorateRequest('authError', null)

  // Identify the caller once per request (rate limits and createdBy use it too). A bad key is
  // not refused here: the refusal waits until the rate limiter has counted the attempt against
  // the client's address, so keys cannot be guessed at full speed.
  fastify.addHook('onRequest', async (request) => {
    try {
      const presented = presentedKey(request)
      if (presented === null) return
      const key = findKey(keys, presented)
      if (!key) {
        throw new ProblemError('WS_ERR_UNAUTHORIZED', 'The API key is not valid.', {
          headers: { 'www-authenticate': 'Bearer realm="whosaid", error="invalid_token"' },
        })
      }
      request.apiKey = key
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err
      request.authError = err
    }
  })

  function check (request: FastifyRequest, scope: Scope): void {
    if (request.authError) throw request.authError
    if (!request.apiKey) {
      throw new ProblemError('WS_ERR_UNAUTHORIZED', `This operation needs an API key with the ${scope} scope (Authorization: Bearer <key>).`, {
        headers: { 'www-authenticate': 'Bearer realm="whosaid"' },
      })
    }
    if (!request.apiKey.scopes.has(scope)) {
      throw new ProblemError('WS_ERR_FORBIDDEN', `The API key '${request.apiKey.name}' lacks the ${scope} scope.`)
    }
  }

  fastify.decorate('requireScope', (scope: Scope): preParsingAsyncHookHandler => async (request, reply, payload) => {
    try {
      check(request, scope)
    } catch (err) {
      closeAfterAnswer(request.headers, reply, payload)
      throw err
    }
    return payload
  })

  if (config.REQUIRE_AUTH_FOR_READS) {
    fastify.addHook('preParsing', async (request, _reply, payload) => {
      // The matched route, not the raw URL: /%761/actors is /v1/actors to the router too.
      const route = request.routeOptions.url
      if ((request.method === 'GET' || request.method === 'HEAD') && route?.startsWith('/v1/')) check(request, 'read')
      return payload
    })
  }
}, { name: 'auth' })
