// An error page is a page of the site for whoever asked: a signed-in person keeps their name and
// menu in the header, in their language, whatever the status and whichever route refused. (A route
// without an error boundary of its own showed its errors at the root's, and for an action's error
// Remix runs no loader above the boundary: the root's data, with the person, was missing.) The
// route list is read from app/routes, so a page added later is held to it the day it is added.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import type { MetaDescriptor, MetaFunction } from '@remix-run/node'
import { describe, expect, it } from 'vitest'

import { errorKindFor, errorTitleKey } from '#app/components/errors/error-page'
import { startSession } from '#app/domain/accounts/sessions.server'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import * as adminLayout from '#app/routes/admin'
import * as adminSettings from '#app/routes/admin.settings'
import * as ideaPage from '#app/routes/ideas.$ideaRef'
import * as roadmap from '#app/routes/roadmap'
import { translator } from '#app/utils/i18n/i18n'
import { createTestIdea, createTestUser, unique } from '#tests/factories'
import { appBuild, pageReader } from '#tests/setup/app-build'
import { expectConsoleError } from '#tests/setup/console'
import { makeContext, makeRequest } from '#tests/setup/request'

const ROUTES_DIR = path.resolve('app/routes')
/** The routes that render a page (a default export); resource routes answer for themselves. */
const pages = readdirSync(ROUTES_DIR)
  .filter((file) => /\.tsx$/.test(file) && !/\.test\.tsx$/.test(file))
  .filter((file) => /^export default /m.test(readFileSync(path.join(ROUTES_DIR, file), 'utf8')))
  .sort()
/**
 * Being changed on another branch at the time of writing (the verify-email "done" page): give it the
 * shared boundary with that change, then remove it from this list.
 */
const changedElsewhere = ['verify-email.done.tsx']

/** A route that fails unexpectedly, with the boundary every page route shares. */
const failing = {
  default: () => null,
  loader: () => null,
  action: () => {
    throw new Error('Something nobody planned for')
  },
  ErrorBoundary: (ideaPage as { ErrorBoundary?: unknown }).ErrorBoundary,
}

const reader = pageReader(
  appBuild([
    { id: 'routes/ideas.$ideaRef', path: 'ideas/:ideaRef', module: ideaPage },
    { id: 'routes/roadmap', path: 'roadmap', module: roadmap },
    { id: 'routes/admin', path: 'admin', module: adminLayout },
    {
      id: 'routes/admin.settings',
      path: 'settings',
      parentId: 'routes/admin',
      module: adminSettings,
    },
    { id: 'routes/failing', path: 'failing', module: failing },
  ]),
)

describe('every page route', () => {
  it('is found', () => {
    expect(pages).toEqual(
      expect.arrayContaining(['ideas.$ideaRef.tsx', 'admin.settings.tsx', 'ideas.new.tsx']),
    )
  })

  it.each(pages.filter((file) => !changedElsewhere.includes(file)))(
    '%s shows its errors at its own boundary, under the root (the root’s data loads)',
    async (file) => {
      const module = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as {
        ErrorBoundary?: unknown
      }
      expect(module.ErrorBoundary).toBeTypeOf('function')
    },
  )

  const error = { status: 400, statusText: 'Bad Request', internal: false, data: 'Bad request' }
  const siteName = 'Brew & Co'
  it.each(pages)(
    '%s names an error page after the error, in the person’s language',
    async (file) => {
      const module = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as {
        meta?: MetaFunction
      }
      if (!module.meta) return
      for (const locale of ['en', 'nl'] as const) {
        const matches = [
          {
            id: 'root',
            pathname: '/',
            params: {},
            data: { locale, site: { name: siteName } },
            handle: undefined,
            meta: [],
            error,
          },
          { id: 'routes/page', pathname: '/page', params: {}, data: undefined, meta: [], error },
        ]
        const descriptors = module.meta({
          data: undefined,
          matches,
          params: {},
          location: { pathname: '/page', search: '', hash: '', state: null, key: 'test' },
          error,
        } as never) as MetaDescriptor[]
        const title = descriptors.find((descriptor) => 'title' in descriptor) as
          { title: string } | undefined
        expect(title?.title).toBe(
          `${translator(locale)(errorTitleKey(errorKindFor(routeErrorResponse(400))))} · ${siteName}`,
        )
      }
    },
  )
})

/** What Remix hands an error boundary for a thrown Response of this status. */
function routeErrorResponse(status: number) {
  return { status, statusText: '', internal: false, data: '' }
}

describe('an error page for a signed-in person', () => {
  async function person(locale: 'en' | 'nl', role: 'customer' | 'moderator' = 'customer') {
    const displayName = `Error Reader ${unique()}`
    const user = await createTestUser({ password: null, displayName, locale, role })
    const cookie = `${(await startSession(user.id)).cookie.split(';')[0]!}; ideabox_lang=${locale}`
    return { user, displayName, cookie }
  }

  const send = async (
    cookie: string,
    pathname: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; html: string }> => {
    const response = await reader.handle(
      makeRequest({
        path: pathname,
        method: form ? 'POST' : 'GET',
        form,
        cookie,
        headers: { 'User-Agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' },
      }),
      makeContext(),
    )
    return { status: response.status, html: await response.text() }
  }

  const cases: {
    name: string
    status: number
    request: (idea: string) => [string, Record<string, string>?]
    expectsLog?: boolean
  }[] = [
    {
      name: 'an intent the idea page does not have',
      status: 400,
      request: (idea) => [idea, { intent: 'bogus' }],
    },
    {
      name: 'a comment on an idea that does not exist',
      status: 404,
      request: () => ['/ideas/987654321', { intent: 'post', body: 'Hello' }],
    },
    { name: 'an idea that does not exist', status: 404, request: () => ['/ideas/987654321'] },
    {
      name: 'a post to a page without forms',
      status: 405,
      request: () => ['/roadmap', {}],
      expectsLog: true,
    },
    { name: 'the back office for a customer', status: 403, request: () => ['/admin'] },
    {
      name: 'an unexpected failure',
      status: 500,
      request: () => ['/failing', {}],
      expectsLog: true,
    },
  ]

  for (const locale of ['en', 'nl'] as const) {
    it.each(cases)(
      `keeps the header signed in (${locale}): $name ($status)`,
      async ({ status, request, expectsLog }) => {
        const idea = await createTestIdea()
        const { displayName, cookie } = await person(locale)
        const [pathname, form] = request(ideaPath(idea))
        const page = await send(cookie, pathname, form)
        if (expectsLog) expectConsoleError()
        expect(page.status).toBe(status)
        const t = translator(locale)
        expect(page.html).toContain(
          t('nav.accountMenu', { name: displayName }).replace(/&/g, '&amp;'),
        )
        expect(page.html).not.toContain(`>${t('nav.signIn')}<`)
        expect(page.html).toContain(`<html lang="${locale}"`)
        const kind = errorKindFor(routeErrorResponse(status))
        const title = /<title>(.*?)<\/title>/.exec(page.html)?.[1] ?? ''
        expect(title.startsWith(t(errorTitleKey(kind)).replace(/&/g, '&amp;'))).toBe(true)
      },
    )
  }

  it('keeps the header inside the back office: a moderator posting to an admins’ form (403)', async () => {
    const { displayName, cookie } = await person('en', 'moderator')
    const page = await send(cookie, '/admin/settings', { intent: 'bogus' })
    expect(page.status).toBe(403)
    expect(page.html).toContain(translator('en')('nav.accountMenu', { name: displayName }))
  })
})
