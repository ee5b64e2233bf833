// A refused post to the idea page always says why on the page it renders. A refusal is shown at the
// form it came from, so one for a form the page does not show this person (someone else's comment
// to edit, a comment id that is not a number) was rendered with no message at all. The intents are
// read from the page itself (every `intent` its forms send), and each is sent for comments the
// person may not change, that do not exist, or are no number, in both languages.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { comments, statuses } from '#app/db/schema'
import { startSession } from '#app/domain/accounts/sessions.server'
import { changeStatus } from '#app/domain/ideas/responses.server'
import * as ideaPage from '#app/routes/ideas.$ideaRef'
import { type MessageKey, translator } from '#app/utils/i18n/i18n'
import { addActivity, createTestIdea, createTestUser } from '#tests/factories'
import { appBuild, crawler, pageReader } from '#tests/setup/app-build'
import { makeContext, makeRequest } from '#tests/setup/request'

const reader = pageReader(
  appBuild([{ id: 'routes/ideas.$ideaRef', path: 'ideas/:ideaRef', module: ideaPage }]),
)

/** An idea with a team answer, a comment by someone else, one by the viewer and a deleted one. */
async function discussion(locale: 'en' | 'nl') {
  const moderator = await createTestUser({ role: 'moderator', password: null })
  const viewer = await createTestUser({ password: null, locale })
  const other = await createTestUser({ password: null })
  const idea = await createTestIdea()
  const [review] = await db()
    .select({ id: statuses.id })
    .from(statuses)
    .where(eq(statuses.slug, 'under-review'))
  await changeStatus({
    actor: moderator,
    ideaIds: [idea.id],
    statusId: review!.id,
    response: 'We are looking at it.',
  })
  const {
    commentIds: [others, own, gone],
  } = await addActivity({
    comments: [
      { ideaId: idea.id, authorId: other.id, body: 'Someone else wrote this' },
      { ideaId: idea.id, authorId: viewer.id, body: 'The viewer wrote this' },
      { ideaId: idea.id, authorId: other.id, body: 'Deleted since' },
    ],
  })
  await db().update(comments).set({ deletedAt: new Date() }).where(eq(comments.id, gone!))
  const cookie = `${(await startSession(viewer.id)).cookie.split(';')[0]!}; ideabox_lang=${locale}`
  const path = new URL(
    (await reader.handle(makeRequest({ path: `/ideas/${idea.id}` }), makeContext())).headers.get(
      'Location',
    )!,
    'http://localhost',
  ).pathname
  return { path, cookie, others: others!, own: own!, gone: gone! }
}

async function render(path: string, cookie: string, form?: Record<string, string>) {
  const response = await reader.handle(
    makeRequest({ path, cookie, method: form ? 'POST' : 'GET', form, headers: crawler }),
    makeContext(),
  )
  return { status: response.status, html: await response.text() }
}

/** The messages the page shows as refusals: above a form, beside a field, or an error page's text. */
function shownMessages(html: string) {
  const text = (fragment: string) =>
    fragment
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  return [
    ...[...html.matchAll(/<div class="form-error" role="alert">(.*?)<\/div>/gs)],
    ...[...html.matchAll(/<ul[^>]*class="field__errors"[^>]*>(.*?)<\/ul>/gs)],
    ...[...html.matchAll(/<section class="error-page[^"]*"[^>]*>(.*?)<\/section>/gs)],
  ]
    .map((match) => text(match[1]!))
    .filter(Boolean)
}

describe('a refused post to the idea page', () => {
  it('is a list of intents read from the page’s forms', async () => {
    const { path, cookie } = await discussion('en')
    expect(await pageIntents(path, cookie)).toEqual(
      expect.arrayContaining(['post', 'edit', 'delete', 'report', 'feedback']),
    )
  })

  for (const locale of ['en', 'nl'] as const) {
    it(`says why, whichever intent and comment (${locale})`, async () => {
      const page = await discussion(locale)
      const intents = await pageIntents(page.path, page.cookie)
      const targets = {
        'someone else’s comment': String(page.others),
        'a deleted comment': String(page.gone),
        'a comment that does not exist': '987654321',
        'no number': 'abc',
      }
      const silent: string[] = []
      for (const intent of intents)
        for (const [target, id] of Object.entries(targets)) {
          const answer = await render(page.path, page.cookie, {
            intent,
            commentId: id,
            parentId: id,
            responseId: id,
            body: `Some words of mine about ${target}, sent as ${intent}`,
            confirm: 'yes',
            reason: 'spam',
            helpful: 'yes',
          })
          // A comment id that is no number is no request to act on (not a report of the idea).
          if (answer.status === 303 && id === 'abc')
            silent.push(`${intent} for ${target}: done as if for something else`)
          if (answer.status === 303) continue
          if (!shownMessages(answer.html).length)
            silent.push(`${intent} for ${target}: ${answer.status} with no message`)
        }
      expect(silent).toEqual([])
    })

    it(`names the refusal of an edit of someone else’s comment, and of a comment id that is no number (${locale})`, async () => {
      const page = await discussion(locale)
      const t = translator(locale)
      const cases: [string, number, MessageKey][] = [
        [String(page.others), 403, 'comments.notYours'],
        ['abc', 400, 'error.badRequestText'],
      ]
      for (const [commentId, status, message] of cases) {
        const answer = await render(page.path, page.cookie, {
          intent: 'edit',
          commentId,
          body: 'Taking over your words',
        })
        expect(answer.status).toBe(status)
        expect(shownMessages(answer.html)).toContain(t(message))
      }
      // The person's own comment keeps its refusals at its own form (not twice).
      const ownEmpty = await render(page.path, page.cookie, {
        intent: 'edit',
        commentId: String(page.own),
        body: '',
      })
      expect(shownMessages(ownEmpty.html)).toEqual([t('comments.form.empty')])
    })
  }
})

/** Every `intent` the page's forms send, the report forms (rendered once opened) included. */
async function pageIntents(path: string, cookie: string) {
  const pages = await Promise.all(
    [path, `${path}?open=report-idea`].map(async (address) => (await render(address, cookie)).html),
  )
  return [...new Set(pages.flatMap(intentsOf))].sort()
}

/** Every `intent` a page's forms send (a button's value, or a hidden field). */
function intentsOf(html: string) {
  const found = [
    ...html.matchAll(/<(?:button|input)\b[^>]*\bname="intent"[^>]*\bvalue="([^"]+)"/g),
    ...html.matchAll(/<(?:button|input)\b[^>]*\bvalue="([^"]+)"[^>]*\bname="intent"/g),
  ].map((match) => match[1]!)
  return [...new Set(found)].sort()
}
