// The idea's own small forms, called with real Requests as Remix calls them: following, the vote
// form without JavaScript, the author's edit and withdraw, and the new-idea form. Each answer
// (status, where it redirects, what the page is given back) is pinned here, so moving the work
// behind these routes into one domain call each keeps every answer as it was.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { follows, ideas } from '#app/db/schema'
import { createTestIdea, createTestUser, findCategory, unique } from '#app/demo/factories.server'
import { SESSION_COOKIE_NAME, startSession } from '#app/domain/accounts/sessions.server'
import { ideaPath } from '#app/domain/ideas/ideas.rules'
import { action as editAction, loader as editLoader } from '#app/routes/ideas.$ideaRef_.edit'
import { action as followAction } from '#app/routes/ideas.$ideaRef_.follow'
import { action as voteAction } from '#app/routes/ideas.$ideaRef_.vote'
import { action as newIdeaAction } from '#app/routes/ideas.new'
import { makeContext, makeRequest, settle, statusOf } from '#tests/setup/request'

type DataResult = {
  type: 'DataWithResponseInit'
  data: Record<string, unknown>
  init: { status?: number } | null
}
type Idea = { id: number; slug: string }

async function signedIn() {
  const person = await createTestUser({ password: null })
  const { sessionId } = await startSession(person.id)
  return { person, cookie: `${SESSION_COOKIE_NAME}=${sessionId}` }
}

const ideaRef = (idea: Idea) => ideaPath(idea).replace('/ideas/', '')

function post(
  handler: (args: never) => Promise<unknown>,
  {
    path,
    form,
    cookie,
    ref,
  }: { path: string; form: Record<string, string>; cookie?: string; ref?: string },
) {
  return settle(() =>
    handler({
      request: makeRequest({ path, method: 'POST', form, cookie }),
      params: ref === undefined ? {} : { ideaRef: ref },
      context: makeContext(),
    } as never),
  )
}

const location = (result: unknown) => (result as Response).headers.get('Location')
const dataOf = (result: unknown) => (result as DataResult).data

describe('following an idea', () => {
  const follow = (idea: Idea | null, form: Record<string, string>, cookie?: string, ref?: string) =>
    post(followAction, {
      path: `/ideas/${ref ?? ideaRef(idea!)}/follow`,
      form,
      cookie,
      ref: ref ?? ideaRef(idea!),
    })

  it('answers the button with JSON: following and the count, nothing more', async () => {
    const idea = await createTestIdea()
    const { person, cookie } = await signedIn()
    const answer = (await follow(idea, { following: 'true', respond: 'json' }, cookie)) as Response
    expect(answer.status).toBe(200)
    expect(await answer.json()).toEqual({ ok: true, following: true, followerCount: 2 })
    const stopped = (await follow(
      idea,
      { following: 'false', respond: 'json' },
      cookie,
    )) as Response
    expect(await stopped.json()).toEqual({ ok: true, following: false, followerCount: 1 })
    expect(
      await db()
        .select()
        .from(follows)
        .where(and(eq(follows.userId, person.id), eq(follows.ideaId, idea.id))),
    ).toEqual([])
  })

  it('sends a form without JavaScript back to the idea at its current address', async () => {
    const idea = await createTestIdea()
    const { cookie } = await signedIn()
    const answer = await follow(idea, { following: 'true' }, cookie, String(idea.id))
    expect(statusOf(answer)).toBe(303)
    expect(location(answer)).toBe(ideaPath(idea))
  })

  it('answers the button 404 for an address that names no idea and 400 for a form it cannot read; a plain form goes back with why; and asks to sign in', async () => {
    const idea = await createTestIdea()
    const { cookie } = await signedIn()
    const json = { respond: 'json' }
    expect(statusOf(await follow(null, { following: 'true', ...json }, cookie, 'nope'))).toBe(404)
    expect(statusOf(await follow(null, { following: 'true', ...json }, cookie, '999999999'))).toBe(
      404,
    )
    expect(statusOf(await follow(idea, { following: 'maybe', ...json }, cookie))).toBe(400)
    expect(location(await follow(null, { following: 'true' }, cookie, '999999999'))).toBe(
      '/ideas?notice=follow.ideaGone',
    )
    expect(location(await follow(idea, { following: 'maybe' }, cookie))).toBe(
      `/ideas/${idea.id}?notice=error.formNotUnderstood`,
    )
    const signedOut = await follow(idea, { following: 'true' })
    expect(statusOf(signedOut)).toBe(302)
    expect(location(signedOut)).toMatch(/^\/login\?redirectTo=/)
  })
})

describe('the vote form without JavaScript', () => {
  const vote = (idea: Idea | null, form: Record<string, string>, cookie: string, ref?: string) =>
    post(voteAction, {
      path: `/ideas/${ref ?? ideaRef(idea!)}/vote`,
      form,
      cookie,
      ref: ref ?? ideaRef(idea!),
    })

  it('counts the vote and goes back to the page it came from, at the idea, without an old notice', async () => {
    const idea = await createTestIdea()
    const { cookie } = await signedIn()
    const answer = await vote(
      idea,
      { direction: 'up', redirectTo: '/ideas?sort=new&notice=votes.tooMany' },
      cookie,
    )
    expect(statusOf(answer)).toBe(303)
    expect(location(answer)).toBe(`/ideas?sort=new#idea-${idea.id}`)
    const [row] = await db().select().from(ideas).where(eq(ideas.id, idea.id))
    expect(row!.upVotes).toBe(2)
  })

  it('says on the page why a vote was not counted', async () => {
    const idea = await createTestIdea({ statusSlug: 'implemented' })
    const { cookie } = await signedIn()
    const answer = await vote(idea, { direction: 'up', redirectTo: ideaPath(idea) }, cookie)
    expect(statusOf(answer)).toBe(303)
    expect(location(answer)).toBe(`${ideaPath(idea)}?notice=votes.refused.closed#idea-${idea.id}`)
  })

  it('answers 404 for no idea and 400 for a direction it does not know (the error page)', async () => {
    const idea = await createTestIdea()
    const { cookie } = await signedIn()
    expect(statusOf(await vote(null, { direction: 'up' }, cookie, 'abc'))).toBe(404)
    expect(statusOf(await vote(null, { direction: 'up' }, cookie, '999999999'))).toBe(404)
    expect(statusOf(await vote(idea, { direction: 'sideways' }, cookie))).toBe(400)
  })
})

describe('the author’s edit page', () => {
  const edit = (idea: Idea, form: Record<string, string>, cookie?: string) =>
    post(editAction, { path: `${ideaPath(idea)}/edit`, form, cookie, ref: ideaRef(idea) })

  it('saves new words and goes to the idea’s new address with a notice', async () => {
    const { person, cookie } = await signedIn()
    const idea = await createTestIdea({ authorId: person.id })
    const answer = await edit(
      idea,
      { intent: 'edit', title: 'Refill stations in every store', description: 'Bring a cup.' },
      cookie,
    )
    expect(statusOf(answer)).toBe(303)
    expect(location(answer)).toBe(
      `/ideas/${idea.id}-refill-stations-in-every-store?notice=ideas.edit.saved`,
    )
  })

  it('withdraws after the box is ticked, and back to the idea without a notice', async () => {
    const { person, cookie } = await signedIn()
    const idea = await createTestIdea({ authorId: person.id })
    const unticked = await edit(idea, { intent: 'withdraw' }, cookie)
    expect(statusOf(unticked)).toBe(400)
    expect(dataOf(unticked)).toEqual({
      fieldErrors: { confirm: ['ideas.withdraw.confirmRequired'] },
      values: { intent: 'withdraw' },
    })
    const answer = await edit(idea, { intent: 'withdraw', confirm: 'yes' }, cookie)
    expect(statusOf(answer)).toBe(303)
    expect(location(answer)).toBe(ideaPath(idea))
  })

  it('says why the words can no longer change, and why it can no longer be withdrawn (409)', async () => {
    const { person, cookie } = await signedIn()
    const late = await createTestIdea({
      authorId: person.id,
      createdAt: new Date(Date.now() - 2 * 60 * 60 * 1000),
    })
    const tooLate = await edit(
      late,
      { intent: 'edit', title: 'Another title entirely', description: 'Other words.' },
      cookie,
    )
    expect(statusOf(tooLate)).toBe(409)
    expect(dataOf(tooLate)).toEqual({
      fieldErrors: {},
      formError: 'ideas.edit.closed.tooLate',
      values: { intent: 'edit', title: 'Another title entirely', description: 'Other words.' },
    })
    const planned = await createTestIdea({ authorId: person.id, statusSlug: 'planned' })
    const decided = await edit(planned, { intent: 'withdraw', confirm: 'yes' }, cookie)
    expect(statusOf(decided)).toBe(409)
    expect(dataOf(decided)).toMatchObject({ formError: 'ideas.withdraw.notAllowed' })
  })

  it('keeps what was typed beside the errors, and answers an unknown button with 400', async () => {
    const { person, cookie } = await signedIn()
    const idea = await createTestIdea({ authorId: person.id })
    const invalid = await edit(idea, { intent: 'edit', title: 'x', description: 'Words.' }, cookie)
    expect(statusOf(invalid)).toBe(400)
    expect(dataOf(invalid)).toMatchObject({
      fieldErrors: { title: [expect.any(String)] },
      values: { intent: 'edit', title: 'x', description: 'Words.' },
    })
    // Shown above the forms (no form of the page sends another intent).
    const unknown = await edit(idea, { intent: 'launch' }, cookie)
    expect(statusOf(unknown)).toBe(400)
    expect(dataOf(unknown)).toEqual({
      fieldErrors: { intent: ['error.badRequestText'] },
      values: { intent: 'launch' },
    })
  })

  it('is a 404 for everyone but the author, and asks a visitor to sign in', async () => {
    const idea = await createTestIdea()
    const { cookie } = await signedIn()
    const form = { intent: 'edit', title: 'Taken over by someone', description: 'Mine now.' }
    expect(statusOf(await edit(idea, form, cookie))).toBe(404)
    expect(statusOf(await edit(idea, { intent: 'withdraw', confirm: 'yes' }, cookie))).toBe(404)
    // Whatever is posted: the owner is checked before the form is read (no 400 under the 404 page).
    expect(statusOf(await edit(idea, { intent: 'launch' }, cookie))).toBe(404)
    expect(statusOf(await edit(idea, {}, cookie))).toBe(404)
    expect(statusOf(await edit(idea, { intent: 'edit', title: 'x' }, cookie))).toBe(404)
    expect(statusOf(await edit(idea, { intent: 'withdraw' }, cookie))).toBe(404)
    const signedOut = await edit(idea, form)
    expect(statusOf(signedOut)).toBe(302)
    expect(location(signedOut)).toMatch(/^\/login\?redirectTo=/)
    const page = await settle(() =>
      editLoader({
        request: makeRequest({ path: `${ideaPath(idea)}/edit`, cookie }),
        params: { ideaRef: ideaRef(idea) },
        context: makeContext(),
      }),
    )
    expect(statusOf(page)).toBe(404)
    const [row] = await db().select().from(ideas).where(eq(ideas.id, idea.id))
    expect({ title: row!.title, withdrawnAt: row!.withdrawnAt }).toEqual({
      title: idea.title,
      withdrawnAt: null,
    })
  })

  it('gives the author the words to edit and what they may still do', async () => {
    const { person, cookie } = await signedIn()
    const idea = await createTestIdea({ authorId: person.id })
    const page = (await editLoader({
      request: makeRequest({ path: `/ideas/${idea.id}/edit`, cookie }),
      params: { ideaRef: String(idea.id) },
      context: makeContext(),
    })) as Record<string, unknown>
    expect(page).toEqual({
      title: 'Edit your idea',
      idea: {
        id: idea.id,
        slug: idea.slug,
        title: idea.title,
        description: idea.description,
        language: expect.anything(),
      },
      actions: { edit: { allowed: true }, withdraw: true },
    })
  })
})

describe('the new-idea form', () => {
  const send = (form: Record<string, string>, cookie?: string) =>
    post(newIdeaAction, { path: '/ideas/new', form, cookie })
  async function fields(title: string) {
    const category = await findCategory({ kind: 'product' })
    return {
      kind: 'product',
      categoryId: String(category.id),
      title,
      description: 'Please *do* this.',
      submissionKey: crypto.randomUUID(),
    }
  }

  it('answers a filled honeypot and an unknown button like a form with errors (400)', async () => {
    const idea = await fields('Honeypot filled by a bot')
    const bot = await send({ ...idea, intent: 'post', website: 'spam' })
    expect(statusOf(bot)).toBe(400)
    expect(dataOf(bot)).toEqual({
      fieldErrors: {},
      formError: 'auth.formHasErrors',
      values: { ...idea, intent: 'post', website: 'spam' },
    })
    const unknown = await send({ ...idea, intent: 'launch' })
    expect(statusOf(unknown)).toBe(400)
    expect(dataOf(unknown)).toMatchObject({ formError: 'error.badRequestText' })
    const invalid = await send({ ...idea, title: '', intent: 'post' })
    expect(statusOf(invalid)).toBe(400)
    expect(dataOf(invalid)).toMatchObject({ fieldErrors: { title: [expect.any(String)] } })
  })

  it('previews the words, valid or not yet, with ideas like the title', async () => {
    const preview = await send({ ...(await fields('')), intent: 'preview' })
    expect(statusOf(preview)).toBe(200)
    expect(dataOf(preview)).toMatchObject({
      previewHtml: '<p>Please <em>do</em> this.</p>\n',
      similar: [],
      fieldErrors: { title: [expect.any(String)] },
    })
  })

  it('shows ideas like it once, then posts it', async () => {
    const { cookie } = await signedIn()
    const word = unique('wombat').replace(/[^a-z]/g, '')
    const existing = await createTestIdea({ title: `Serve ${word} cocoa in every store` })
    const idea = await fields(`${word} cocoa please`)
    const first = await send({ ...idea, intent: 'post' }, cookie)
    expect(statusOf(first)).toBe(200)
    expect(dataOf(first)).toMatchObject({
      fieldErrors: {},
      values: { similarShownFor: `${word} cocoa please` },
      similar: [expect.objectContaining({ id: existing.id })],
    })
    const posted = await send(
      { ...idea, intent: 'post', similarShownFor: `${word} cocoa please` },
      cookie,
    )
    expect(statusOf(posted)).toBe(303)
    expect(location(posted)).toMatch(new RegExp(`^/ideas/\\d+-${word}-cocoa-please\\?posted=1$`))
  })

  it('posts in one press after a preview, which showed the ideas like it already', async () => {
    const { cookie } = await signedIn()
    const word = unique('numbat').replace(/[^a-z]/g, '')
    const existing = await createTestIdea({ title: `Serve ${word} tea in every store` })
    const idea = await fields(`${word} tea please`)
    const preview = await send({ ...idea, intent: 'preview', similarShownFor: '' }, cookie)
    expect(dataOf(preview).similar).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: existing.id })]),
    )
    // The form comes back with what the preview answered; its Post sends that.
    const values = dataOf(preview).values as Record<string, string>
    const posted = await send({ ...values, intent: 'post' }, cookie)
    expect(statusOf(posted)).toBe(303)
    expect(location(posted)).toMatch(new RegExp(`^/ideas/\\d+-${word}-tea-please\\?posted=1$`))
  })

  // The form comes back with what the step answered; the person changes the title, then presses
  // Post: the ideas like the new title are shown first, as the first ones were (by the step or the
  // preview), and the next Post posts it.
  it.each(['post', 'preview'])(
    'shows the ideas like a title changed since the %s showed its similar ideas, then posts it',
    async (firstStep) => {
      const { cookie } = await signedIn()
      const [word, other] = [unique('bilby'), unique('quoll')].map((text) =>
        text.replace(/[^a-z]/g, ''),
      )
      await createTestIdea({ title: `Serve ${word} cocoa in every store` })
      const likeTheNewTitle = await createTestIdea({ title: `Bake ${other} scones every morning` })
      const first = await send(
        { ...(await fields(`${word} cocoa please`)), intent: firstStep },
        cookie,
      )
      expect(dataOf(first).similar).not.toEqual([])
      const second = await send(
        {
          ...(dataOf(first).values as Record<string, string>),
          intent: 'post',
          title: `${other} scones please`,
        },
        cookie,
      )
      expect(statusOf(second)).toBe(200)
      expect(dataOf(second).similar).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: likeTheNewTitle.id })]),
      )
      const posted = await send(
        { ...(dataOf(second).values as Record<string, string>), intent: 'post' },
        cookie,
      )
      expect(statusOf(posted)).toBe(303)
      expect(location(posted)).toMatch(
        new RegExp(`^/ideas/\\d+-${other}-scones-please\\?posted=1$`),
      )
    },
  )

  it('answers a category of another kind at the category field (400), the input kept', async () => {
    const { cookie } = await signedIn()
    const idea = { ...(await fields('A product category for an experience')), kind: 'experience' }
    const refused = await send({ ...idea, intent: 'post', similarShownFor: idea.title }, cookie)
    expect(statusOf(refused)).toBe(400)
    expect(dataOf(refused)).toMatchObject({
      fieldErrors: { categoryId: ['ideas.form.categoryOtherKind'] },
      values: { title: 'A product category for an experience' },
    })
  })

  it('keeps a visitor’s idea as a draft and sends them to sign up', async () => {
    const answer = await send({
      ...(await fields('A visitor’s idea for later')),
      intent: 'post',
      similarShownFor: 'A visitor’s idea for later',
    })
    expect(statusOf(answer)).toBe(302)
    const to = new URL(location(answer)!, 'http://localhost')
    expect(to.pathname).toBe('/signup')
    expect(to.searchParams.get('reason')).toBe('idea')
    expect(to.searchParams.get('redirectTo')).toMatch(/^\/ideas\/new\?draft=[\w-]+$/)
  })
})
