// Issue 15: Markdown nested thousands of levels deep overflowed the renderer, and every page that
// showed it answered 500: the idea, the author's profile, and the back-office pages the team needs
// to ban the author. Here pathological Markdown is stored in every Markdown field straight in the
// database (as if stored before the field limits), and every page that shows it, public and back
// office, and both editors' previews, must answer 200. The fields come from the schemas and the
// pages from the code that renders Markdown, so a new one is covered (or this fails) the day it comes.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { eq, inArray } from 'drizzle-orm'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { comments, ideaResponses, ideas, internalNotes, reports, updates } from '#app/db/schema'
import {
  addActivity,
  createTestIdea,
  createTestUser,
  findCategory,
} from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { feedbackLinks } from '#app/domain/insights/feedback.server'
import { hideContent } from '#app/domain/moderation/moderation.server'
import { publishUpdate, saveUpdate } from '#app/domain/updates/updates.server'
import { loader as adminApprovalsLoader } from '#app/routes/admin.approvals'
import { loader as adminIdeaLoader } from '#app/routes/admin.ideas.$ideaId'
import { loader as adminPersonLoader } from '#app/routes/admin.people.$userId'
import { loader as adminReportsLoader } from '#app/routes/admin.reports'
import {
  action as adminUpdateAction,
  loader as adminUpdateLoader,
} from '#app/routes/admin.updates.$updateId'
import { loader as feedbackLoader } from '#app/routes/feedback'
import { loader as ideasLoader } from '#app/routes/ideas._index'
import { action as ideaAction, loader as ideaLoader } from '#app/routes/ideas.$ideaRef'
import { action as newIdeaAction } from '#app/routes/ideas.new'
import { loader as notificationsLoader } from '#app/routes/notifications'
import { loader as profileLoader } from '#app/routes/u.$handle'
import { loader as updateLoader } from '#app/routes/updates.$slug'
import { loader as atomLoader } from '#app/routes/updates[.]atom'
import { loader as rssLoader } from '#app/routes/updates[.]rss'
import type { MarkdownContent } from '#app/utils/schemas'
import {
  issueExample,
  MARKDOWN_SEED,
  nestings,
  pathologicalMarkdown,
} from '#tests/hostile-markdown'
import { findMarkdownFields } from '#tests/markdown-fields'
import { expectConsoleError } from '#tests/setup/console'
import { makeContext, makeRequest, settle, statusOf } from '#tests/setup/request'

type Handler = (args: never) => Promise<unknown>

/** A word the stored descriptions end with, so the ideas search shows their snippet. */
const SEARCH_WORD = 'zanzibarquokka'

let fixture: {
  idea: { id: number; slug: string }
  heldIdeaId: number
  commentIds: number[]
  responseId: number
  noteId: number
  update: { id: number; slug: string }
  author: { id: number; handle: string }
  adminCookie: string
  authorCookie: string
  categoryId: number
}

beforeAll(async () => {
  const admin = await createTestUser({ role: 'admin', password: null })
  const author = await createTestUser({ password: null })
  const reporter = await createTestUser({ password: null })
  const idea = await createTestIdea({ authorId: author.id })
  const held = await createTestIdea({ authorId: author.id, heldReason: 'Held for the test' })
  const { commentIds } = await addActivity({
    comments: [
      { ideaId: idea.id, authorId: author.id, body: 'A comment' },
      { ideaId: idea.id, authorId: author.id, body: 'A comment the team hides' },
    ],
  })
  await hideContent({
    actor: admin,
    target: { commentId: commentIds[1]! },
    reason: 'Hidden for the test',
  })
  await db()
    .insert(reports)
    .values([
      { reporterId: reporter.id, ideaId: idea.id, reason: 'spam' },
      { reporterId: reporter.id, commentId: commentIds[0]!, reason: 'spam' },
    ])
  const [response] = await db()
    .insert(ideaResponses)
    .values({ ideaId: idea.id, authorId: admin.id, body: 'An answer' })
    .returning({ id: ideaResponses.id })
  const [note] = await db()
    .insert(internalNotes)
    .values({ ideaId: idea.id, authorId: admin.id, body: 'A note' })
    .returning({ id: internalNotes.id })
  const saved = await saveUpdate({
    actor: admin,
    title: 'Deep Markdown update',
    summary: '',
    body: 'Body',
  })
  if (!saved.ok) throw new Error('The update was not saved')
  await publishUpdate({ actor: admin, id: saved.id })
  const [update] = await db()
    .select({ id: updates.id, slug: updates.slug })
    .from(updates)
    .where(eq(updates.id, saved.id))
  fixture = {
    idea: { id: idea.id, slug: idea.slug },
    heldIdeaId: held.id,
    commentIds,
    responseId: response!.id,
    noteId: note!.id,
    update: update!,
    author: { id: author.id, handle: author.handle },
    adminCookie: (await startSession(admin.id)).cookie.split(';')[0]!,
    authorCookie: (await startSession(author.id)).cookie.split(';')[0]!,
    categoryId: (await findCategory()).id,
  }
})

/** Stores the text in every row of one Markdown field, past any validation (as old data would be). */
const store: Record<MarkdownContent, (text: string) => Promise<unknown>> = {
  ideaDescription: (text) =>
    db()
      .update(ideas)
      .set({ description: `${text}\n\n${SEARCH_WORD}` })
      .where(inArray(ideas.id, [fixture.idea.id, fixture.heldIdeaId])),
  comment: (text) =>
    db().update(comments).set({ body: text }).where(inArray(comments.id, fixture.commentIds)),
  response: (text) =>
    db().update(ideaResponses).set({ body: text }).where(eq(ideaResponses.id, fixture.responseId)),
  note: (text) =>
    db().update(internalNotes).set({ body: text }).where(eq(internalNotes.id, fixture.noteId)),
  updateBody: (text) =>
    db().update(updates).set({ body: text }).where(eq(updates.id, fixture.update.id)),
}

const call = (
  handler: Handler,
  request: { path: string; method?: string; form?: Record<string, string>; cookie?: string },
  params: Record<string, string> = {},
) =>
  settle(() => handler({ request: makeRequest(request), params, context: makeContext() } as never))

/** Every page that shows Markdown, by name, given the text the previews are sent. */
const pages: Record<string, (text: string) => Promise<unknown>> = {
  'idea page': () =>
    call(
      ideaLoader as Handler,
      { path: ideaPath(fixture.idea) },
      { ideaRef: `${fixture.idea.id}-${fixture.idea.slug}` },
    ),
  'idea page, for the author': () =>
    call(
      ideaLoader as Handler,
      { path: ideaPath(fixture.idea), cookie: fixture.authorCookie },
      { ideaRef: `${fixture.idea.id}-${fixture.idea.slug}` },
    ),
  'idea search': () => call(ideasLoader as Handler, { path: `/ideas?q=${SEARCH_WORD}` }),
  profile: () =>
    call(
      profileLoader as Handler,
      { path: `/u/${fixture.author.handle}` },
      { handle: fixture.author.handle },
    ),
  'admin person': () =>
    call(
      adminPersonLoader as Handler,
      { path: `/admin/people/${fixture.author.id}`, cookie: fixture.adminCookie },
      { userId: String(fixture.author.id) },
    ),
  'admin reports': () =>
    call(adminReportsLoader as Handler, { path: '/admin/reports', cookie: fixture.adminCookie }),
  'admin approvals': () =>
    call(adminApprovalsLoader as Handler, {
      path: '/admin/approvals',
      cookie: fixture.adminCookie,
    }),
  'admin idea': () =>
    call(
      adminIdeaLoader as Handler,
      { path: `/admin/ideas/${fixture.idea.id}`, cookie: fixture.adminCookie },
      { ideaId: String(fixture.idea.id) },
    ),
  'update page': () =>
    call(
      updateLoader as Handler,
      { path: `/updates/${fixture.update.slug}` },
      { slug: fixture.update.slug },
    ),
  'admin update': () =>
    call(
      adminUpdateLoader as Handler,
      { path: `/admin/updates/${fixture.update.id}`, cookie: fixture.adminCookie },
      { updateId: String(fixture.update.id) },
    ),
  'update preview': (text) =>
    call(
      adminUpdateAction as Handler,
      {
        path: `/admin/updates/${fixture.update.id}`,
        method: 'POST',
        cookie: fixture.adminCookie,
        form: { intent: 'preview', title: 'Deep Markdown update', body: text },
      },
      { updateId: String(fixture.update.id) },
    ),
  'new idea preview': (text) =>
    call(newIdeaAction as Handler, {
      path: '/ideas/new',
      method: 'POST',
      cookie: fixture.authorCookie,
      form: {
        intent: 'preview',
        kind: 'product',
        categoryId: String(fixture.categoryId),
        title: 'A deep idea',
        description: text,
      },
    }),
  'updates RSS feed': () => call(rssLoader as Handler, { path: '/updates.rss' }),
  'updates Atom feed': () => call(atomLoader as Handler, { path: '/updates.atom' }),
  notifications: () =>
    call(notificationsLoader as Handler, { path: '/notifications', cookie: fixture.authorCookie }),
  'answer feedback page': async () => {
    const link = new URL(
      (
        await feedbackLinks({
          kind: 'response',
          subjectId: fixture.responseId,
          userId: fixture.author.id,
        })
      ).yes,
    )
    return call(feedbackLoader as Handler, { path: `${link.pathname}${link.search}` })
  },
}

/**
 * The code that renders Markdown (calls renderMarkdown or markdownToText), and the pages above that
 * show what it renders. A file that starts rendering Markdown fails the first test until it is here.
 */
const shownOn: Record<string, string[]> = {
  'app/domain/pages/idea-page.server.ts': ['idea page', 'idea page, for the author'],
  'app/domain/ideas/ideas.server.ts': ['idea search'],
  // An answer in an audit entry's before/after, as text (an idea's History).
  'app/domain/audit/audit.server.ts': ['admin idea'],
  'app/domain/pages/profile-page.server.ts': ['profile'],
  'app/routes/admin.people.$userId.tsx': ['admin person'],
  'app/routes/admin.reports.tsx': ['admin reports'],
  'app/routes/admin.approvals.tsx': ['admin approvals'],
  'app/routes/admin.ideas.$ideaId.tsx': ['admin idea'],
  'app/routes/updates.$slug.tsx': ['update page'],
  'app/routes/admin.updates.$updateId.tsx': ['admin update', 'update preview'],
  'app/domain/ideas/submit-idea.server.ts': ['new idea preview'],
  'app/domain/updates/feeds.server.ts': ['updates RSS feed', 'updates Atom feed'],
  // The HTML part of an inbound email, reduced to text once when it arrives: no page renders it,
  // and markdownToText's own properties (app/utils/markdown.server.test.ts) cover any input.
  'app/domain/intake/inbound-email.server.ts': [],
  'app/domain/notifications/notifications.server.ts': ['notifications'],
  'app/domain/insights/feedback.server.ts': ['answer feedback page'],
  // Emails are rendered by the worker, not a page; renderMarkdown and markdownToText never throw
  // (their properties in app/utils/markdown.server.test.ts), and the email tests render every kind.
  'app/domain/notifications/messages.server.ts': [],
  // The bulk status change's confirmation step shows the answer only after its field schema
  // (markdownField: length and depth) accepted it; tests/integration/triage-routes.test.ts posts it.
  'app/utils/triage-actions.server.ts': [],
}

function filesRenderingMarkdown() {
  return readdirSync('app', { recursive: true, encoding: 'utf8' })
    .map((file) => path.join('app', file))
    .filter(
      (file) =>
        /\.tsx?$/.test(file) &&
        !/\.test\.tsx?$/.test(file) &&
        file !== path.join('app', 'utils', 'markdown.server.ts'),
    )
    .filter((file) => /\b(renderMarkdown|markdownToText)\(/.test(readFileSync(file, 'utf8')))
    .sort()
}

async function expectEveryPageOpens(text: string) {
  for (const [name, open] of Object.entries(pages)) {
    const result = await open(text)
    expect(statusOf(result), `${name} for ${JSON.stringify(text.slice(0, 60))}…`).toBe(200)
  }
}

describe('Markdown that nests thousands of levels deep', () => {
  it('knows the pages of every file that renders Markdown, and a way to store every Markdown field', async () => {
    expect(filesRenderingMarkdown()).toEqual(Object.keys(shownOn).sort())
    for (const names of Object.values(shownOn))
      for (const name of names) expect(Object.keys(pages)).toContain(name)
    const contents = new Set((await findMarkdownFields()).map((field) => field.content))
    expect([...contents].sort()).toEqual(Object.keys(store).sort())
  })

  it('stored in every field (the issue’s 3,500 quote markers), leaves every page answering 200', async () => {
    for (const save of Object.values(store)) await save(issueExample)
    await expectEveryPageOpens(issueExample)
    const page = (await pages['idea page']!('')) as {
      descriptionHtml: string
      comments: { html: string }[]
    }
    // Shown as the escaped text it is.
    expect(page.descriptionHtml.startsWith(`<p>${'&gt;'.repeat(3_500)} deep`)).toBe(true)
    expect(page.comments[0]!.html).toBe(`<p>${'&gt;'.repeat(3_500)} deep</p>\n`)
    // Logged once per text, not once per page.
    const logged = expectConsoleError()
    expect(logged.length).toBeGreaterThan(0)
    expect(logged.length).toBeLessThanOrEqual(2)
  })

  it('is refused at the field, with the message and the text kept', async () => {
    const preview = (await pages['new idea preview']!(issueExample)) as {
      data: { fieldErrors: Record<string, string[]>; values: Record<string, string> }
    }
    expect(preview.data.fieldErrors.description).toEqual(['validation.markdownTooDeep'])
    expect(preview.data.values.description).toBe(issueExample)
    const posted = await call(
      ideaAction as Handler,
      {
        path: ideaPath(fixture.idea),
        method: 'POST',
        cookie: fixture.authorCookie,
        form: { intent: 'post', body: nestings.bullets(40) },
      },
      { ideaRef: `${fixture.idea.id}-${fixture.idea.slug}` },
    )
    expect(statusOf(posted)).toBe(400)
    expect(posted).toMatchObject({
      data: {
        fieldErrors: { body: ['validation.markdownTooDeep'] },
        values: { body: nestings.bullets(40) },
      },
    })
    expectConsoleError()
  })

  it('of any pathological kind, stored in every field, leaves every page answering 200', async () => {
    await fc.assert(
      fc.asyncProperty(pathologicalMarkdown({ maxLength: 10_000 }), async (text) => {
        for (const save of Object.values(store)) await save(text)
        await expectEveryPageOpens(text)
      }),
      { seed: MARKDOWN_SEED, numRuns: 12 },
    )
    expectConsoleError()
  }, 180_000)
})
