// The vote button's JSON answer, served by the HTTP layer without Remix (docs/decisions/015-the-
// vote-button-speaks-json.md). With JavaScript the button posts to /ideas/:id/vote asking for
// `application/json` and shows the counters it gets back; a form post without JavaScript asks for
// HTML and goes on to the Remix route (app/routes/ideas.$ideaRef_.vote.tsx), which redirects back.
// Both parse with voteFormSchema and make the one domain call, castOwnVote.
import type express from 'express'

import { readSessionId, validateSession } from '#app/domain/accounts/sessions.server'
import { parseIdeaRef } from '#app/domain/ideas/ideas.rules'
import { voteFormSchema } from '#app/domain/votes/votes.schema'
import { castOwnVote } from '#app/domain/votes/votes.server'
import {
  DATABASE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailableError,
} from '#app/utils/database-errors.server'
import { readUrlEncodedForm, validate } from '#app/utils/forms.server'
import { refusedVote, type VoteAnswer, voteRefusals } from '#app/utils/http/vote-answers'

import { logDatabaseOutage } from './database-outage.server'
import { readBody } from './express-fetch.server'

const VOTE_PATH = /^\/ideas\/([^/]+)\/vote$/
/** A vote form is a direction and the page it came from: a few hundred bytes. */
export const MAX_VOTE_BODY_BYTES = 8 * 1024

type VoteEndpointAnswer = {
  status: number
  body: VoteAnswer
  headers?: Record<string, string>
}

/** The request is the vote button's script asking for JSON (not a form post wanting a page). */
function isVoteJsonRequest(req: express.Request) {
  return (
    req.method === 'POST' &&
    VOTE_PATH.test(req.path) &&
    (req.get('accept') ?? '').startsWith('application/json')
  )
}

/** What a vote request gets: JSON in every case, with a status that says what happened. */
async function answerVote({
  ideaRef,
  cookieHeader,
  contentType,
  body,
}: {
  ideaRef: string
  cookieHeader: string | undefined
  contentType: string | undefined
  body: string
}): Promise<VoteEndpointAnswer> {
  const sessionId = readSessionId(cookieHeader ?? null)
  const auth = sessionId ? await validateSession(sessionId) : null
  const cookie = auth?.cookie ? { 'Set-Cookie': auth.cookie } : undefined
  if (!auth?.user) return { status: 401, body: refusedVote('signedOut'), headers: cookie }

  const ideaId = parseIdeaRef(ideaRef)
  if (!ideaId) return { status: 404, body: refusedVote('notFound'), headers: cookie }
  if (!contentType?.startsWith('application/x-www-form-urlencoded')) {
    return { status: 415, body: refusedVote('badRequest'), headers: cookie }
  }
  const parsed = validate(voteFormSchema, readUrlEncodedForm(body))
  if (!parsed.ok) {
    return {
      status: 400,
      body: refusedVote('invalid', parsed.failure.fieldErrors),
      headers: cookie,
    }
  }

  const result = await castOwnVote({
    actor: auth.user,
    ideaId,
    direction: parsed.data.direction,
  })
  if (result.ok) return { status: 200, body: result, headers: cookie }
  const refusal = voteRefusals[result.reason]
  const headers: Record<string, string> = { ...cookie }
  if (result.reason === 'tooMany') headers['Retry-After'] = String(result.retryAfterSeconds)
  return { status: refusal.status, body: refusedVote(result.reason), headers }
}

/** Express middleware: answers the vote button's JSON requests, passes everything else on. */
export function voteEndpoint(): express.RequestHandler {
  return (req, res, next) => {
    if (!isVoteJsonRequest(req)) return next()
    const ideaRef = VOTE_PATH.exec(req.path)![1]!
    readBody(req, MAX_VOTE_BODY_BYTES)
      .then((body) =>
        body === null
          ? { status: 413, body: refusedVote('badRequest') }
          : answerVote({
              ideaRef,
              cookieHeader: req.get('cookie'),
              contentType: req.get('content-type'),
              body,
            }),
      )
      .catch((error: unknown): VoteEndpointAnswer => {
        if (!isDatabaseUnavailableError(error)) throw error
        logDatabaseOutage(error, String(res.locals.requestId))
        return {
          status: 503,
          body: refusedVote('unavailable'),
          headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
        }
      })
      .then((answer) => send(res, answer))
      .catch(next)
  }
}

function send(res: express.Response, { status, body, headers }: VoteEndpointAnswer) {
  const json = JSON.stringify(body)
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(json)),
    'Cache-Control': 'no-store',
  })
  res.end(json)
}
