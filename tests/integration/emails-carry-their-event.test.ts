// Every email and every in-app notification carries the content of the event it tells about (the
// team's answer, the comment, the note, the update, the reason, the idea), and every link in it opens
// for the person it was sent to, with their role and session: each link is requested through
// Remix's own handling with that person's cookie, following same-site redirects, and must answer 200.
// The cases come from the code (the registry `emails`), so a new kind of email fails here until it is added.
// The unsubscribe links of every kind are covered in hostile/unsubscribe-links.test.ts.
import { and, desc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import {
  feedback,
  notificationPreferences,
  notifications,
  type NotificationType,
  outbox,
  sessions,
  users,
  userTokens,
} from '#app/db/schema'
import { createTestIdea, createTestUser, unique } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { COMMENT_EDIT_MINUTES } from '#app/domain/comments/comments.rules'
import { postComment } from '#app/domain/comments/comments.server'
import { mergeIdeas } from '#app/domain/ideas/merging.server'
import { postIdea } from '#app/domain/ideas/posting.server'
import { type DirectEmailKind, type EmailKind, emails } from '#app/domain/mail/emails.server'
import { decideHeldIdea, hideContent } from '#app/domain/moderation/moderation.server'
import {
  COMMENT_EMAIL_WAIT_MINUTES,
  emailWaitMinutes,
  headlineParams,
  inAppHeadline,
  notificationHeadlines,
  notificationOpenPath,
} from '#app/domain/notifications/notifications.rules'
import { readReplyToken } from '#app/domain/notifications/reply-address.server'
import { castVote } from '#app/domain/votes/votes.server'
import * as root from '#app/root'
import * as accountLayout from '#app/routes/account'
import * as accountProfile from '#app/routes/account._index'
import * as accountNotifications from '#app/routes/account.notifications'
import * as accountSecurity from '#app/routes/account.security'
import * as adminLayout from '#app/routes/admin'
import * as adminHome from '#app/routes/admin._index'
import * as adminIdea from '#app/routes/admin.ideas.$ideaId'
import * as capturedPage from '#app/routes/captured.$token'
import * as confirmEmailPage from '#app/routes/confirm-email.$token'
import * as feedbackPage from '#app/routes/feedback'
import * as forgotPage from '#app/routes/forgot-password'
import * as ideaPage from '#app/routes/ideas.$ideaRef'
import * as loginPage from '#app/routes/login'
import * as notificationsPage from '#app/routes/notifications'
import * as openNotificationRoute from '#app/routes/notifications_.$notificationId'
import * as resetPage from '#app/routes/reset-password.$token'
import * as unsubscribePage from '#app/routes/unsubscribe'
import * as updatePage from '#app/routes/updates.$slug'
import * as verifyPage from '#app/routes/verify-email.$token'
import * as verifyDonePage from '#app/routes/verify-email.done'
import { publicBaseUrl, resetEnvCache } from '#app/utils/env.server'
import { translator } from '#app/utils/i18n/i18n'
import { ideaPath } from '#app/utils/idea-path'
import {
  directEmails,
  type EmailEvent,
  latestEmailFor,
  notificationEvents,
  type Recipient,
  staff,
} from '#tests/setup/emails'
import { remixHandler } from '#tests/setup/remix-handler'
import { cookiesAfter, makeContext, makeRequest } from '#tests/setup/request'

void root
const handle = remixHandler({
  'routes/ideas.$ideaRef': { path: 'ideas/:ideaRef', module: ideaPage },
  'routes/updates.$slug': { path: 'updates/:slug', module: updatePage },
  'routes/admin': { path: 'admin', module: adminLayout },
  'routes/admin._index': { index: true, parentId: 'routes/admin', module: adminHome },
  'routes/admin.ideas.$ideaId': {
    path: 'ideas/:ideaId',
    parentId: 'routes/admin',
    module: adminIdea,
  },
  'routes/account': { path: 'account', module: accountLayout },
  'routes/account.notifications': {
    path: 'notifications',
    parentId: 'routes/account',
    module: accountNotifications,
  },
  'routes/notifications': { path: 'notifications', module: notificationsPage },
  'routes/notifications_.$notificationId': {
    path: 'notifications/:notificationId',
    module: openNotificationRoute,
  },
  'routes/unsubscribe': { path: 'unsubscribe', module: unsubscribePage },
  'routes/feedback': { path: 'feedback', module: feedbackPage },
  'routes/reset-password.$token': { path: 'reset-password/:token', module: resetPage },
  'routes/verify-email.$token': { path: 'verify-email/:token', module: verifyPage },
  'routes/captured.$token': { path: 'captured/:token', module: capturedPage },
  'routes/login': { path: 'login', module: loginPage },
  'routes/forgot-password': { path: 'forgot-password', module: forgotPage },
  'routes/confirm-email.$token': { path: 'confirm-email/:token', module: confirmEmailPage },
  'routes/verify-email.done': { path: 'verify-email/done', module: verifyDonePage },
  'routes/account._index': { index: true, parentId: 'routes/account', module: accountProfile },
  'routes/account.security': {
    path: 'security',
    parentId: 'routes/account',
    module: accountSecurity,
  },
})

const cookieOf = async (person: Recipient) => (await startSession(person.id)).cookie.split(';')[0]!

/** Requests a same-site address as the person's browser would, following same-site redirects and keeping the cookies they set; the final status. */
async function statusFor(path: string, sessionCookie: string) {
  let current = path
  let cookie = sessionCookie
  for (let hop = 0; hop < 5; hop++) {
    const response = await handle(makeRequest({ path: current, cookie }))
    cookie = cookiesAfter(cookie, response)
    const location = response.headers.get('Location')
    if (response.status < 300 || response.status >= 400 || !location)
      return { status: response.status, path: current }
    const next = new URL(location, `${publicBaseUrl()}${current}`)
    if (next.origin !== new URL(publicBaseUrl()).origin)
      return { status: response.status, path: current }
    current = `${next.pathname}${next.search}`
  }
  return { status: 0, path: current }
}

/**
 * What following a link could change for its person: their address and its confirmation, their
 * single-use links, their sessions (who is signed in), their ratings and email settings.
 */
async function accountState(person: Recipient) {
  const [account, tokens, signedIn, ratings, settings] = await Promise.all([
    db()
      .select({ email: users.email, verified: users.emailVerifiedAt, role: users.role })
      .from(users)
      .where(eq(users.id, person.id)),
    db()
      .select({ token: userTokens.tokenHash, usedAt: userTokens.usedAt })
      .from(userTokens)
      .where(eq(userTokens.userId, person.id))
      .orderBy(userTokens.tokenHash),
    db()
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, person.id))
      .orderBy(sessions.id),
    db()
      .select()
      .from(feedback)
      .where(eq(feedback.userId, person.id))
      .orderBy(feedback.kind, feedback.subjectId),
    db()
      .select()
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, person.id))
      .orderBy(notificationPreferences.type),
  ])
  return { account, tokens, signedIn, ratings, settings }
}

/** Every address in an email (HTML links and the URLs of the text part), as paths on this site. */
function linksOf(message: { text: string; html: string }) {
  const inHtml = [...message.html.matchAll(/href="([^"]+)"/g)].map((match) =>
    match[1]!.replace(/&amp;/g, '&'),
  )
  const inText = [...message.text.matchAll(/https?:\/\/[^\s)>]+/g)].map((match) => match[0])
  const base = publicBaseUrl()
  return [...new Set([...inHtml, ...inText])].map((url) => {
    expect(url.startsWith(`${base}/`), `${url} is an absolute address on this site`).toBe(true)
    return url.slice(base.length).replace(/#.*$/, '')
  })
}

/** Markdown a person types, as it would show if it were not rendered: emphasis, headings, quotes, links, code, lists. */
const markdownSyntax =
  /\*\*|(?:^|\s)[*_][^\s*_][^*_\n]*[*_](?=[\s.,!?]|$)|^#{1,6} |^> |\]\(|`|^\* /m

/** Directly written emails go to a person of the role that gets them. */
const directRecipients: Record<DirectEmailKind, () => Promise<Recipient>> = {
  'password-reset': () => createTestUser(),
  'verify-email': () => createTestUser({ password: null }),
  test: () => createTestUser({ role: 'admin', password: null }),
  'capture-confirm': () => createTestUser({ password: null }),
  'change-email': () => createTestUser(),
  'email-change-notice': () => createTestUser(),
  'password-changed': () => createTestUser(),
  'sign-up-attempt': () => createTestUser(),
  'reply-refused': () => createTestUser({ password: null, locale: 'nl' }),
  'account-suspended': () => createTestUser({ password: null }),
  'account-reinstated': () => createTestUser({ password: null }),
  digest: () => staff('moderator'),
}

const isNotification = (kind: EmailKind): kind is NotificationType => kind in notificationEvents

async function causeEmail(kind: EmailKind): Promise<EmailEvent> {
  if (isNotification(kind)) return notificationEvents[kind]()
  const recipient = await directRecipients[kind]()
  const { content } = await directEmails[kind](recipient)
  return { recipient, subject: [], content }
}

describe('every email carries its event, and its links open for the person it is sent to', () => {
  for (const kind of Object.keys(emails) as EmailKind[]) {
    it(kind, async () => {
      const event = await causeEmail(kind)
      const message = await latestEmailFor(event.recipient, kind)
      for (const part of event.subject) expect(message.subject, 'subject').toContain(part)
      for (const part of [...event.subject, ...event.content, ...(event.inEmail ?? [])]) {
        expect(message.text, 'plain-text part').toContain(part)
        expect(message.html, 'HTML part').toContain(part)
      }
      if (event.why) expect(message.text).toContain(event.why)
      for (const part of event.inText ?? []) expect(message.text, 'plain-text part').toContain(part)
      // What people wrote in Markdown reads as the site shows it: no Markdown syntax in either part.
      for (const [part, body] of [
        ['plain-text part', message.text],
        ['HTML part', message.html],
      ] as const) {
        expect(body, part).not.toMatch(markdownSyntax)
      }
      // Why they get it is said once (the footer).
      expect(
        message.text.match(/You get this because/g)?.length ?? 0,
        'reasons given',
      ).toBeLessThanOrEqual(1)
      const cookie = await cookieOf(event.recipient)
      const links = linksOf(message)
      if (kind !== 'test') expect(links.length, 'links to follow').toBeGreaterThan(0)
      // Opening a link does nothing but show a page: mail scanners and link previews open every
      // link (without the person's cookie), and people press a button for what the link is for.
      const before = await accountState(event.recipient)
      for (const link of links) await statusFor(link, '')
      expect(await accountState(event.recipient), 'what a mail scanner changed').toEqual(before)
      for (const link of links) {
        expect(
          await statusFor(link, cookie),
          `${link} for the ${event.recipient.role}`,
        ).toMatchObject({ status: 200 })
      }
      // The person opening them uses no single-use link either (a suspended person's session ends).
      expect((await accountState(event.recipient)).tokens, 'links used by opening').toEqual(
        before.tokens,
      )
    })
  }

  it('the answer is rendered Markdown in the HTML part and kept readable in the text part', async () => {
    const event = await notificationEvents.status()
    const message = await latestEmailFor(event.recipient, 'status')
    expect(message.html).toContain('<strong>spring</strong>')
    expect(message.text).toContain('We start on this in spring')
    expect(message.text).not.toContain('**')
  })

  it('in the reader’s language', async () => {
    const event = await notificationEvents.status()
    await db().update(users).set({ locale: 'nl' }).where(eq(users.id, event.recipient.id))
    await db()
      .update(outbox)
      .set({ subject: null, textBody: null, htmlBody: null })
      .where(eq(outbox.userId, event.recipient.id))
    const message = await latestEmailFor(event.recipient, 'status')
    expect(message.subject).toContain('Gepland')
    expect(message.text).toContain('We start on this in')
  })

  it('an update email asks whether the update was useful, not whether an answer helped', async () => {
    const event = await notificationEvents.update()
    const message = await latestEmailFor(event.recipient, 'update')
    const t = translator('en')
    expect(message.text).not.toContain(t('feedback.question'))
    expect(message.text).toContain(t('feedback.questionUpdate'))
  })

  // The reason is the moderator's free text: it stays out of the subject (the body carries it, as
  // plain text), and the email quotes the comment that was hidden, so its author knows which.
  it('a hidden comment: the subject names the idea, the body gives the reason and quotes the comment', async () => {
    const [author, moderator, idea] = await Promise.all([
      createTestUser({ password: null }),
      staff('moderator'),
      createTestIdea(),
    ])
    const marker = unique('q')
    const posted = await postComment({
      actor: author,
      ideaId: idea.id,
      body: `This is *rubbish* and so are you <i>${marker}</i>`,
    })
    if (!posted.ok) throw new Error('no comment')
    const reason = 'Please keep it <b>friendly</b> & on-topic'
    expect(
      (
        await hideContent({
          actor: moderator,
          target: { commentId: posted.commentId },
          reason,
        })
      ).ok,
    ).toBe(true)
    const message = await latestEmailFor(author, 'hidden')
    expect(message.subject).toContain(idea.title)
    expect(message.subject).not.toMatch(/friendly|<b>|&/)
    expect(message.text).toContain('Please keep it friendly & on-topic')
    expect(message.text).toContain(`This is rubbish and so are you ${marker}`)
    expect(message.html).toContain(`This is rubbish and so are you ${marker}`)
    for (const body of [message.text, message.html]) expect(body).not.toMatch(/<b>|<i>|\*rubbish/)
  })

  // An idea held for a moderator's approval is not public yet: its acknowledgement does not tell the
  // author others can vote on it, and a rejection tells them why (the moderator's reason), by email
  // and in the app, as an approval tells them it is public now.
  it('a held idea: the acknowledgement says a moderator checks it; a rejection gives the reason', async () => {
    for (const locale of ['en', 'nl'] as const) {
      const [author, moderator] = await Promise.all([
        createTestUser({ password: null, locale }),
        staff('moderator'),
      ])
      const title = `Held for a check ${unique('h')}`
      const posted = await postIdea({
        actor: author,
        input: {
          kind: 'product',
          categoryId: 1,
          title,
          description: `Links https://a.example https://b.example https://c.example`,
        },
      })
      if (!posted.ok || !posted.held) throw new Error('not held')
      const t = translator(locale)
      const received = await latestEmailFor(author, 'received')
      expect(received.text).toContain(t('email.receivedHeldNext'))
      expect(received.text).not.toContain(t('email.receivedNext'))

      const reason = `Not a real suggestion ${unique('r')}`
      expect(
        await decideHeldIdea({ actor: moderator, ideaId: posted.idea.id, approve: false, reason }),
      ).toEqual({ ok: true })
      const rejected = await latestEmailFor(author, 'hidden')
      expect(rejected.subject).toBe(t('email.rejectedSubject', { title }))
      expect(rejected.text).toContain(reason)
      const listed = await db()
        .select({ type: notifications.type, payload: notifications.payload })
        .from(notifications)
        .where(eq(notifications.userId, author.id))
      expect(listed.map((row) => row.type).sort()).toEqual(['hidden', 'received'])
      expect(inAppHeadline(listed.find((row) => row.type === 'hidden')!)).toBe(
        'notifications.rejected',
      )
      expect(inAppHeadline(listed.find((row) => row.type === 'received')!)).toBe(
        'notifications.receivedHeld',
      )
    }
  })

  // "Did this answer help you?" is asked about an answer: a merge without a public response has none.
  it('a merge without a response does not ask whether the answer helped; one with a response does', async () => {
    for (const response of ['', 'Same wish, one place.']) {
      const [voter, moderator, duplicate, original] = await Promise.all([
        createTestUser({ password: null }),
        staff('moderator'),
        createTestIdea(),
        createTestIdea(),
      ])
      await castVote({ actor: voter, ideaId: duplicate.id, direction: 'up' })
      expect(
        (
          await mergeIdeas({
            actor: moderator,
            duplicateId: duplicate.id,
            originalId: original.id,
            response,
          })
        ).ok,
      ).toBe(true)
      const message = await latestEmailFor(voter, 'status')
      const asks = translator('en')('feedback.question')
      for (const body of [message.text, message.html])
        if (response) expect(body).toContain(asks)
        else expect(body).not.toContain(asks)
    }
  })

  // A duplicate's people are told where to go: the original by name, and the link leads there.
  for (const locale of ['en', 'nl'] as const) {
    it(`merged as a duplicate (${locale}): names the original and links to it, in the email and in the app`, async () => {
      const [voter, moderator, duplicate, original] = await Promise.all([
        createTestUser({ password: null, locale }),
        staff('moderator'),
        createTestIdea(),
        createTestIdea({ title: `Oat milk for everyone ${unique('o')}` }),
      ])
      expect((await castVote({ actor: voter, ideaId: duplicate.id, direction: 'up' })).ok).toBe(
        true,
      )
      expect(
        (
          await mergeIdeas({
            actor: moderator,
            duplicateId: duplicate.id,
            originalId: original.id,
            response: 'Same wish, one place.',
          })
        ).ok,
      ).toBe(true)
      const message = await latestEmailFor(voter, 'status')
      const originalPath = ideaPath({ id: original.id, slug: original.slug })
      for (const [part, body] of [
        ['plain-text part', message.text],
        ['HTML part', message.html],
      ] as const) {
        expect(body, part).toContain(original.title)
        expect(body, part).toContain(`${publicBaseUrl()}${originalPath}`)
      }
      expect(message.subject).toContain(original.title)
      const cookie = await cookieOf(voter)
      for (const link of linksOf(message))
        expect(await statusFor(link, cookie), link).toMatchObject({ status: 200 })
      const page = (await notificationsPage.loader({
        request: makeRequest({ path: '/notifications', cookie }),
        params: {},
        context: makeContext(),
      })) as Awaited<ReturnType<typeof notificationsPage.loader>>
      const shown = page.notifications.find((notification) => notification.type === 'status')!
      expect(shown.href.replace(/#.*$/, '')).toBe(originalPath)
      const headline = translator(locale)(
        inAppHeadline(shown),
        headlineParams(shown, { locale, someone: '', formerMember: '', date: '' }),
      )
      expect(headline).toContain(original.title)
      expect(headline).toContain(duplicate.title)
    })
  }
})

describe('every email about one idea open to comments can be answered by replying, and says so', () => {
  beforeAll(() => {
    process.env.INBOUND_EMAIL_DOMAIN = 'reply.example.test'
    resetEnvCache()
  })
  afterAll(() => {
    delete process.env.INBOUND_EMAIL_DOMAIN
    resetEnvCache()
  })
  for (const kind of Object.keys(emails) as EmailKind[]) {
    it(`${kind}: ${emails[kind].answerableByReply ? 'Reply-To for this person and idea' : 'no Reply-To'}`, async () => {
      const event = await causeEmail(kind)
      // The digest goes out once a day: its newest copy, whoever it went to.
      const [newest] = isNotification(kind)
        ? []
        : await db()
            .select({ text: outbox.textBody, headers: outbox.headers })
            .from(outbox)
            .where(eq(outbox.kind, kind))
            .orderBy(desc(outbox.id))
            .limit(1)
      const message = newest
        ? { text: newest.text ?? '', html: '', headers: newest.headers ?? undefined }
        : await latestEmailFor(event.recipient, kind)
      const replyTo = message.headers?.['Reply-To']
      const invitation = translator(event.recipient.locale)('email.replyToComment')
      if (!emails[kind].answerableByReply) {
        expect(replyTo).toBeUndefined()
        expect(message.text).not.toContain(invitation)
        return
      }
      expect(replyTo).toMatch(/^reply\+[0-9a-z-]+@reply\.example\.test$/)
      expect(replyTo!.split('@')[0]!.length).toBeLessThanOrEqual(64)
      expect(message.text).toContain(invitation)
      expect(message.html).toContain(invitation)
      const [notification] = await db()
        .select({ ideaId: notifications.ideaId })
        .from(notifications)
        .where(eq(notifications.userId, event.recipient.id))
        .orderBy(desc(notifications.id))
        .limit(1)
      const read = await readReplyToken(replyTo!.slice('reply+'.length).split('@')[0]!)
      expect(read).toEqual({
        ok: true,
        claims: expect.objectContaining({
          recipientId: event.recipient.id,
          ideaId: notification!.ideaId,
        }),
      })
    })
  }

  it('without INBOUND_EMAIL_DOMAIN, no Reply-To and nothing about replying', async () => {
    delete process.env.INBOUND_EMAIL_DOMAIN
    resetEnvCache()
    try {
      const event = await notificationEvents.comment()
      const message = await latestEmailFor(event.recipient, 'comment')
      expect(message.headers?.['Reply-To']).toBeUndefined()
      expect(message.text).not.toContain(translator('en')('email.replyToComment'))
    } finally {
      process.env.INBOUND_EMAIL_DOMAIN = 'reply.example.test'
      resetEnvCache()
    }
  })
})

describe('an update whose title already says “You asked, we built”', () => {
  const cases = [
    {
      locale: 'en',
      title: 'You asked, we built: oat milk at no extra charge',
      subject: 'You asked, we built: oat milk at no extra charge',
    },
    {
      locale: 'nl',
      title: 'You asked, we built: oat milk at no extra charge',
      subject: 'Jullie vroegen, wij bouwden: oat milk at no extra charge',
    },
    {
      locale: 'en',
      title: 'Jullie vroegen, wij bouwden: havermelk',
      subject: 'You asked, we built: havermelk',
    },
    {
      locale: 'nl',
      title: 'Jullie vroegen, wij bouwden: havermelk',
      subject: 'Jullie vroegen, wij bouwden: havermelk',
    },
  ] as const
  for (const { locale, title, subject } of cases) {
    it(`“${title}” to a reader in ${locale}: the phrase once, in the email’s subject and in the app`, async () => {
      const event = await notificationEvents.update({ title: `${title} ${unique('t')}`, locale })
      const message = await latestEmailFor(event.recipient, 'update')
      expect(message.subject).toMatch(new RegExp(`^${subject} t-`))
      const cookie = await cookieOf(event.recipient)
      const page = (await notificationsPage.loader({
        request: makeRequest({ path: '/notifications', cookie }),
        params: {},
        context: makeContext(),
      })) as Awaited<ReturnType<typeof notificationsPage.loader>>
      const shown = page.notifications.find((notification) => notification.type === 'update')!
      const headline = translator(locale)(
        notificationHeadlines.update.inApp,
        headlineParams(shown, { locale, someone: '', formerMember: '', date: '' }),
      )
      expect(headline).toMatch(new RegExp(`^${subject} t-`))
    })
  }
})

describe('every notification on /notifications shows its event and opens for the person', () => {
  for (const type of Object.keys(notificationEvents) as NotificationType[]) {
    it(type, async () => {
      const event = await notificationEvents[type]()
      const cookie = await cookieOf(event.recipient)
      const page = (await notificationsPage.loader({
        request: makeRequest({ path: '/notifications', cookie }),
        params: {},
        context: makeContext(),
      })) as Awaited<ReturnType<typeof notificationsPage.loader>>
      const shown = page.notifications.find((notification) => notification.type === type)
      expect(shown, `a ${type} notification is listed`).toBeDefined()
      for (const part of event.content) expect(shown!.excerpt).toContain(part)
      // The page's link, which goes on to where the notification leads.
      expect(
        await statusFor(notificationOpenPath(shown!.id), cookie),
        `${shown!.href} for the ${event.recipient.role}`,
      ).toMatchObject({ status: 200, path: shown!.href.replace(/#.*$/, '') })
    })
  }
})

// An email announcing a comment waits for the comment's edit window, so it carries the comment as it
// then reads (docs/decisions/039); every other notification's email is due the moment it is queued.
describe('every notification email is due at once, but a comment’s after its edit window', () => {
  for (const type of Object.keys(notificationEvents) as NotificationType[]) {
    const wait = emailWaitMinutes(COMMENT_EMAIL_WAIT_MINUTES)[type]
    it(`${type}: due ${wait} minutes after it is queued`, async () => {
      const event = await notificationEvents[type]()
      const [queued] = await db()
        .select({
          waits: sql<number>`extract(epoch from ${outbox.nextAttemptAt} - ${outbox.createdAt})::float`,
        })
        .from(outbox)
        .innerJoin(notifications, eq(notifications.id, outbox.notificationId))
        .where(and(eq(outbox.userId, event.recipient.id), eq(notifications.type, type)))
        .orderBy(desc(outbox.id))
        .limit(1)
      expect(queued, `a ${type} email is queued`).toBeDefined()
      expect(queued!.waits).toBe(wait * 60)
      if (type === 'comment' || type === 'reply') expect(wait).toBeGreaterThan(COMMENT_EDIT_MINUTES)
    })
  }
})
