// A form a browser posts without JavaScript is answered with a page of the site, never a bare
// "Bad request" in plain text: the resource routes (no page of their own) that take a browser's form
// send it back to a page with the reason on it, in the person's language; the vote route has the
// site's error page (a 4xx) for a form that is not one of ours. The routes are read from
// app/routes, so one added later is held to it the day it is added; /api/ answers programs (JSON).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { startSession } from '#app/domain/accounts/sessions.server'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import * as ideasList from '#app/routes/ideas._index'
import * as ideaPage from '#app/routes/ideas.$ideaRef'
import * as votePage from '#app/routes/ideas.$ideaRef_.vote'
import { translator } from '#app/utils/i18n/i18n'
import { createTestIdea, createTestUser } from '#tests/factories'
import { appBuild, pageReader } from '#tests/setup/app-build'
import { makeContext, makeRequest, settle } from '#tests/setup/request'

const ROUTES_DIR = path.resolve('app/routes')
/** Resource routes (no page: no default export) with an action, outside /api/. */
const browserFormRoutes = readdirSync(ROUTES_DIR)
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.startsWith('api.'))
  .filter((file) => {
    const text = readFileSync(path.join(ROUTES_DIR, file), 'utf8')
    return !/^export default /m.test(text) && /^export (async )?function action/m.test(text)
  })
  .sort()

const html = { Accept: 'text/html,application/xhtml+xml', 'User-Agent': 'Mozilla/5.0 (test)' }

async function signedIn(locale: 'en' | 'nl' = 'en') {
  const person = await createTestUser({ password: null, locale })
  const cookie = `${(await startSession(person.id)).cookie.split(';')[0]!}; ideabox_lang=${locale}`
  return { person, cookie }
}

describe('a resource route a browser posts a form to', () => {
  it('is found', () => {
    expect(browserFormRoutes).toEqual(
      expect.arrayContaining(['ideas.$ideaRef_.follow.tsx', 'language.tsx']),
    )
  })

  const forms: Record<string, Record<string, string>> = {
    'an empty form': {},
    'a form of nonsense': {
      intent: 'bogus',
      direction: 'sideways',
      following: 'maybe',
      locale: 'xx',
      redirectTo: '/ideas',
    },
  }
  for (const [what, form] of Object.entries(forms))
    it.each(browserFormRoutes)(`answers ${what} with a page, not plain text: %s`, async (file) => {
      const idea = await createTestIdea()
      const { cookie } = await signedIn()
      const module = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as {
        action: (args: unknown) => Promise<unknown>
      }
      const answer = await settle(() =>
        module.action({
          request: makeRequest({ path: '/form', method: 'POST', form, cookie, headers: html }),
          params: { ideaRef: String(idea.id), providerId: 'nobody' },
          context: makeContext(),
        }),
      )
      expect(answer).toBeInstanceOf(Response)
      const response = answer as Response
      const redirected = response.status >= 300 && response.status < 400
      if (redirected) expect(response.headers.get('Location')).toMatch(/^\/(?![/\\])|^https?:/)
      else expect(response.headers.get('Content-Type') ?? '').toMatch(/^text\/html/)
    })
})

describe('the vote form without JavaScript', () => {
  const reader = pageReader(
    appBuild([
      { id: 'routes/ideas._index', path: 'ideas', index: true, module: ideasList },
      { id: 'routes/ideas.$ideaRef', path: 'ideas/:ideaRef', module: ideaPage },
      { id: 'routes/ideas.$ideaRef_.vote', path: 'ideas/:ideaRef/vote', module: votePage },
    ]),
  )
  /** The form posted as a browser without JavaScript does, and the page it shows. */
  const vote = async (ideaRef: string, form: Record<string, string>, cookie: string) => {
    const response = await reader.handle(
      makeRequest({ path: `/ideas/${ideaRef}/vote`, method: 'POST', form, cookie, headers: html }),
      makeContext(),
    )
    return { response, page: await response.text() }
  }

  for (const locale of ['en', 'nl'] as const)
    it(`answers a direction it does not know, or no idea, with the site’s error page, signed in, in the person’s language (${locale})`, async () => {
      const idea = await createTestIdea()
      const { person, cookie } = await signedIn(locale)
      const t = translator(locale)
      for (const [ref, form, status, title] of [
        [
          String(idea.id),
          { direction: 'sideways', redirectTo: '/ideas' },
          400,
          'error.badRequestTitle',
        ],
        [String(idea.id), { direction: 'sideways' }, 400, 'error.badRequestTitle'],
        ['987654321', { direction: 'up', redirectTo: '/ideas' }, 404, 'error.notFoundTitle'],
        ['abc', { direction: 'up' }, 404, 'error.notFoundTitle'],
      ] as const) {
        const answer = await vote(ref, form, cookie)
        expect(answer.response.status).toBe(status)
        expect(answer.response.headers.get('Content-Type')).toMatch(/^text\/html/)
        expect(answer.page).toContain(`<h1 id="error-title">${t(title)}</h1>`)
        expect(answer.page).toContain(
          t('nav.accountMenu', { name: person.displayName }).replace(/&/g, '&amp;'),
        )
      }
    })

  it('goes back to the idea’s page when the form names no page to go back to', async () => {
    const idea = await createTestIdea()
    const { cookie } = await signedIn()
    const { response } = await vote(String(idea.id), { direction: 'up' }, cookie)
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/ideas/${idea.id}`)
    const opened = await reader.handle(
      makeRequest({ path: `/ideas/${idea.id}`, cookie }),
      makeContext(),
    )
    expect(new URL(opened.headers.get('Location')!, 'http://localhost').pathname).toBe(
      ideaPath(idea),
    )
  })

  it('says on the page it goes back to why a vote was not counted', async () => {
    const idea = await createTestIdea({ statusSlug: 'implemented' })
    const { cookie } = await signedIn('nl')
    const { response } = await vote(
      String(idea.id),
      { direction: 'up', redirectTo: '/ideas' },
      cookie,
    )
    expect(response.headers.get('Location')).toBe(
      `/ideas?notice=votes.refused.closed#idea-${idea.id}`,
    )
    const page = await (
      await reader.handle(
        makeRequest({ path: '/ideas?notice=votes.refused.closed', cookie }),
        makeContext(),
      )
    ).text()
    expect(page).toContain(translator('nl')('votes.refused.closed'))
  })
})
