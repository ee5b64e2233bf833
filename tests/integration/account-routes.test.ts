// The account's self-service pages called with real Requests, as Remix would call them: profile,
// email and password, sessions, data export and deletion, and what each refuses.
import { and, desc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { auditLog, comments, handleHistory, ideas, outbox, sessions, users } from '#app/db/schema'
import {
  addActivity,
  createTestIdea,
  createTestUser,
  getIdeaRow,
  TEST_PASSWORD,
  unique,
} from '#app/demo/factories.server'
import { signIn } from '#app/domain/accounts/accounts.server'
import { startSession, validateSession } from '#app/domain/accounts/sessions.server'
import { recountIdeas } from '#app/domain/ideas/ideas.server'
import { action as profileAction } from '#app/routes/account._index'
import { action as dataAction } from '#app/routes/account.data'
import { action as downloadAction } from '#app/routes/account.data.download'
import { action as notificationsAction } from '#app/routes/account.notifications'
import { action as securityAction, loader as securityLoader } from '#app/routes/account.security'
import { action as sessionsAction, loader as sessionsLoader } from '#app/routes/account.sessions'
import {
  action as confirmEmailAction,
  loader as confirmEmailLoader,
} from '#app/routes/confirm-email.$token'
import { loader as privacyLoader } from '#app/routes/privacy'
import { loader as profilePageLoader } from '#app/routes/u.$handle'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

type DataResult = {
  type: 'DataWithResponseInit'
  data: {
    fieldErrors: Record<string, string[]>
    formError?: string
    values: Record<string, string>
  }
  init: { status?: number } | null
}

const call = (
  fn: (args: never) => Promise<unknown>,
  request: Request,
  params: Record<string, string> = {},
) => settle(() => fn({ request, params, context: makeContext() } as never))

/** A person with a password and a signed-in browser (its Cookie header). */
async function signedIn(options: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(options)
  const { cookie, sessionId } = await startSession(user.id, {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
  })
  return { user, cookie: cookieFrom(cookie), sessionId }
}

const post = (path: string, cookie: string, form: Record<string, string>) =>
  makeRequest({ path, method: 'POST', cookie, form })
const statusOf = (result: unknown) =>
  result instanceof Response ? result.status : (result as DataResult).init?.status
const userRow = async (id: number) => (await db().select().from(users).where(eq(users.id, id)))[0]!

describe('profile: display name and handle', () => {
  it('changes both, and the old profile address redirects to the new one', async () => {
    const { user, cookie } = await signedIn()
    const handle = unique('new')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 40)
    const result = (await call(
      profileAction,
      post('/account', cookie, { intent: 'profile', displayName: 'Renamed Person', handle }),
    )) as Response
    expect(result.status).toBe(303)
    expect(await userRow(user.id)).toMatchObject({ displayName: 'Renamed Person', handle })
    const old = (await call(profilePageLoader, makeRequest({ path: `/u/${user.handle}` }), {
      handle: user.handle,
    })) as Response
    expect(old.status).toBe(301)
    expect(old.headers.get('Location')).toBe(`/u/${handle}`)
  })

  it('refuses a handle someone has now or had before, and a malformed one', async () => {
    const { cookie } = await signedIn()
    const other = await createTestUser({ password: null })
    const taken = (await call(
      profileAction,
      post('/account', cookie, { intent: 'profile', displayName: 'Someone', handle: other.handle }),
    )) as DataResult
    expect(taken.init?.status).toBe(400)
    expect(taken.data.fieldErrors.handle).toEqual(['validation.handleTaken'])
    expect(taken.data.values.handle).toBe(other.handle)

    // The other person moves on; their old handle still leads to them, so nobody else may take it.
    const { cookie: otherCookie } = await signedIn()
    const renamer = await createTestUser()
    const { cookie: renamerCookie } = await startSession(renamer.id)
    await call(
      profileAction,
      post('/account', cookieFrom(renamerCookie), {
        intent: 'profile',
        displayName: 'Renamer',
        handle: `${renamer.handle}-x`,
      }),
    )
    const history = (await call(
      profileAction,
      post('/account', otherCookie, {
        intent: 'profile',
        displayName: 'Someone',
        handle: renamer.handle,
      }),
    )) as DataResult
    expect(history.data.fieldErrors.handle).toEqual(['validation.handleTaken'])

    const malformed = (await call(
      profileAction,
      post('/account', cookie, {
        intent: 'profile',
        displayName: 'Someone',
        handle: '-No Spaces-',
      }),
    )) as DataResult
    expect(malformed.init?.status).toBe(400)
    expect(malformed.data.fieldErrors.handle).toEqual(['validation.handleFormat'])
  })

  it('takes back an earlier handle of ones own', async () => {
    const { user, cookie } = await signedIn()
    await call(
      profileAction,
      post('/account', cookie, {
        intent: 'profile',
        displayName: user.displayName,
        handle: `${user.handle}-b`,
      }),
    )
    const back = (await call(
      profileAction,
      post('/account', cookie, {
        intent: 'profile',
        displayName: user.displayName,
        handle: user.handle,
      }),
    )) as Response
    expect(back.status).toBe(303)
    expect((await userRow(user.id)).handle).toBe(user.handle)
    expect(
      await db().select().from(handleHistory).where(eq(handleHistory.userId, user.id)),
    ).toEqual([expect.objectContaining({ handle: `${user.handle}-b` })])
  })
})

describe('email and password', () => {
  it('changes the email only when the link sent to the new address is opened; the old address is told', async () => {
    const { user, cookie } = await signedIn()
    const newEmail = `${unique('moved')}@example.test`
    const wrong = (await call(
      securityAction,
      post('/account/security', cookie, {
        intent: 'email',
        email: newEmail,
        currentPassword: 'not my password',
      }),
    )) as DataResult
    expect(wrong.init?.status).toBe(400)
    expect(wrong.data.fieldErrors.currentPassword).toEqual(['validation.wrongPassword'])

    const sent = (await call(
      securityAction,
      post('/account/security', cookie, {
        intent: 'email',
        email: newEmail,
        currentPassword: TEST_PASSWORD,
      }),
    )) as Response
    expect(sent.status).toBe(303)
    expect((await userRow(user.id)).email).toBe(user.email)
    const pending = (await call(
      securityLoader,
      makeRequest({ path: '/account/security', cookie }),
    )) as { pendingEmail: string | null }
    expect(pending.pendingEmail).toBe(newEmail)

    const mails = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.userId, user.id))
      .orderBy(desc(outbox.id))
    const notice = mails.find((mail) => mail.toAddress === user.email)
    const confirm = mails.find((mail) => mail.toAddress === newEmail)
    expect(notice?.textBody).toContain(newEmail)
    const token = /\/confirm-email\/([\w-]+)/.exec(confirm?.textBody ?? '')?.[1]
    expect(token).toBeTruthy()

    // Opening the link (a mail scanner, a link preview, the person) only shows the button.
    const opened = (await call(
      confirmEmailLoader,
      makeRequest({ path: `/confirm-email/${token}` }),
      { token: token! },
    )) as { link: string; newEmail: string }
    expect(opened).toMatchObject({ link: 'open', newEmail })
    expect((await userRow(user.id)).email).toBe(user.email)

    const press = () =>
      call(
        confirmEmailAction,
        makeRequest({ path: `/confirm-email/${token}`, method: 'POST', form: {} }),
        { token: token! },
      ) as Promise<{ outcome: string }>
    expect((await press()).outcome).toBe('done')
    const after = await userRow(user.id)
    expect(after.email).toBe(newEmail)
    expect(after.emailVerifiedAt).not.toBeNull()
    // The link again, and a second press: the address is already confirmed, and says so.
    const again = (await call(
      confirmEmailLoader,
      makeRequest({ path: `/confirm-email/${token}` }),
      { token: token! },
    )) as { link: string }
    expect(again.link).toBe('alreadyConfirmed')
    expect((await press()).outcome).toBe('alreadyConfirmed')
  })

  it('refuses an address another account has', async () => {
    const { cookie } = await signedIn()
    const other = await createTestUser({ password: null })
    const taken = (await call(
      securityAction,
      post('/account/security', cookie, {
        intent: 'email',
        email: other.email.toUpperCase(),
        currentPassword: TEST_PASSWORD,
      }),
    )) as DataResult
    expect(taken.init?.status).toBe(400)
    expect(taken.data.fieldErrors.email).toEqual(['validation.emailTaken'])
  })

  it('changes the password with the current one: other sessions end, this one rotates', async () => {
    const { user, cookie, sessionId } = await signedIn()
    const other = await startSession(user.id)
    const wrong = (await call(
      securityAction,
      post('/account/security', cookie, {
        intent: 'password',
        currentPassword: 'wrong password!',
        newPassword: 'a brand new passphrase',
      }),
    )) as DataResult
    expect(wrong.init?.status).toBe(400)
    expect(wrong.data.fieldErrors.currentPassword).toEqual(['validation.wrongPassword'])
    expect(wrong.data.values).not.toHaveProperty('currentPassword')
    expect((await validateSession(other.sessionId)).user?.id).toBe(user.id)

    const changed = (await call(
      securityAction,
      post('/account/security', cookie, {
        intent: 'password',
        currentPassword: TEST_PASSWORD,
        newPassword: 'a brand new passphrase',
      }),
    )) as Response
    expect(changed.status).toBe(303)
    const rotated = cookieFrom(changed.headers.get('Set-Cookie'))
    expect(rotated).not.toBe(cookie)
    expect((await validateSession(sessionId)).user).toBeNull()
    expect((await validateSession(other.sessionId)).user).toBeNull()
    expect((await validateSession(rotated.split('=')[1]!)).user?.id).toBe(user.id)
    expect(
      (
        await signIn({
          input: { email: user.email, password: 'a brand new passphrase' },
          clientIp: '10.1.2.3',
        })
      ).ok,
    ).toBe(true)
  })

  it('sends the verification email again while the address is unconfirmed', async () => {
    const { user, cookie } = await signedIn()
    const verificationMails = async () =>
      (await db().select().from(outbox).where(eq(outbox.userId, user.id))).filter(
        (mail) => mail.kind === 'verify-email',
      )
    const before = (await verificationMails()).length
    const sent = (await call(
      securityAction,
      post('/account/security', cookie, { intent: 'resend-verification' }),
    )) as Response
    expect(sent.status).toBe(303)
    expect(sent.headers.get('Location')).toMatch(/^\/account\/security\?/)
    expect((await verificationMails()).length).toBe(before + 1)
  })

  it('answers an unknown intent with 400', async () => {
    const { cookie } = await signedIn()
    for (const intent of ['nope', 'constructor', 'toString'])
      expect(
        statusOf(await call(securityAction, post('/account/security', cookie, { intent }))),
      ).toBe(400)
    expect(statusOf(await call(securityAction, post('/account/security', cookie, {})))).toBe(400)
    for (const intent of ['nope', 'hasOwnProperty', ''])
      expect(
        statusOf(await call(sessionsAction, post('/account/sessions', cookie, { intent }))),
      ).toBe(400)
    expect(
      statusOf(
        await call(notificationsAction, post('/account/notifications', cookie, { intent: 'nope' })),
      ),
    ).toBe(400)
  })
})

describe('sessions', () => {
  it('lists the sessions with their browser, and ends one or every other', async () => {
    const { user, cookie, sessionId } = await signedIn()
    const phone = await startSession(user.id, { userAgent: 'Mozilla/5.0 (iPhone) Safari' })
    const tablet = await startSession(user.id, { userAgent: null })
    const page = (await call(
      sessionsLoader,
      makeRequest({ path: '/account/sessions', cookie }),
    )) as {
      sessions: {
        key: string
        current: boolean
        userAgent: string | null
        createdAt: Date
        lastSeenAt: Date
      }[]
    }
    expect(page.sessions).toHaveLength(3)
    expect(
      page.sessions.filter((session) => session.current).map((session) => session.userAgent),
    ).toEqual(['Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0'])
    expect(page.sessions.map((session) => session.userAgent)).toContain(
      'Mozilla/5.0 (iPhone) Safari',
    )
    // The page never shows a session id (the secret in the cookie).
    expect(JSON.stringify(page)).not.toContain(phone.sessionId)

    const phoneKey = page.sessions.find((session) => session.userAgent?.includes('iPhone'))!.key
    expect(
      statusOf(
        await call(
          sessionsAction,
          post('/account/sessions', cookie, { intent: 'end', session: phoneKey }),
        ),
      ),
    ).toBe(303)
    expect((await validateSession(phone.sessionId)).user).toBeNull()
    expect((await validateSession(tablet.sessionId)).user?.id).toBe(user.id)

    // Someone else's session cannot be named.
    const stranger = await signedIn()
    const strangerPage = (await call(
      sessionsLoader,
      makeRequest({ path: '/account/sessions', cookie: stranger.cookie }),
    )) as typeof page
    await call(
      sessionsAction,
      post('/account/sessions', cookie, { intent: 'end', session: strangerPage.sessions[0]!.key }),
    )
    expect((await validateSession(stranger.sessionId)).user).not.toBeNull()

    expect(
      statusOf(
        await call(sessionsAction, post('/account/sessions', cookie, { intent: 'end-others' })),
      ),
    ).toBe(303)
    expect((await validateSession(tablet.sessionId)).user).toBeNull()
    expect((await validateSession(sessionId)).user?.id).toBe(user.id)
  })
})

describe('your data', () => {
  it('downloads everything as a JSON attachment', async () => {
    const { user, cookie } = await signedIn()
    const idea = await createTestIdea({ authorId: user.id })
    const other = await createTestIdea()
    await addActivity({
      votes: [{ ideaId: other.id, userId: user.id, value: 1 }],
      comments: [{ ideaId: other.id, authorId: user.id, body: 'My comment' }],
    })
    const response = (await call(
      downloadAction,
      post('/account/data/download', cookie, { intent: 'download' }),
    )) as Response
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="ideabox-data-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json"$/,
    )
    const body = (await response.json()) as {
      profile: { email: string }
      ideas: { id: number }[]
      comments: { body: string }[]
      votes: { ideaId: number }[]
      follows: { ideaId: number }[]
    }
    expect(body.profile.email).toBe(user.email)
    expect(body.ideas.map((row) => row.id)).toEqual([idea.id])
    expect(body.comments.map((row) => row.body)).toEqual(['My comment'])
    // Posting an idea votes for it and follows it.
    expect(body.votes.map((row) => row.ideaId)).toEqual([idea.id, other.id])
    expect(body.follows.map((row) => row.ideaId)).toEqual([idea.id, other.id])
    expect(JSON.stringify(body)).not.toContain('passwordHash')
  })

  it('refuses to delete without the right password', async () => {
    const { user, cookie } = await signedIn()
    const result = (await call(
      dataAction,
      post('/account/data', cookie, { intent: 'delete', currentPassword: 'not it at all' }),
    )) as DataResult
    expect(result.init?.status).toBe(400)
    expect(result.data.fieldErrors.currentPassword).toEqual(['validation.wrongPassword'])
    expect((await userRow(user.id)).deletedAt).toBeNull()
  })

  it('refuses to delete the last admin', async () => {
    // The other admins of this test database step down for the test, and come back after it.
    const others = await db().select({ id: users.id }).from(users).where(eq(users.role, 'admin'))
    if (others.length)
      await db().update(users).set({ role: 'moderator' }).where(eq(users.role, 'admin'))
    const { user, cookie } = await signedIn({ role: 'admin' })
    const result = (await call(
      dataAction,
      post('/account/data', cookie, { intent: 'delete', currentPassword: TEST_PASSWORD }),
    )) as DataResult
    expect(result.init?.status).toBe(409)
    expect(result.data.formError).toBe('account.data.lastAdmin')
    expect((await userRow(user.id)).deletedAt).toBeNull()

    // With a second admin, the first may go.
    await createTestUser({ role: 'admin', password: null })
    expect(
      statusOf(
        await call(
          dataAction,
          post('/account/data', cookie, { intent: 'delete', currentPassword: TEST_PASSWORD }),
        ),
      ),
    ).toBe(303)
    for (const { id } of others)
      await db().update(users).set({ role: 'admin' }).where(eq(users.id, id))
  })

  it('erases the person, keeps ideas, comments and votes (counters equal rows), and the profile answers 404', async () => {
    const { user, cookie, sessionId } = await signedIn()
    const renamed = `${user.handle}-old`
    await call(
      profileAction,
      post('/account', cookie, {
        intent: 'profile',
        displayName: user.displayName,
        handle: renamed,
      }),
    )
    const own = await createTestIdea({ authorId: user.id })
    const other = await createTestIdea()
    await addActivity({
      votes: [
        { ideaId: other.id, userId: user.id, value: 1 },
        { ideaId: own.id, userId: user.id, value: 1 },
      ],
      comments: [{ ideaId: other.id, authorId: user.id, body: 'Kept comment' }],
    })
    const before = await getIdeaRow(other.id)

    const response = (await call(
      dataAction,
      post('/account/data', cookie, { intent: 'delete', currentPassword: TEST_PASSWORD }),
    )) as Response
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/?notice=account.deleted')
    expect(response.headers.get('Set-Cookie')).toMatch(/Max-Age=0/)

    const row = await userRow(user.id)
    expect(row).toMatchObject({ displayName: '', passwordHash: null, phone: null })
    expect(row.email).not.toContain(user.email.split('@')[0])
    expect(row.handle).not.toBe(renamed)
    expect(row.deletedAt).not.toBeNull()
    expect((await validateSession(sessionId)).user).toBeNull()
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([])
    expect(
      await db().select().from(handleHistory).where(eq(handleHistory.userId, user.id)),
    ).toEqual([])

    // Votes keep counting; the follow is gone and the follower count with it.
    const after = await getIdeaRow(other.id)
    expect({ up: after!.upVotes, comments: after!.commentCount }).toEqual({
      up: before!.upVotes,
      comments: before!.commentCount,
    })
    expect(after!.followerCount).toBe(before!.followerCount - 1)
    expect(await countersMatchRows([own.id, other.id])).toBe(true)
    expect((await getIdeaRow(own.id))!.hiddenAt).toBeNull()

    for (const handle of [user.handle, renamed]) {
      expect(
        statusOf(await call(profilePageLoader, makeRequest({ path: `/u/${handle}` }), { handle })),
      ).toBe(404)
    }
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.delete'), eq(auditLog.targetId, user.id)))
    expect(audit).toMatchObject({ actorId: user.id, targetType: 'user' })
    expect(JSON.stringify(audit)).not.toContain(user.email)
    // No sign-in with the old address or password.
    expect(
      (
        await signIn({
          input: { email: user.email, password: TEST_PASSWORD },
          clientIp: '10.1.2.4',
        })
      ).ok,
    ).toBe(false)
  })

  it('removes ideas and comments from public view when asked, counters still equal to rows', async () => {
    const { user, cookie } = await signedIn()
    const own = await createTestIdea({ authorId: user.id })
    const other = await createTestIdea()
    await addActivity({
      votes: [{ ideaId: own.id, userId: user.id, value: 1 }],
      comments: [{ ideaId: other.id, authorId: user.id, body: 'To be removed' }],
    })
    expect(
      statusOf(
        await call(
          dataAction,
          post('/account/data', cookie, {
            intent: 'delete',
            currentPassword: TEST_PASSWORD,
            removeContent: 'on',
          }),
        ),
      ),
    ).toBe(303)
    expect((await getIdeaRow(own.id))!.hiddenAt).not.toBeNull()
    const [comment] = await db().select().from(comments).where(eq(comments.authorId, user.id))
    expect(comment!.deletedAt).not.toBeNull()
    expect((await getIdeaRow(other.id))!.commentCount).toBe(0)
    expect(await countersMatchRows([own.id, other.id])).toBe(true)
  })
})

describe('privacy page', () => {
  it('answers for everyone', async () => {
    const page = (await call(privacyLoader as never, makeRequest({ path: '/privacy' }))) as {
      title: string
    }
    expect(page.title).toBe('Privacy')
  })
})

/** Every counter on these ideas equals the rows it counts (the invariant the reliability suite checks). */
async function countersMatchRows(ideaIds: number[]) {
  for (const id of ideaIds) {
    const idea = (await db().select().from(ideas).where(eq(ideas.id, id)))[0]!
    await recountIdeas({ ideaIds: [id] })
    const recounted = (await db().select().from(ideas).where(eq(ideas.id, id)))[0]!
    if (
      idea.upVotes !== recounted.upVotes ||
      idea.downVotes !== recounted.downVotes ||
      idea.commentCount !== recounted.commentCount ||
      idea.followerCount !== recounted.followerCount
    )
      return false
  }
  return true
}
