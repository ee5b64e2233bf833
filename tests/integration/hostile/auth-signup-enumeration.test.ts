// Hostile input: the sign-up form must not tell a stranger whether an address has an account. A new
// and a taken address get the same answer and no session; the holder of a taken address is told by
// email instead, and their account stays as it was. Only the emailed link signs a new person in.
import { asc, eq } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { outbox, users } from '#app/db/schema'
import { createTestUser, getIdeaRow, TEST_PASSWORD, unique } from '#app/demo/factories.server'
import { findUserByEmail } from '#app/domain/accounts/accounts.server'
import { verifyPassword } from '#app/domain/accounts/passwords.server'
import {
  SESSION_COOKIE_NAME,
  startSession,
  validateSession,
} from '#app/domain/accounts/sessions.server'
import { captureIdea, readConfirmationReceipt } from '#app/domain/intake/intake.server'
import { action as signupAction } from '#app/routes/signup'
import { action as sentAction, loader as sentLoader } from '#app/routes/signup_.sent'
import { action as verifyAction } from '#app/routes/verify-email.$token'
import { verificationToken } from '#tests/setup/outbox'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

const site = 'http://localhost'

const call = (
  fn: (args: never) => Promise<unknown>,
  request: Request,
  params: Record<string, string> = {},
) => settle(() => fn({ request, params, context: makeContext() } as never)) as Promise<Response>

const signUpThroughForm = (form: Record<string, string>, cookie?: string) =>
  call(
    signupAction,
    makeRequest({
      path: '/signup',
      method: 'POST',
      form: { displayName: 'Sam Stranger', password: 'a sturdy passphrase', ...form },
      cookie,
    }),
  )

const cookieNames = (response: Response) =>
  response.headers.getSetCookie().map((cookie) => cookie.split('=')[0])

/** What a visitor sees after the form: the answer's shape and the page it sends them to. */
async function whatTheVisitorSees(response: Response) {
  const location = response.headers.get('Location') ?? ''
  const page = await sentLoader({
    request: makeRequest({ path: location }),
    params: {},
    context: makeContext(),
  } as never)
  return { status: response.status, location, cookies: cookieNames(response), page }
}

async function mailsTo(email: string) {
  return db()
    .select({ kind: outbox.kind, subject: outbox.subject, textBody: outbox.textBody })
    .from(outbox)
    .where(eq(outbox.toAddress, email))
    .orderBy(asc(outbox.id))
}

const openLink = (token: string, cookie?: string) =>
  call(
    verifyAction,
    makeRequest({ path: `/verify-email/${token}`, method: 'POST', form: {}, cookie }),
    { token },
  )

function sessionCookie(response: Response) {
  return cookieFrom(
    response.headers
      .getSetCookie()
      .find(
        (cookie) => cookie.startsWith(`${SESSION_COOKIE_NAME}=`) && !cookie.includes('Max-Age=0'),
      ) ?? null,
  )
}

describe('sign-up does not reveal whether an email has an account', () => {
  it('answers a new and a taken address alike, with no session, and emails the holder instead of changing the account', async () => {
    const holder = await createTestUser()
    const before = await findUserByEmail({ email: holder.email })
    const stranger = `${unique('new')}@example.test`
    const redirectTo = '/ideas/new?draft=abc'

    const forTaken = await whatTheVisitorSees(
      await signUpThroughForm({ email: holder.email.toUpperCase(), redirectTo }),
    )
    const forNew = await whatTheVisitorSees(
      await signUpThroughForm({ email: stranger.toUpperCase(), redirectTo }),
    )

    expect(forNew.status).toBe(302)
    expect(forNew.cookies).toEqual([])
    expect(forTaken.cookies).toEqual(forNew.cookies)
    expect(forTaken.status).toBe(forNew.status)
    // The page names the address typed, so compare it with the addresses swapped.
    expect(forTaken.location.replace(encodeURIComponent(holder.email), 'ADDRESS')).toBe(
      forNew.location.replace(encodeURIComponent(stranger), 'ADDRESS'),
    )
    expect(JSON.stringify(forTaken.page).replace(holder.email, 'ADDRESS')).toBe(
      JSON.stringify(forNew.page).replace(stranger, 'ADDRESS'),
    )

    // The holder: told by email, with a way in; the account as it was, the old password still the one.
    const holderMail = await mailsTo(holder.email)
    expect(holderMail.map((mail) => mail.kind)).toEqual(['sign-up-attempt'])
    expect(holderMail[0]!.subject).toBe('Someone tried to create an account with your address')
    expect(holderMail[0]!.textBody).toContain(
      'Someone — maybe you — tried to create an account with this address.',
    )
    expect(holderMail[0]!.textBody).toMatch(/\/login\b/)
    expect(holderMail[0]!.textBody).toMatch(/\/forgot-password\b/)
    expect(await findUserByEmail({ email: holder.email })).toEqual(before)
    expect(await verifyPassword(before!.passwordHash!, TEST_PASSWORD)).toBe(true)
    expect(
      await db().select({ id: users.id }).from(users).where(eq(users.email, holder.email)),
    ).toHaveLength(1)

    // The new person: an unverified account and a verification mail, nothing else.
    expect((await findUserByEmail({ email: stranger }))?.emailVerifiedAt).toBeNull()
    expect((await mailsTo(stranger)).map((mail) => mail.kind)).toEqual(['verify-email'])
  })

  it('signs the new person in from the emailed link and continues to redirectTo', async () => {
    const someoneElse = await createTestUser()
    const oldCookie = cookieFrom((await startSession(someoneElse.id)).cookie)
    const email = `${unique('verify')}@example.test`
    const redirectTo = '/ideas/new?draft=d-123'
    const answer = await signUpThroughForm({ email, redirectTo }, oldCookie)
    expect(cookieNames(answer)).toEqual([])

    // Pressed where the mail is read (signed out; a browser signed in as someone else stays so:
    // sign-in-ends-the-browser-session.test.ts).
    const opened = await openLink(await verificationToken(email))
    expect(opened.status).toBe(302)
    expect(opened.headers.get('Location')).toBe(redirectTo)
    const person = await findUserByEmail({ email })
    expect(person?.emailVerifiedAt).not.toBeNull()
    expect((await validateSession(sessionCookie(opened).split('=')[1]!)).user?.id).toBe(person!.id)

    // The link works once: pressed again, it says the address is confirmed already.
    expect(await openLink(await verificationToken(email))).toEqual({ link: 'alreadyConfirmed' })
  })

  it('still lets a verified address take over what staff captured for it', async () => {
    const agent = await createTestUser({ role: 'agent', password: null })
    const email = `${unique('captured')}@example.test`
    const captured = await captureIdea({
      actor: agent,
      customer: {
        email,
        name: 'Pim Phone',
        phone: undefined,
        channel: 'phone',
        network: undefined,
        externalRef: undefined,
      },
      idea: {
        kind: 'product',
        categoryId: 1,
        title: 'Decaf after 4 pm',
        description: 'Said on the phone.',
      },
    } as never)
    expect(captured.ok).toBe(true)
    await signUpThroughForm({ email })
    const opened = await openLink(await verificationToken(email))
    const person = await findUserByEmail({ email })
    const receipt = new URL(opened.headers.get('Location')!, 'http://localhost').searchParams.get(
      'receipt',
    )!
    expect(await readConfirmationReceipt({ receipt, viewerId: person!.id })).toMatchObject({
      claimedIdeas: 1,
    })
    expect((await getIdeaRow((captured as { ideaId: number }).ideaId))!.authorId).toBe(person!.id)
    expect((await validateSession(sessionCookie(opened).split('=')[1]!)).user?.id).toBe(person!.id)
  })

  it('"send it again" repeats what was sent, for a new and a taken address alike', async () => {
    const holder = await createTestUser()
    const stranger = `${unique('again')}@example.test`
    for (const email of [holder.email, stranger]) await signUpThroughForm({ email })
    const answers = await Promise.all(
      [holder.email, stranger].map(async (email) => {
        const response = await call(
          sentAction,
          makeRequest({ path: '/signup/sent', method: 'POST', form: { email } }),
        )
        return {
          status: response.status,
          cookies: cookieNames(response),
          location: response.headers.get('Location')?.replace(encodeURIComponent(email), 'ADDRESS'),
        }
      }),
    )
    expect(answers[0]).toEqual(answers[1])
    expect(answers[0]!.status).toBe(303)
    const [holderMail, strangerMail] = [await mailsTo(holder.email), await mailsTo(stranger)]
    expect(holderMail.map((mail) => mail.kind)).toEqual(['sign-up-attempt', 'sign-up-attempt'])
    expect(holderMail[1]!.textBody).toBe(holderMail[0]!.textBody)
    expect(strangerMail.map((mail) => mail.kind)).toEqual(['verify-email', 'verify-email'])
    expect(strangerMail[1]!.textBody).toBe(strangerMail[0]!.textBody)

    // Rate-limited per address, whatever the client.
    const statuses = []
    for (let attempt = 0; attempt < 3; attempt++)
      statuses.push(
        (await call(
          sentAction,
          makeRequest({ path: '/signup/sent', method: 'POST', form: { email: stranger } }),
        )) as unknown as { init?: { status: number }; status?: number },
      )
    expect(statuses.map((answer) => answer.init?.status ?? answer.status)).toEqual([303, 303, 429])
  })

  it('never sends anyone off the site, whatever the redirectTo (generated)', async () => {
    const piece = fc.constantFrom(
      '/',
      '//',
      '\\',
      '.',
      '..',
      '%2e',
      '%2F',
      '%5C',
      '\t',
      '\n',
      'evil.test',
      'http:',
      'javascript:',
      '@',
      '?',
      '#',
      'ideas',
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('')),
        async (redirectTo) => {
          const email = `${unique('gen')}@example.test`
          const answer = await signUpThroughForm({ email, redirectTo })
          const sent = new URL(answer.headers.get('Location') ?? '', `${site}/signup`)
          expect(sent.origin).toBe(site)
          expect(sent.pathname).toBe('/signup/sent')
          const location =
            (await openLink(await verificationToken(email))).headers.get('Location') ?? ''
          expect(location).toMatch(/^\/(?![/\\])/)
          expect(new URL(location, `${site}/verify-email/x`).origin).toBe(site)
        },
      ),
      { numRuns: 25 },
    )
  })
})
