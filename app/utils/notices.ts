// One-time messages after a redirect without JavaScript ("voting is closed", "your idea was
// withdrawn"). They travel in the URL (`?notice=…`), so any instance can show them and nothing is
// kept on the server; only keys listed here are shown, so a link cannot put words on the page.
import type { MessageKey } from '#app/utils/i18n/i18n'

const noticeKeys = [
  'votes.tooMany',
  'votes.failed',
  'votes.refused.notFound',
  'votes.refused.closed',
  'votes.refused.downVotesOff',
  'votes.refused.withdrawn',
  'votes.refused.suspended',
  'follow.ideaGone',
  'error.formNotUnderstood',
  'ideas.edit.saved',
  'account.deleted',
  'account.profile.saved',
  'account.security.passwordChanged',
  'account.verificationSent',
  'account.sessions.ended',
  'account.sessions.endedOthers',
  'account.sessions.notFound',
  'preferences.saved',
  'preferences.emailsOffDone',
  'captured.done',
  'admin.webhooks.testSent',
  'admin.webhooks.deleted',
  'admin.mail.testQueued',
  'admin.people.done.suspend',
  'admin.people.done.suspendTold',
  'admin.people.done.ban',
  'admin.people.done.banTold',
  'admin.people.done.lift',
  'admin.people.done.liftTold',
  'admin.people.done.role.customer',
  'admin.people.done.role.agent',
  'admin.people.done.role.moderator',
  'admin.people.done.role.marketer',
  'admin.people.done.role.admin',
  'admin.people.done.roleUnchanged',
  'admin.approvals.approved',
  'admin.approvals.rejected',
] as const satisfies readonly MessageKey[]

export type NoticeKey = (typeof noticeKeys)[number]

export function isNoticeKey(value: unknown): value is NoticeKey {
  return typeof value === 'string' && (noticeKeys as readonly string[]).includes(value)
}

/**
 * `path` with the notice set in its query (none: any earlier one removed, so a message from a
 * previous submit does not linger), keeping the rest of the query and any fragment.
 */
export function withNotice(path: string, notice: NoticeKey | undefined) {
  const url = new URL(path, 'http://ideabox.invalid')
  if (notice) url.searchParams.set('notice', notice)
  else url.searchParams.delete('notice')
  return `${url.pathname}${url.search}${url.hash}`
}

/** The same path without the notice (for links and for tidying the address bar). */
export function withoutNotice(path: string) {
  return withNotice(path, undefined)
}
