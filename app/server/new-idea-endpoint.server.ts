// A posted idea, answered by the HTTP layer without Remix (docs/decisions/030-posts-filed-together.md):
// a signed-in person's form post of a valid idea, after the similar ideas were shown, is filed here
// and answered with the 303 to the new idea that the route would send. Everything else the form
// posts (a preview, the similar-ideas step, a visitor's draft, a form with errors, a refusal shown
// beside the form) goes on to the Remix route app/routes/ideas.new.tsx with the body read here.
// Both read the form by its button (this endpoint with `newIdeaCommand`, the route through
// `dispatchIntent`, the same readers) and make the one domain call, `submitNewIdeaForm`.
// With JavaScript the form posts to /ideas/new.data (Remix's data request), which is not this path.
import type express from 'express'

import { readSessionId, validateSession } from '#app/domain/accounts/sessions.server'
import { postedIdeaPath } from '#app/domain/ideas/ideas.rules'
import { newIdeaCommand, submitNewIdeaForm } from '#app/domain/ideas/submit-idea.server'
import { readUrlEncodedForm } from '#app/utils/forms.server'

import {
  readBody,
  type RemixFetchHandler,
  sendFetchResponse,
  toFetchRequest,
} from './express-fetch.server'

const NEW_IDEA_PATH = '/ideas/new'

/**
 * Files the idea when the form is a signed-in person's post of a valid idea whose similar ideas were
 * shown: the 303 to the idea (with the session cookie when it changed), or the refusal, which the
 * route shows beside the form without submitting again (so the rate limit counts the post once).
 * Undefined for anything else: the route reads the form and answers it.
 */
async function filedIdeaAnswer({
  cookieHeader,
  contentType,
  body,
}: {
  cookieHeader: string | undefined
  contentType: string | undefined
  body: string
}) {
  if (!contentType?.startsWith('application/x-www-form-urlencoded')) return undefined
  const command = newIdeaCommand(readUrlEncodedForm(body))
  if (!command.ok || command.command.intent !== 'post' || !command.command.similarChecked)
    return undefined
  const sessionId = readSessionId(cookieHeader ?? null)
  const auth = sessionId ? await validateSession(sessionId) : null
  if (!auth?.user) return undefined
  const result = await submitNewIdeaForm({ viewer: auth.user, command: command.command })
  if (!result.ok) return { refusal: result }
  return { filed: { location: postedIdeaPath(result.idea), cookie: auth.cookie } }
}

/**
 * Express middleware: files a posted idea and answers it (see `filedIdeaAnswer`); hands every other
 * post of the new-idea form to Remix (`remix`), and passes other requests on.
 */
export function newIdeaEndpoint({
  remix,
  maxBodyBytes,
}: {
  remix: RemixFetchHandler
  maxBodyBytes: number
}): express.RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || req.path !== NEW_IDEA_PATH) return next()
    readBody(req, maxBodyBytes)
      .then(async (body) => {
        if (body === null) return next(Object.assign(new Error('Body too large'), { status: 413 }))
        // A failure (the database away, an unexpected error) is the route's to answer: it posts
        // again, which the submission key makes harmless, and shows its page.
        const answer = await filedIdeaAnswer({
          cookieHeader: req.get('cookie'),
          contentType: req.get('content-type'),
          body,
        }).catch(() => undefined)
        if (!answer?.filed) {
          const context = answer?.refusal ? { newIdeaRefusal: answer.refusal } : {}
          return sendFetchResponse(res, await remix(toFetchRequest(req, { body }), res, context))
        }
        const { cookie, location } = answer.filed
        res.writeHead(303, {
          ...(cookie ? { 'Set-Cookie': cookie } : {}),
          Location: location,
          'Content-Length': '0',
        })
        res.end()
      })
      .catch(next)
  }
}
