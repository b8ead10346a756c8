// Root error and not-found handlers: every error leaves as RFC 9457 application/problem+json,
// and no 5xx ever carries a message or stack trace from inside the service.
import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { Neo4jError } from 'neo4j-driver'
import { PROBLEMS, ProblemError, problemType, type ProblemCode, type ProblemField } from '../../lib/errors.js'
import type { Problem } from '../../schemas/problem.js'

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DB_RETRY_AFTER_SECONDS = 5

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

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound', 'Neo.TransientError.Database.DatabaseUnavailable',
])

function isTimeout (err: Neo4jError): boolean {
  return err.code.includes('TransactionTimedOut') || err.code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'
}

function validationFields (err: FastifyError): ProblemField[] {
  const context = err.validationContext ?? 'request'
  return (err.validation ?? []).map((v) => {
    const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.')
    const missing = (v.params as { missingProperty?: string }).missingProperty
    const name = [context, path, missing].filter(Boolean).join('.')
    const allowed = (v.params as { allowedValues?: unknown[] }).allowedValues
    const reason = allowed ? `${v.message ?? 'is invalid'}: ${allowed.join(', ')}` : (v.message ?? 'is invalid')
    return { name, reason }
  })
}

export default fp(async (fastify) => {
  fastify.setNotFoundHandler((request, reply) => {
    sendProblem(request, reply, 'WS_ERR_ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`)
  })

  fastify.setErrorHandler((err: FastifyError | Error, request, reply) => {
    if (err instanceof ProblemError) {
      if (err.statusCode >= 500) request.log.warn({ err }, 'request failed')
      return sendProblem(request, reply, err.code, err.message, err.fields, err.headers)
    }
    if (err instanceof Neo4jError) {
      if (UNAVAILABLE_CODES.has(err.code) || err.retriable) {
        request.log.warn({ code: err.code, msg: err.message }, 'database unavailable')
        return sendProblem(request, reply, 'WS_ERR_DB_UNAVAILABLE',
          'The graph database cannot be reached right now; retry shortly.', undefined,
          { 'retry-after': String(DB_RETRY_AFTER_SECONDS) })
      }
      if (isTimeout(err)) {
        request.log.warn({ code: err.code }, 'database query timed out')
        return sendProblem(request, reply, 'WS_ERR_DB_TIMEOUT',
          'The query took longer than the database timeout allows; narrow it and retry.', undefined,
          { 'retry-after': String(DB_RETRY_AFTER_SECONDS) })
      }
      request.log.error({ err }, 'database error')
      return sendProblem(request, reply, 'WS_ERR_INTERNAL', 'An unexpected error occurred; it has been logged.')
    }
    const fe = err as FastifyError
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
