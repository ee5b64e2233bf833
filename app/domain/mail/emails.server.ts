// Every kind of email Ideabox sends, one entry each: what it says (subject, text and HTML, in the
// reader's language) and its facts (the preference that stops it, whether replying to it posts a
// comment, who receives it). Adding a kind is adding an entry; a kind without one does not compile.
// The callers gather the data (tokens, people, the event) and queue through `queueEmail`; notification
// emails are gathered at send time by notifications/messages.server.ts and written by their entry here.
import type { Executor } from '#app/db/db.server'
import type { NotificationType } from '#app/db/schema'
import type { Channel } from '#app/domain/channels/channels'
import { type ContactPurpose, howToReachUs } from '#app/domain/settings/contact.rules'
import { publicBaseUrl } from '#app/utils/env.server'
import {
  formatDateTime,
  type Locale,
  type MessageKey,
  type Params,
  translator,
} from '#app/utils/i18n/i18n'
import { ideaPath } from '#app/utils/idea-path'

import { feedbackWording, type PreferenceType } from './mail.rules'
import { enqueueEmail } from './outbox.server'
import { type RenderedEmail, renderEmail } from './templates.server'

/**
 * What every email is written with: the reader's language, and the site's name, colour and the
 * address people write to (null: none to give), as settings.server's `brandingOf` says.
 */
export type EmailContext = {
  locale: Locale
  brand: { siteName: string; accentColor: string; supportEmail: string | null }
}

/** A written email, with the headers its kind carries. */
export type WrittenEmail = RenderedEmail & { headers?: Record<string, string> }

/** Who an email of this kind goes to. */
type Recipient =
  | 'the person notified'
  | 'the account holder'
  | 'the new address being confirmed'
  | 'the account holder of a captured address'
  | 'the person a reply address was made for'
  | 'the back office'
  | 'any address an admin types'

type EmailType<Input> = {
  /** The preference that stops it, or null when it cannot be switched off. */
  preference: PreferenceType | null
  /**
   * Whether it can be answered by replying (a signed `Reply-To` that turns the reply into a comment by
   * the recipient on the idea): only notifications about one idea that stays open to comments
   * (docs/decisions/021-reply-by-email.md).
   */
  answerableByReply: boolean
  recipient: Recipient
  write: (input: Input, context: EmailContext) => WrittenEmail
}

/** What a notification email is written from (gathered by notifications/messages.server.ts). */
export type NotificationEmailInput = {
  /** The headline (subject and heading), the reason in the footer, and their parameters. */
  headline: MessageKey
  why: MessageKey
  params: Params
  /** The event's own content: sanitised HTML and its plain text. */
  content?: { html: string; text: string }
  /** When the first answer is promised ('' when none is). */
  dueText: string
  /** A `received` idea held for a moderator's approval: not public yet (`heldWhenPosted`). */
  held?: boolean
  /** What was hidden (a comment), quoted as plain text; '' when nothing is quoted. */
  quoted: string
  /** The idea it was merged into, when it was, and what its status makes of the merge (`mergedInto`). */
  original: { title: string; paragraph: MessageKey } | null
  url: string
  unsubscribeUrl: string
  /** The signed reply address, when this person may answer by replying. */
  replyTo: string | null
  /** "Did this help?" links, for a team answer or an update. */
  feedback: { about: 'response' | 'update'; yes: string; no: string } | null
}

/** The entry of a notification type: the same writing for all, with the type's own facts. */
function notificationEmail(
  type: NotificationType,
  facts: Omit<EmailType<NotificationEmailInput>, 'write' | 'recipient'>,
): EmailType<NotificationEmailInput> {
  return {
    ...facts,
    recipient: 'the person notified',
    write(input, { locale, brand }) {
      const t = translator(locale)
      const canUnsubscribe = facts.preference !== null
      const subject = t(input.headline, input.params)
      // Why they get it is said once, in the footer (`why`).
      const paragraphs =
        type === 'received'
          ? [
              t(input.held ? 'email.receivedHeldNext' : 'email.receivedNext'),
              input.dueText ? t('email.receivedDue', { date: input.dueText }) : '',
            ]
          : type === 'approved'
            ? [t('email.approvedNext')]
            : type === 'vote-received'
              ? [
                  t('email.voteReceivedBody', { ...input.params, site: brand.siteName }),
                  t('email.voteReceivedStatus', input.params),
                  t('email.voteReceivedNext'),
                ]
              : []
      if (input.quoted) paragraphs.push(t('email.hiddenQuote', { excerpt: input.quoted }))
      if (input.original)
        paragraphs.push(
          t(input.original.paragraph, { ...input.params, original: input.original.title }),
        )
      if (input.replyTo) paragraphs.push(t('email.replyToComment'))
      const written = renderEmail({
        locale,
        ...brand,
        subject,
        heading: subject,
        content: input.content,
        paragraphs: paragraphs.filter(Boolean),
        action: {
          label: input.original
            ? t('email.openOriginal', { original: input.original.title })
            : type === 'update'
              ? t('email.readUpdate')
              : type === 'received'
                ? t('email.followIdea')
                : t('email.openIdea'),
          url: input.url,
        },
        // A kind that cannot be switched off links to the same page, which says so and leads to the settings.
        unsubscribe: {
          url: input.unsubscribeUrl,
          label: t(canUnsubscribe ? 'email.unsubscribe' : 'email.settings'),
        },
        why: t(input.why, { ...input.params, site: brand.siteName }),
        feedback: input.feedback
          ? {
              question: t(feedbackWording(input.feedback.about).question),
              yes: { label: t('feedback.yes'), url: input.feedback.yes },
              no: { label: t('feedback.no'), url: input.feedback.no },
            }
          : undefined,
      })
      const oneClick = `${publicBaseUrl()}/api/unsubscribe?token=${encodeURIComponent(input.unsubscribeUrl.split('token=')[1] ?? '')}`
      return {
        ...written,
        headers: {
          ...(canUnsubscribe
            ? {
                'List-Unsubscribe': `<${oneClick}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              }
            : {}),
          ...(input.replyTo ? { 'Reply-To': input.replyTo } : {}),
        },
      }
    },
  }
}

/** An email written when it is queued; these never offer a reply. */
function directEmail<Input>(
  facts: { preference?: null; recipient: Recipient },
  write: EmailType<Input>['write'],
): EmailType<Input> {
  return { preference: null, answerableByReply: false, ...facts, write }
}

/** A paragraph-and-button email with the subject as its heading. */
function plain(
  { locale, brand }: EmailContext,
  subject: string,
  paragraphs: string[],
  action?: { label: string; url: string },
) {
  return renderEmail({ locale, ...brand, subject, heading: subject, paragraphs, action })
}

/** How to reach the team, as a paragraph; null when the site has no address to give. */
function howToReach({ locale, brand }: EmailContext, purpose: ContactPurpose) {
  const reach = howToReachUs({ locale, address: brand.supportEmail, site: brand.siteName, purpose })
  return reach?.text ?? null
}

/** What is captured for someone, as the "is it yours?" email names it. */
export type CapturedItem = {
  kind: 'idea' | 'vote' | 'email'
  title: string
  channel: Channel
  by: string | null
  /**
   * For an idea: the day a first answer is promised by, written out. This email is then the idea's
   * acknowledgement too (the captured person's own is kept in the app only), so one capture sends
   * the address one email.
   */
  dueText?: string
}

/** Why a reply by email was refused, as the explanation names it. */
type RefusalExplained =
  | 'forged'
  | 'expired'
  | 'wrongSender'
  | 'hidden'
  | 'closed'
  | 'locked'
  | 'empty'
  | 'tooLong'
  | 'tooMany'
  | 'spam'
  | 'suspended'

/**
 * The registry: every kind of email, keyed by kind. Notification emails (one per notification type)
 * carry a signed link to /unsubscribe for their type, and the one-click List-Unsubscribe headers when
 * it can be stopped. A preference of `null`: it cannot be switched off, because it tells people what
 * happened to what they posted (hidden) or answers their own request (password reset, address check,
 * "is this captured idea yours?", a test message), warns them about their account (address or
 * password changed) or tells them what staff did to it (suspended, banned, lifted), or it is the team's
 * working list (digest).
 */
export const emails = {
  received: notificationEmail('received', { preference: 'received', answerableByReply: true }),
  // A customer's vote, captured by staff, was added to an idea: the same acknowledgement the web gives
  // an idea posted there (`received`), and stopped the same way. Voting makes them follow the idea,
  // so they hear of its changes by the other notifications.
  'vote-received': notificationEmail('vote-received', {
    preference: 'vote-received',
    answerableByReply: true,
  }),
  comment: notificationEmail('comment', { preference: 'comment', answerableByReply: true }),
  reply: notificationEmail('reply', { preference: 'reply', answerableByReply: true }),
  status: notificationEmail('status', { preference: 'status', answerableByReply: true }),
  response: notificationEmail('response', { preference: 'response', answerableByReply: true }),
  // About an update, which may link several ideas: there is no one idea to comment on.
  update: notificationEmail('update', { preference: 'update', answerableByReply: false }),
  // About a team-only note: a reply would become a public comment, so it is not offered.
  mention: notificationEmail('mention', { preference: 'mention', answerableByReply: false }),
  // The idea was hidden (or, held for approval, rejected): it takes no comment.
  hidden: notificationEmail('hidden', { preference: null, answerableByReply: false }),
  // A held idea was approved and is public now: it tells people what happened to what they posted.
  approved: notificationEmail('approved', { preference: null, answerableByReply: true }),

  'password-reset': directEmail<{ token: string }>(
    { recipient: 'the account holder' },
    ({ token }, context) => {
      const t = translator(context.locale)
      return plain(
        context,
        t('email.resetSubject'),
        [t('email.resetBody'), t('email.resetIgnore')],
        { label: t('email.resetAction'), url: `${publicBaseUrl()}/reset-password/${token}` },
      )
    },
  ),
  'verify-email': directEmail<{ token: string }>(
    { recipient: 'the account holder' },
    ({ token }, context) => {
      const t = translator(context.locale)
      return plain(context, t('email.verifySubject'), [t('email.verifyBody')], {
        label: t('email.verifyAction'),
        url: `${publicBaseUrl()}/verify-email/${token}`,
      })
    },
  ),
  'capture-confirm': directEmail<{ item: CapturedItem; token: string; days: number }>(
    { recipient: 'the account holder of a captured address' },
    ({ item, token, days }, context) => {
      const t = translator(context.locale)
      const params = {
        title: item.title,
        channel: t(`channel.${item.channel}`),
        by: item.by ?? t('email.captureByTeam'),
      }
      return plain(
        context,
        t(`email.captureSubject.${item.kind}`, params),
        [
          t(`email.captureBody.${item.kind}`, params),
          item.dueText ? t('email.receivedDue', { date: item.dueText }) : '',
          t('email.captureAsk'),
          t('email.captureIgnore', { days }),
        ].filter(Boolean),
        {
          label: t('email.captureAction'),
          url: `${publicBaseUrl()}/captured/${token}`,
        },
      )
    },
  ),
  'change-email': directEmail<{ token: string }>(
    { recipient: 'the new address being confirmed' },
    ({ token }, context) => {
      const t = translator(context.locale)
      return plain(
        context,
        t('email.changeEmailSubject'),
        [t('email.changeEmailBody'), t('email.changeEmailIgnore')],
        { label: t('email.changeEmailAction'), url: `${publicBaseUrl()}/confirm-email/${token}` },
      )
    },
  ),
  'email-change-notice': directEmail<{ newEmail: string }>(
    { recipient: 'the account holder' },
    ({ newEmail }, context) => {
      const t = translator(context.locale)
      return plain(
        context,
        t('email.emailChangeNoticeSubject'),
        [t('email.emailChangeNoticeBody', { email: newEmail }), t('email.emailChangeNoticeNotYou')],
        {
          label: t('email.emailChangeNoticeAction'),
          url: `${publicBaseUrl()}/account/security`,
        },
      )
    },
  ),
  'password-changed': directEmail<{ email: string; time: string }>(
    { recipient: 'the account holder' },
    ({ email, time }, context) => {
      const t = translator(context.locale)
      const base = publicBaseUrl()
      return plain(
        context,
        t('email.passwordChangedSubject', { site: context.brand.siteName }),
        [
          t('email.passwordChangedBody', { email, time }),
          t('email.passwordChangedNotYou', { url: `${base}/forgot-password` }),
        ],
        {
          label: t('email.passwordChangedAction'),
          url: `${base}/forgot-password`,
        },
      )
    },
  ),
  'sign-up-attempt': directEmail<Record<string, never>>(
    { recipient: 'the account holder' },
    (_input, context) => {
      const t = translator(context.locale)
      const base = publicBaseUrl()
      return plain(
        context,
        t('email.signUpAttemptSubject'),
        [
          t('email.signUpAttemptBody'),
          t('email.signUpAttemptForgot', { url: `${base}/forgot-password` }),
          t('email.signUpAttemptIgnore'),
        ],
        {
          label: t('email.signUpAttemptAction'),
          url: `${base}/login`,
        },
      )
    },
  ),
  // What staff did to the account: until when (a ban has no end), in the site's time zone, the
  // reason given, and where to write to appeal (when the site has an address to give).
  // Sent only to an account's holder (`holdsAnAccount` in accounts.rules.ts).
  'account-suspended': directEmail<{
    email: string
    /** When the suspension ends; null: a ban, without end. */
    until: Date | null
    timeZone: string
    reason: string
  }>({ recipient: 'the account holder' }, ({ email, until, timeZone, reason }, context) => {
    const t = translator(context.locale)
    const site = context.brand.siteName
    return plain(
      context,
      t(until ? 'email.suspendedSubject' : 'email.bannedSubject', { site }),
      [
        t(until ? 'email.suspendedBody' : 'email.bannedBody', { site, email }),
        until
          ? t('auth.suspendedUntil', {
              date: formatDateTime(context.locale, until, timeZone),
              zone: timeZone,
            })
          : t('email.bannedWithoutEnd'),
        t('auth.suspendedReason', { reason }),
        howToReach(context, 'appeal'),
      ].filter((paragraph) => paragraph !== null),
      { label: t('email.suspendedAction', { site }), url: `${publicBaseUrl()}/` },
    )
  }),
  // Staff lifted a suspension or a ban: the account's holder may sign in again. Sent only to an
  // account's holder who was kept out until now.
  'account-reinstated': directEmail<{
    email: string
    /** Whether it was a ban that was lifted (else a suspension). */
    banned: boolean
  }>({ recipient: 'the account holder' }, ({ email, banned }, context) => {
    const t = translator(context.locale)
    const site = context.brand.siteName
    return plain(
      context,
      t('email.reinstatedSubject', { site }),
      [
        t(banned ? 'email.reinstatedBodyBan' : 'email.reinstatedBodySuspension', { site, email }),
        howToReach(context, 'questions'),
      ].filter((paragraph) => paragraph !== null),
      { label: t('email.reinstatedAction', { site }), url: `${publicBaseUrl()}/login` },
    )
  }),
  // Never invite a reply to the explanation of a refused reply: that is how mail loops start.
  'reply-refused': directEmail<{
    explanation: RefusalExplained
    max: number
    idea: { id: number; slug: string } | null
  }>(
    { recipient: 'the person a reply address was made for' },
    ({ explanation, max, idea }, context) => {
      const t = translator(context.locale)
      const base = publicBaseUrl()
      const written = plain(
        context,
        t('email.replyRefused.subject'),
        [t(`email.replyRefused.${explanation}`, { max }), t('email.replyRefused.noReply')],
        idea
          ? { label: t('email.openIdea'), url: `${base}${ideaPath(idea)}` }
          : {
              label: t('email.replyRefused.visit', { site: context.brand.siteName }),
              url: `${base}/`,
            },
      )
      // RFC 3834: an answer made by a program says so, so the other side's auto-reply stays quiet.
      return {
        ...written,
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
      }
    },
  ),
  digest: directEmail<{ ideas: { id: number; title: string; late: boolean }[] }>(
    { recipient: 'the back office' },
    ({ ideas }, context) => {
      const t = translator(context.locale)
      const lines = ideas.map(
        (idea) =>
          `${idea.late ? t('digest.late') : t('digest.dueSoon')}: ${idea.title} (${publicBaseUrl()}/admin/ideas/${idea.id})`,
      )
      return plain(
        context,
        t('digest.subject', { count: ideas.length }),
        [t('digest.intro'), ...lines],
        { label: t('digest.open'), url: `${publicBaseUrl()}/admin` },
      )
    },
  ),
  test: directEmail<Record<string, never>>(
    { recipient: 'any address an admin types' },
    (_input, context) => {
      const t = translator(context.locale)
      return plain(context, t('email.testSubject'), [t('email.testBody')])
    },
  ),
} satisfies Record<NotificationType | DirectEmailKind, EmailType<never>>

export type EmailKind = keyof typeof emails

/** Emails written when they are queued (not from a notification). */
export type DirectEmailKind =
  | 'password-reset'
  | 'verify-email'
  | 'capture-confirm'
  | 'change-email'
  | 'email-change-notice'
  | 'password-changed'
  | 'sign-up-attempt'
  | 'reply-refused'
  | 'account-suspended'
  | 'account-reinstated'
  | 'digest'
  | 'test'

/** What an email of this kind is written from. */
export type EmailInput<Kind extends EmailKind> = Parameters<(typeof emails)[Kind]['write']>[0]

/** Writes an email of this kind. */
export function writeEmail<Kind extends EmailKind>(
  kind: Kind,
  input: EmailInput<Kind>,
  context: EmailContext,
): WrittenEmail {
  return (emails[kind].write as (input: EmailInput<Kind>, context: EmailContext) => WrittenEmail)(
    input,
    context,
  )
}

/** The preference that stops this kind of email, or null when it cannot be stopped. */
export function preferenceOf(kind: EmailKind): PreferenceType | null {
  return emails[kind].preference
}

/**
 * Writes an email of a direct kind and queues it (in `executor`, the caller's transaction). Returns
 * the outbox id, or null when the dedupe key was queued before.
 */
export function queueEmail<Kind extends DirectEmailKind>({
  executor,
  kind,
  input,
  locale,
  brand,
  userId,
  toAddress,
  dedupeKey,
}: EmailContext & {
  executor?: Executor
  kind: Kind
  input: EmailInput<Kind>
  userId?: number | null
  toAddress: string
  dedupeKey?: string
}) {
  const { subject, text, html, headers } = writeEmail(kind, input, { locale, brand })
  return enqueueEmail({
    executor,
    kind,
    userId,
    toAddress,
    subject,
    textBody: text,
    htmlBody: html,
    headers,
    dedupeKey,
  })
}
