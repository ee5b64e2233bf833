// Pure rules for notifications: what each type says (in the app and as an email subject), what
// content of its event it carries, where it leads and why the person got it. One home, so the
// /notifications page and the emails cannot drift apart.
import type { NotificationType, Role } from '#app/db/schema'
import { mayBeMentioned } from '#app/domain/accounts/accounts.rules'
import { type PreferenceType, preferenceTypes } from '#app/domain/mail/mail.rules'
import {
  inLocale,
  type Locale,
  type MessageKey,
  supportedLocales,
  translator,
} from '#app/utils/i18n/i18n'
import { ideaPath } from '#app/utils/idea-path'

/** The line a notification reads as, in the app and as its email's subject. */
export const notificationHeadlines = {
  received: { inApp: 'notifications.received', email: 'email.receivedSubject' },
  'vote-received': { inApp: 'notifications.voteReceived', email: 'email.voteReceivedSubject' },
  comment: { inApp: 'notifications.comment', email: 'notifications.comment' },
  reply: { inApp: 'notifications.reply', email: 'notifications.reply' },
  status: { inApp: 'notifications.statusTo', email: 'notifications.statusTo' },
  response: { inApp: 'notifications.response', email: 'notifications.response' },
  update: { inApp: 'notifications.update', email: 'email.updateSubject' },
  mention: { inApp: 'notifications.mention', email: 'notifications.mention' },
  // The moderator's free-text reason is not put in a subject: the email's body carries it.
  hidden: { inApp: 'notifications.hidden', email: 'email.hiddenSubject' },
  approved: { inApp: 'notifications.approved', email: 'email.approvedSubject' },
} as const satisfies Record<NotificationType, { inApp: MessageKey; email: MessageKey }>

/** Why the person got this email (its footer), per type. */
export const notificationReasons = {
  received: 'email.why.received',
  'vote-received': 'email.why.voteReceived',
  comment: 'email.why.comment',
  reply: 'email.why.reply',
  status: 'email.why.status',
  response: 'email.why.status',
  update: 'email.why.update',
  mention: 'email.why.mention',
  hidden: 'email.why.hidden',
  approved: 'email.why.received',
} as const satisfies Record<NotificationType, MessageKey>

/**
 * How long an email announcing a comment (or a reply) waits in the outbox by default: until the
 * comment's edit window has closed, and a minute more, so an edit saved in the window's last moment
 * is in it. It is written when it is sent, from the comment as it then reads, and not sent at all
 * when the comment was deleted or hidden meanwhile (`commentGone`; docs/decisions/039). Written out,
 * not derived from comments' COMMENT_EDIT_MINUTES (15), which would make the two areas import each
 * other (comments notify); a test holds it one minute past that window.
 */
export const COMMENT_EMAIL_WAIT_MINUTES = 16

/**
 * Which notification types' emails wait for the comment's edit window. The in-app notification is
 * there at once; every other email goes at once (people wait for an answer, and it cannot be
 * edited away).
 */
export const emailWaitsForEditWindow = {
  received: false,
  'vote-received': false,
  comment: true,
  reply: true,
  status: false,
  response: false,
  update: false,
  mention: false,
  hidden: false,
  approved: false,
} as const satisfies Record<NotificationType, boolean>

/** Minutes each notification type's email waits, the comment emails `commentWait` (0 for the rest). */
export function emailWaitMinutes(commentWait: number): Record<NotificationType, number> {
  return Object.fromEntries(
    Object.entries(emailWaitsForEditWindow).map(([type, waits]) => [type, waits ? commentWait : 0]),
  ) as Record<NotificationType, number>
}

/**
 * A notification announcing a comment that is no longer there to read (its author deleted it, or a
 * moderator hid it): the app does not repeat its text, and its email is not sent.
 */
export function commentGone(event: {
  type: NotificationType
  commentDeleted: Date | string | null
  commentHidden: Date | string | null
}) {
  return (
    (event.type === 'comment' || event.type === 'reply') &&
    (event.commentDeleted !== null || event.commentHidden !== null)
  )
}

/** What an event's notification is about, as its query returns it. */
export type NotificationEvent = {
  type: NotificationType
  payload: Record<string, string | number | undefined>
  ideaId: number | null
  ideaSlug: string | null
  ideaDescription: string | null
  updateSlug: string | null
  updateSummary: string | null
  commentId: number | null
  commentBody: string | null
  responseBody: string | null
  noteBody: string | null
}

/**
 * The content of the event (Markdown a person wrote, or the moderator's reason) the notification
 * carries: the team's answer, the comment, the note, the update's summary, the idea received.
 */
export function eventContent(event: NotificationEvent): string {
  switch (event.type) {
    case 'status':
    case 'response':
      return event.responseBody ?? ''
    case 'comment':
    case 'reply':
      return event.commentBody ?? ''
    case 'mention':
      return event.noteBody ?? ''
    case 'update':
      return event.updateSummary ?? ''
    case 'hidden':
      return String(event.payload.reason ?? '')
    case 'received':
      return event.ideaDescription ?? ''
    // What they voted for is named (its title), and its status; the idea's text is on its page.
    // An approval names the idea (its title): what it means follows in the email (`email.approvedNext`).
    case 'vote-received':
    case 'approved':
      return ''
  }
}

/**
 * The original an idea was merged into, as its merge notification names it (with what its status
 * makes of the merge: `mergeMessages`); null for every other notification.
 */
export function mergedInto(event: { type: NotificationType; payload?: unknown }) {
  const payload = (event.payload ?? {}) as Record<string, unknown>
  if (
    event.type !== 'status' ||
    typeof payload.originalId !== 'number' ||
    typeof payload.originalSlug !== 'string'
  )
    return null
  return {
    id: payload.originalId,
    slug: payload.originalSlug,
    title: String(payload.originalTitle ?? ''),
    ...mergeMessages({
      statusSlug: typeof payload.originalStatus === 'string' ? payload.originalStatus : null,
      statusCategory:
        typeof payload.originalCategory === 'string' ? payload.originalCategory : null,
    }),
  }
}

/**
 * What a merge notification says, by the status of the idea it was merged into: one still open asks
 * its people to vote and follow there; a launched one tells them what they asked for exists; another
 * closed one (declined) that it was asked before and decided, and where to read why. (Merges told
 * before the original's status was named read as the open kind.)
 */
function mergeMessages({
  statusSlug,
  statusCategory,
}: {
  statusSlug: string | null
  statusCategory: string | null
}) {
  if (statusSlug === 'implemented')
    return {
      headline: 'notifications.mergedIntoLaunched',
      paragraph: 'email.mergedIntoLaunched',
    } as const satisfies Record<string, MessageKey>
  if (statusCategory === 'closed')
    return {
      headline: 'notifications.mergedIntoClosed',
      paragraph: 'email.mergedIntoClosed',
    } as const satisfies Record<string, MessageKey>
  return {
    headline: 'notifications.mergedInto',
    paragraph: 'email.mergedInto',
  } as const satisfies Record<string, MessageKey>
}

/** The link a notification is opened by on /notifications: marked read, then on to notificationPath. */
export function notificationOpenPath(notificationId: number) {
  return `/notifications/${notificationId}`
}

/** Where the notification leads (a path on this site): the page that shows the event; a merge leads to the original. */
export function notificationPath(
  event: Pick<NotificationEvent, 'type' | 'ideaId' | 'ideaSlug' | 'updateSlug' | 'commentId'> & {
    payload?: unknown
  },
) {
  if (event.type === 'update' && event.updateSlug) return `/updates/${event.updateSlug}`
  const original = mergedInto(event)
  if (original) return ideaPath(original)
  if (!event.ideaId || !event.ideaSlug) return '/notifications'
  // Only people who may read the notes are mentioned (see `mayBeMentioned`), so the back office opens for them.
  if (event.type === 'mention') return `/admin/ideas/${event.ideaId}#notes`
  const anchor =
    event.commentId && event.type !== 'hidden'
      ? `#comment-${event.commentId}`
      : event.type === 'status' || event.type === 'response'
        ? '#timeline'
        : ''
  return `${ideaPath({ id: event.ideaId, slug: event.ideaSlug })}${anchor}`
}

/** The values a notification's headline (and its email's subject and footer) is filled with, in the reader's language. */
export function headlineParams(
  event: {
    type: NotificationType
    payload: Record<string, string | number | undefined>
    actorName: string | null
    ideaTitle: string | null
    updateTitle: string | null
  },
  {
    locale,
    someone,
    formerMember,
    date,
  }: {
    locale: Locale
    /** Who did it when nobody is named (the account is gone). */
    someone: string
    /** Who did it when their account was deleted and their name erased (the idea page's words). */
    formerMember: string
    date: string
  },
) {
  return {
    name: event.actorName === null ? someone : event.actorName || formerMember,
    title:
      event.updateTitle !== null
        ? titleWithoutUpdatePrefix(event.updateTitle)
        : (event.ideaTitle ?? ''),
    status: String(inLocale(locale, event.payload.nameEn, event.payload.nameNl) ?? ''),
    reason: String(event.payload.reason ?? ''),
    original: String(event.payload.originalTitle ?? ''),
    originalStatus: String(
      inLocale(locale, event.payload.originalNameEn, event.payload.originalNameNl) ?? '',
    ),
    date,
  }
}

/** The line a notification reads as in the app; an acknowledgement of an idea withdrawn since promises nothing. */
export function inAppHeadline(event: {
  type: NotificationType
  ideaWithdrawn?: boolean | null
  payload?: unknown
  updateTitle?: string | null
}): MessageKey {
  if (event.type === 'received' && event.ideaWithdrawn) return 'notifications.receivedWithdrawn'
  if (event.type === 'received' && heldWhenPosted(event)) return 'notifications.receivedHeld'
  if (event.type === 'hidden' && rejectedWhileHeld(event)) return 'notifications.rejected'
  const original = mergedInto(event)
  if (original) return original.headline
  if (updateTitleIsHeadline(event)) return 'notifications.updateTitled'
  return notificationHeadlines[event.type].inApp
}

/** An email's subject: a merge names the original, so the reader knows where to go. */
export function emailHeadline(event: {
  type: NotificationType
  payload?: unknown
  updateTitle?: string | null
}): MessageKey {
  if (event.type === 'hidden' && rejectedWhileHeld(event)) return 'email.rejectedSubject'
  const original = mergedInto(event)
  if (original) return original.headline
  if (updateTitleIsHeadline(event)) return 'notifications.updateTitled'
  return notificationHeadlines[event.type].email
}

/**
 * A `received` acknowledgement of an idea held for a moderator's approval when it was posted: it is
 * not public yet, and says so (others cannot vote or comment until it is approved).
 */
export function heldWhenPosted(event: { payload?: unknown }) {
  return Boolean((event.payload as Record<string, unknown> | undefined)?.held)
}

/** A `hidden` notification that is a held idea's rejection (its reason is the content). */
function rejectedWhileHeld(event: { payload?: unknown }) {
  return Boolean((event.payload as Record<string, unknown> | undefined)?.rejected)
}

/** The notification settings a person has: mentions in team notes only for those who can be mentioned. */
export function preferenceTypesFor(role: Role) {
  return preferenceTypes.filter((type) => type !== 'mention' || mayBeMentioned(role))
}

/** The settings form's buttons: save what is ticked, or switch off every email shown. */
export type PreferenceIntent = 'save' | 'emailsOff'
type Choice = { inApp: boolean; email: boolean }

/**
 * The settings the notification form asks for. Checkboxes: what is ticked arrives (`type:app`,
 * `type:email`). "Switch off all emails" keeps the in-app choices on screen and stops every email
 * the page shows, in one click (as Canny and Featurebase offer). A setting the page does not show
 * (mentions, for customers) keeps what it was.
 */
export function chosenPreferences({
  intent,
  ticked,
  role,
  current,
}: {
  intent: PreferenceIntent
  ticked: ReadonlySet<string>
  role: Role
  current: Record<PreferenceType, Choice>
}) {
  const shown = new Set<PreferenceType>(preferenceTypesFor(role))
  return Object.fromEntries(
    preferenceTypes.map((type) => [
      type,
      shown.has(type)
        ? {
            inApp: ticked.has(`${type}:app`),
            email: intent === 'save' && ticked.has(`${type}:email`),
          }
        : current[type],
    ]),
  ) as Record<PreferenceType, Choice>
}

/**
 * An update's title without a leading "You asked, we built:" (in any of our languages): the update
 * emails and notifications put that phrase in front in the reader's language, so a title that
 * already starts with it would repeat it.
 */
export function titleWithoutUpdatePrefix(title: string) {
  const trimmed = title.trim()
  for (const locale of supportedLocales) {
    const prefix = translator(locale)('updates.prefix').toLowerCase()
    if (trimmed.toLowerCase().startsWith(prefix)) {
      const rest = /^\s*[:–—-]\s*(\S[\s\S]*)$/.exec(trimmed.slice(prefix.length))?.[1]
      if (rest) return rest
    }
  }
  return trimmed
}

/**
 * An update whose title starts with "You asked, we built" but cannot lose it (the phrase is the
 * whole title, or the sentence goes on: "You asked, we built it: …") is its own headline: the phrase
 * is not put in front of it again.
 */
function updateTitleIsHeadline(event: { type: NotificationType; updateTitle?: string | null }) {
  if (event.type !== 'update' || !event.updateTitle) return false
  const title = event.updateTitle.trim()
  return (
    titleWithoutUpdatePrefix(title) === title &&
    supportedLocales.some((locale) =>
      title.toLowerCase().startsWith(translator(locale)('updates.prefix').toLowerCase()),
    )
  )
}
