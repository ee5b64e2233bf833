// How people reach the team: which address is given (supportAddress), and the one helper that says
// it in a language (howToReachUs), for the emails and the pages alike. A sentence that tells people
// to write to the team exists only here, with the address in it; without an address it is left out,
// so nobody is told to write to a mailbox nobody reads.
import { type Locale, type MessageKey, translator } from '#app/utils/i18n/i18n'

/** The address in a sender as operators write it: `Team <team@example.com>` → `team@example.com`. */
export function mailboxAddress(from: string) {
  return (/<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from)?.[1] ?? from).trim()
}

// Local parts that say nobody reads the mailbox (no-reply, do-not-reply, bounces…), compared without
// case, separators or a +tag.
const unreadLocalParts = new Set([
  'noreply',
  'donotreply',
  'dontreply',
  'bounce',
  'bounces',
  'mailerdaemon',
])

/**
 * Whether an address is one nobody reads: a no-reply mailbox, or one on `.invalid`, the domain that
 * can never receive mail (the default sender is `no-reply@ideabox.invalid`).
 */
export function looksUnread(address: string) {
  const at = address.lastIndexOf('@')
  const local = address
    .slice(0, at)
    .split('+')[0]!
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
  const domain = address.slice(at + 1).toLowerCase()
  return unreadLocalParts.has(local) || /(^|\.)invalid$/.test(domain)
}

export type SupportAddress = { address: string; source: 'setting' | 'SUPPORT_EMAIL' | 'MAIL_FROM' }

/**
 * The address people are told to write to: the back office's support address, else the server's
 * SUPPORT_EMAIL, else the address email is sent from (MAIL_FROM) when somebody may read it; else none.
 */
export function supportAddress({
  setting,
  supportEmail,
  mailFrom,
}: {
  setting: string
  supportEmail: string | undefined
  mailFrom: string
}): SupportAddress | null {
  if (setting) return { address: setting, source: 'setting' }
  if (supportEmail) return { address: supportEmail, source: 'SUPPORT_EMAIL' }
  const sender = mailboxAddress(mailFrom)
  return sender.includes('@') && !looksUnread(sender)
    ? { address: sender, source: 'MAIL_FROM' }
    : null
}

/** Every sentence that tells people to write to the team, by why they would; each names `{contact}`. */
export const contactSentences = {
  /** After a suspension or a ban: how to appeal. */
  appeal: 'contact.appeal',
  /** Anything else (the footer, after a suspension is lifted). */
  questions: 'contact.questions',
  /** About what the site keeps about them (the privacy page). */
  privacy: 'contact.privacy',
} as const satisfies Record<string, MessageKey>

export type ContactPurpose = keyof typeof contactSentences

/**
 * Messages a contact sentence follows wherever they are shown (components/ui/form-error.tsx and the
 * single sign-on failure page): a refusal that keeps a person out is followed by how to appeal.
 */
export const contactAfter = {
  'auth.suspended': 'appeal',
  'sso.failure.suspended.body': 'appeal',
} as const satisfies Partial<Record<MessageKey, ContactPurpose>>

export function contactAfterMessage(key: string): ContactPurpose | undefined {
  return Object.hasOwn(contactAfter, key)
    ? contactAfter[key as keyof typeof contactAfter]
    : undefined
}

// Marks where the address goes, so a page can make it a link without taking the sentence apart.
const ADDRESS = '\u0000'

/**
 * How to reach the team, in a language: the sentence for `purpose` with the address (`text`, for an
 * email), the same split around the address (`before`, `after`, for a page that links it) and the
 * mailto: link. Null without an address: then nothing tells people to write.
 */
export function howToReachUs({
  locale,
  address,
  site,
  purpose,
}: {
  locale: Locale
  address: string | null
  site: string
  purpose: ContactPurpose
}) {
  if (!address) return null
  const sentence = translator(locale)(contactSentences[purpose], { site, contact: ADDRESS })
  const [before = '', after = ''] = sentence.split(ADDRESS)
  return {
    text: `${before}${address}${after}`,
    before,
    after,
    address,
    href: `mailto:${address}`,
  }
}
