// Pure rules for captured people: who may take captured history over, and the signed claim link's
// payload (which captured person, for which account, until when); the receipt an opened confirmation
// link leaves for the page after it; and which step of the intake console's form a submit asks for,
// and what the console says of a customer's vote for an idea; the language a new customer is
// written to in when the agent leaves it on Automatic.
import { isStaff, type Locale, type Role } from '#app/domain/accounts/accounts.rules'
import type { StatusCategory } from '#app/domain/ideas/ideas.rules'
import { type VoteRefusal, voteRefusal } from '#app/domain/votes/votes.rules'
import { detectLanguage } from '#app/utils/content-language'
import { searchableText } from '#app/utils/text.rules'

/** How long a "captured this for you — is it yours?" link works. */
export const CAPTURE_CLAIM_DAYS = 14

/**
 * Staff never take captured history over, by verification or by link: an address is no proof of
 * identity, and a staff address on a captured idea (a forged From:, a typo at the till) must not turn
 * into something the team said or voted.
 */
export function mayClaimCaptured(role: Role) {
  return !isStaff(role)
}

/** What the claim link signs: the captured person, the account it was sent to, and the expiry (unix seconds). */
export function captureClaimPayload({
  capturedId,
  accountId,
  expiresAt,
}: {
  capturedId: number
  accountId: number
  expiresAt: Date
}) {
  return `capture:${capturedId}:${accountId}:${Math.floor(expiresAt.getTime() / 1000)}`
}

/** The claim a signed payload names, or null when it is not a claim payload or has expired. */
export function readCaptureClaimPayload(payload: string | null, now = new Date()) {
  const match = payload ? /^capture:([1-9]\d{0,9}):([1-9]\d{0,9}):(\d{1,12})$/.exec(payload) : null
  if (!match) return null
  const expiresAt = Number(match[3]) * 1000
  if (expiresAt <= now.getTime()) return null
  return {
    capturedId: Number(match[1]),
    accountId: Number(match[2]),
    expiresAt: new Date(expiresAt),
  }
}

export const claimExpiry = (now = new Date()) =>
  new Date(now.getTime() + CAPTURE_CLAIM_DAYS * 24 * 60 * 60 * 1000)

/** How long the page after a confirmation link says what the link did (a reload included). */
export const CONFIRMATION_RECEIPT_MINUTES = 30

/**
 * What an opened confirmation link did, for the page it leads to (/verify-email/done): for the browser
 * signed in as `viewerId` (null: signed out) then, how many captured ideas and votes moved to the account, and
 * whether that browser stays signed in as another account. Signed by the caller; nobody else's to show.
 */
export type ConfirmationReceipt = {
  viewerId: number | null
  claimedIdeas: number
  claimedVotes: number
  otherAccount: boolean
}

export function confirmationReceiptPayload(receipt: ConfirmationReceipt, expiresAt: Date) {
  const { viewerId, claimedIdeas, claimedVotes, otherAccount } = receipt
  return `confirmed:${viewerId ?? 0}:${claimedIdeas}:${claimedVotes}:${otherAccount ? 1 : 0}:${Math.floor(expiresAt.getTime() / 1000)}`
}

/** The receipt a signed payload names, or null when it is not a receipt or has expired. */
export function readConfirmationReceiptPayload(
  payload: string | null,
  now = new Date(),
): ConfirmationReceipt | null {
  const match = payload
    ? /^confirmed:(\d{1,10}):(\d{1,6}):(\d{1,6}):([01]):(\d{1,12})$/.exec(payload)
    : null
  if (!match || Number(match[5]) * 1000 <= now.getTime()) return null
  return {
    viewerId: Number(match[1]) || null,
    claimedIdeas: Number(match[2]),
    claimedVotes: Number(match[3]),
    otherAccount: match[4] === '1',
  }
}

export const confirmationReceiptExpiry = (now = new Date()) =>
  new Date(now.getTime() + CONFIRMATION_RECEIPT_MINUTES * 60 * 1000)

/** What the agent's search for ideas to vote on looks for: control characters (NUL above all) become spaces. */
export function intakeSearchText(text: string | null | undefined) {
  return searchableText(text ?? '').slice(0, 120)
}

/**
 * The step of the intake console's form a submit asks for. A vote button names its idea
 * (`voteFor`). Enter in any field presses the form's first button, `enter` (a form has one default
 * button, whichever field Enter is pressed in): a search typed since the ideas on the page were
 * found (`searched`) runs, which is what Enter in the search field means without JavaScript;
 * otherwise the idea is checked, never filed and never a vote.
 */
export function intakeIntent(values: {
  intent?: string
  voteFor?: string
  q?: string
  searched?: string
}) {
  if (values.voteFor) return 'vote'
  if (values.intent !== 'enter') return values.intent
  return intakeSearchText(values.q) === intakeSearchText(values.searched) ? 'check' : 'find'
}

/**
 * Why the customer's vote could not be added to an idea, or null when it can: the vote rule itself
 * (votes.rules.ts, which cast_vote keeps to), asked before the agent is offered the button. An up
 * vote, so whether down votes are on does not matter.
 */
export function customerVoteRefusal({
  statusCategory,
  isPublic,
}: {
  statusCategory: StatusCategory
  isPublic: boolean
}): VoteRefusal | null {
  return voteRefusal({
    direction: 'up',
    statusCategory,
    withdrawn: !isPublic,
    downVotesEnabled: true,
  })
}

/**
 * A new customer's language when the agent left "Their language" on Automatic: the idea's, when its
 * words tell (a vote has no idea of theirs), else the agent's page's. The console names it beside
 * the choice as it is typed: what a new customer gets (a known one keeps theirs).
 */
export function intakeAutomaticLanguage(
  idea: { title?: string; description?: string } | undefined,
  pageLocale: Locale,
): Locale {
  return (idea && detectLanguage(`${idea.title ?? ''}\n${idea.description ?? ''}`)) || pageLocale
}
