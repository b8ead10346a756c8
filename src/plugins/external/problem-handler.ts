// Root error and not-found handlers: every error leaves as RFC 9457 application/problem+json,
// and no 5xx ever carries a message or stack trace from inside the service.
import fp from 'fastify-plugin'
import FindMyWay, { type HTTPMethod } from 'find-my-way'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { DB_RETRY_AFTER_SECONDS, PROBLEMS, ProblemError, problemType, type ProblemCode, type ProblemField } from '../../lib/errors.js'
import type { Problem } from '../../schemas/problem.js'
import { dbErrorCode, dbFailure } from '../../db/errors.js'

export function sendProblem (
  request: FastifyRequest, reply: FastifyReply, code: ProblemCode, detail: string,
  fields?: ProblemField[], headers?: Record<string, string>
): FastifyReply {
  const info = PROBLEMS[code]
  const body: Problem = {
    type: problemType(code),
    title: info.title,
    status: info.status,
    detail,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
  }
  if (fields && fields.length > 0) body.errors = fields
  if (headers) reply.headers(headers)
  return reply.code(info.status).type('application/problem+json').send(body)
}

/** Router errors (bad URL encoding, over-long parameters), raised before any route, as problem+json. */
export function routingProblem (err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err.code === 'FST_ERR_BAD_URL') return sendProblem(request, reply, 'WS_ERR_BAD_REQUEST', 'The URL is not valid (malformed percent-encoding).')
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH' || err.statusCode === 414) {
    return sendProblem(request, reply, 'WS_ERR_URI_TOO_LONG', 'A path parameter is longer than any id this API issues.')
  }
  return sendProblem(request, reply, 'WS_ERR_BAD_REQUEST', err.message)
}

/** One entry per parameter at fault; a failed enum lists its allowed values once. */
function validationFields (err: FastifyError): ProblemField[] {
  const context = err.validationContext ?? 'request'
  const byName = new Map<string, { reasons: string[], allowed: unknown[] }>()
  for (const v of err.validation ?? []) {
    const params = v.params as { missingProperty?: string, additionalProperty?: string, allowedValue?: unknown, allowedValues?: unknown[] }
    const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.')
    const name = [context, path, params.missingProperty ?? params.additionalProperty].filter(Boolean).join('.').slice(0, 200)
    const entry = byName.get(name) ?? { reasons: [], allowed: [] }
    byName.set(name, entry)
    if (v.keyword === 'const') entry.allowed.push(params.allowedValue)
    else if (v.keyword === 'enum') entry.allowed.push(...(params.allowedValues ?? []))
    else if (v.keyword === 'additionalProperties') entry.reasons.push('is not a known parameter or field')
    else if (v.keyword !== 'anyOf') entry.reasons.push(v.message ?? 'is invalid')
  }
  return [...byName].map(([name, { reasons, allowed }]) => ({
    name,
    reason: [...new Set([...(allowed.length > 0 ? [`must be one of: ${allowed.join(', ')}`] : []), ...reasons])].join('; ') || 'is invalid',
  }))
}

const METHODS: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']

export default fp(async (fastify) => {
  // A mirror of the route table, to tell "no such path" (404) from "not with this method" (405).
  const routes = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 2048 })
  fastify.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => METHODS.includes(m as HTTPMethod))
    for (const method of methods) {
      try {
        routes.on(method as HTTPMethod, route.url, () => {})
      } catch {} // the same method and path twice (e.g. HEAD for GET): once is enough
    }
  })

  function noRoute (request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const path = request.url.split('?')[0] ?? '/'
    const allowed = METHODS.filter((m) => routes.find(m, path) !== null)
    if (allowed.length > 0) {
      return sendProblem(request, reply, 'WS_ERR_METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}.`,
        undefined, { allow: allowed.join(', ') })
    }
    return sendProblem(request, reply, 'WS_ERR_ROUTE_NOT_FOUND', `No route ${request.method} ${path}.`)
  }

  fastify.setNotFoundHandler(noRoute)

  fastify.setErrorHandler((err: FastifyError | Error, request, reply) => {
    if (err instanceof ProblemError) {
      if (err.statusCode >= 500) request.log.warn({ err }, 'request failed')
      return sendProblem(request, reply, err.code, err.message, err.fields, err.headers)
    }
    const failure = dbFailure(err)
    if (failure === 'invalid-bookmark') {
      return sendProblem(request, reply, 'WS_ERR_VALIDATION', 'The neo4j-bookmarks header does not hold bookmarks this database issued.', [
        { name: 'headers.neo4j-bookmarks', reason: 'is not a bookmark this database issued; send back the header of an earlier write, or none' },
      ])
    }
    if (failure === 'entity-gone') {
      return sendProblem(request, reply, 'WS_ERR_CONFLICT', 'Something this request relies on was changed by a concurrent write; retry it.')
    }
    if (failure === 'unavailable') {
      request.log.warn({ code: dbErrorCode(err), msg: err.message }, 'database unavailable')
      return sendProblem(request, reply, 'WS_ERR_DB_UNAVAILABLE',
        'The graph database cannot be reached right now; retry shortly.', undefined,
        { 'retry-after': String(DB_RETRY_AFTER_SECONDS) })
    }
    if (failure === 'timeout') {
      request.log.warn({ code: dbErrorCode(err) }, 'database query timed out')
      return sendProblem(request, reply, 'WS_ERR_DB_TIMEOUT',
        'The query took longer than the database timeout allows; narrow it and retry.', undefined,
        { 'retry-after': String(DB_RETRY_AFTER_SECONDS) })
    }
    if (failure === 'other') {
      request.log.error({ err }, 'database error')
      return sendProblem(request, reply, 'WS_ERR_INTERNAL', 'An unexpected error occurred; it has been logged.')
    }
    const fe = err as FastifyError
    // Errors raised before routing (e.g. a QUERY request without a body type) on a path or
    // method we do not serve are routing answers, not request errors.
    if (!request.routeOptions.url) return noRoute(request, reply)
    if (fe.validation) {
      const fields = validationFields(fe)
      return sendProblem(request, reply, 'WS_ERR_VALIDATION',
        fields.map((f) => `${f.name} ${f.reason}`).join('; '), fields)
    }
    const status = fe.statusCode ?? 500
    if (status === 413) return sendProblem(request, reply, 'WS_ERR_PAYLOAD_TOO_LARGE', fe.message)
    if (status === 415) return sendProblem(request, reply, 'WS_ERR_UNSUPPORTED_MEDIA_TYPE', fe.message)
    if (status === 429) return sendProblem(request, reply, 'WS_ERR_RATE_LIMITED', fe.message)
    if (status === 503) return sendProblem(request, reply, 'WS_ERR_OVERLOADED', fe.message, undefined, { 'retry-after': String(DB_RETRY_AFTER_SECONDS) })
    if (status >= 400 && status < 500) return sendProblem(request, reply, 'WS_ERR_BAD_REQUEST', fe.message)
    request.log.error({ err }, 'unhandled error')
    return sendProblem(request, reply, 'WS_ERR_INTERNAL', 'An unexpected error occurred; it has been logged.')
  })
}, { name: 'problem-handler' })
