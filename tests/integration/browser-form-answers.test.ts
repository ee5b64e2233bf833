// A form a browser posts without JavaScript is answered with a page of the site, never a bare
// "Bad request" in plain text: the resource routes (no page of their own) that take a browser's form
// send it back to a page with the reason on it, in the person's language. The routes are read from
// app/routes, so one added later is held to it the day it is added; /api/ answers programs (JSON).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { startSession } from '#app/domain/accounts/sessions.server'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import * as ideasList from '#app/routes/ideas._index'
import * as ideaPage from '#app/routes/ideas.$ideaRef'
import { action as voteAction } from '#app/routes/ideas.$ideaRef_.vote'
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
      expect.arrayContaining(['ideas.$ideaRef_.vote.tsx', 'ideas.$ideaRef_.follow.tsx']),
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
    ]),
  )
  const vote = async (ideaId: number, form: Record<string, string>, cookie: string) =>
    (await settle(() =>
      voteAction({
        request: makeRequest({ path: `/ideas/${ideaId}/vote`, method: 'POST', form, cookie }),
        params: { ideaRef: String(ideaId) },
        context: makeContext(),
      } as never),
    )) as Response

  /** The page a redirect leads to, followed to the end, as the person reads it. */
  async function landOn(location: string, cookie: string) {
    let target = location
    for (let hops = 0; hops < 3; hops++) {
      const response = await reader.handle(makeRequest({ path: target, cookie }), makeContext())
      if (response.status < 300 || response.status >= 400) return response.text()
      target = response.headers.get('Location')!
    }
    throw new Error(`Too many redirects from ${location}`)
  }

  for (const locale of ['en', 'nl'] as const)
    it(`sends a direction it does not know back to the page, with the reason in the person’s language (${locale})`, async () => {
      const idea = await createTestIdea()
      const { cookie } = await signedIn(locale)
      for (const [redirectTo, back] of [
        ['/ideas?sort=new', '/ideas?sort=new'],
        [undefined, `/ideas/${idea.id}`],
      ] as const) {
        const answer = await vote(
          idea.id,
          { direction: 'sideways', ...(redirectTo ? { redirectTo } : {}) },
          cookie,
        )
        expect(answer.status).toBe(303)
        const location = answer.headers.get('Location')!
        expect(location.startsWith(back)).toBe(true)
        expect(await landOn(location, cookie)).toContain(translator(locale)('votes.invalid'))
      }
    })

  it('goes back to the idea’s page when the form names no page to go back to', async () => {
    const idea = await createTestIdea()
    const { cookie } = await signedIn()
    const answer = await vote(idea.id, { direction: 'up' }, cookie)
    expect(answer.status).toBe(303)
    expect(answer.headers.get('Location')).toBe(`/ideas/${idea.id}`)
    expect(await landOn(answer.headers.get('Location')!, cookie)).toContain(idea.title)
    expect(
      new URL(
        (
          await reader.handle(makeRequest({ path: `/ideas/${idea.id}`, cookie }), makeContext())
        ).headers.get('Location')!,
        'http://localhost',
      ).pathname,
    ).toBe(ideaPath(idea))
  })

  it('sends a vote for an idea that does not exist back with the reason', async () => {
    const { cookie } = await signedIn('nl')
    for (const [redirectTo, back] of [
      ['/ideas?sort=top', '/ideas?sort=top'],
      [undefined, '/ideas'],
    ] as const) {
      const answer = await vote(
        987654321,
        { direction: 'up', ...(redirectTo ? { redirectTo } : {}) },
        cookie,
      )
      expect(answer.status).toBe(303)
      const location = answer.headers.get('Location')!
      expect(location.startsWith(back)).toBe(true)
      expect(await landOn(location, cookie)).toContain(translator('nl')('votes.refused.notFound'))
    }
  })
})
