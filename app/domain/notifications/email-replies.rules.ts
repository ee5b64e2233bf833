// Pure rules for answering by replying to an email: the signed reply address's shape, what of a
// reply is the person's own words (quoted history and signatures stripped), what is an auto-reply,
// and which ideas take no reply. No I/O: the signature is computed by email-replies.server.ts.
import { discussionState } from '#app/domain/discussion/discussion.rules'

/** The local part's prefix: `reply+<token>@<INBOUND_EMAIL_DOMAIN>`. */
export const REPLY_PREFIX = 'reply+'
/** How long a reply address keeps working after the email was written. */
const REPLY_TOKEN_DAYS = 90
/** An email local part holds at most 64 characters (RFC 5321). */
export const LOCAL_PART_MAX = 64

const DAY_MS = 24 * 60 * 60 * 1000
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'

/**
 * Lower-case base32: mail systems may change the case of a local part, so the token reads the same
 * whatever they do (base64 would not survive that).
 */
export function base32(bytes: Uint8Array) {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}

export type ReplyClaims = {
  recipientId: number
  ideaId: number
  /** Days since 1970-01-01 (UTC) after which it no longer works. */ expiresDay: number
}

/** What is signed: the three numbers in base 36, dash-separated. */
export function replyPayload(claims: ReplyClaims) {
  return [claims.recipientId, claims.ideaId, claims.expiresDay].map((n) => n.toString(36)).join('-')
}

export function expiryDay(now: Date, days = REPLY_TOKEN_DAYS) {
  return Math.floor(now.getTime() / DAY_MS) + days
}

/** Reads a token (`<payload>-<signature>`) back into its claims and signature; null when it is not shaped like one. */
export function parseReplyToken(
  token: string,
): { claims: ReplyClaims; payload: string; signature: string } | null {
  const match = /^([0-9a-z]{1,10})-([0-9a-z]{1,10})-([0-9a-z]{1,6})-([a-z2-7]{16,40})$/.exec(
    token.toLowerCase(),
  )
  if (!match) return null
  const [recipientId, ideaId, expiresDay] = [match[1]!, match[2]!, match[3]!].map((part) =>
    parseInt(part, 36),
  )
  if (![recipientId, ideaId, expiresDay].every((n) => Number.isSafeInteger(n) && n! > 0))
    return null
  const claims = { recipientId: recipientId!, ideaId: ideaId!, expiresDay: expiresDay! }
  return { claims, payload: replyPayload(claims), signature: match[4]! }
}

export function isExpired(claims: ReplyClaims, now: Date) {
  return Math.floor(now.getTime() / DAY_MS) > claims.expiresDay
}

/** The token in the first `reply+<token>@<domain>` address among these, or null. */
export function replyTokenIn(addresses: readonly string[], domain: string) {
  const wanted = `@${domain.toLowerCase()}`
  for (const raw of addresses) {
    const address = raw.trim().replace(/^<|>$/g, '').toLowerCase()
    if (!address.endsWith(wanted) || !address.startsWith(REPLY_PREFIX)) continue
    const token = address.slice(REPLY_PREFIX.length, -wanted.length)
    if (token) return token
  }
  return null
}

/** Whether any of these addresses is at the reply domain (any local part): such a message is a reply, never a new idea. */
export function addressedTo(addresses: readonly string[], domain: string) {
  const wanted = `@${domain.toLowerCase()}`
  return addresses.some((raw) => raw.trim().replace(/^<|>$/g, '').toLowerCase().endsWith(wanted))
}

/**
 * An automatic message, never to be posted or answered: RFC 3834's Auto-Submitted, the
 * X-Autoreply/X-Autorespond headers vacation programs add, Exchange's X-Auto-Response-Suppress,
 * bulk/list precedence, bounces (an empty Return-Path, a MAILER-DAEMON/postmaster sender, a
 * multipart/report delivery report, "Undelivered Mail"/"Delivery Status Notification"/"Onbestelbaar"
 * subjects) and out-of-office subjects in English and Dutch.
 */
export function isAutoReply({
  headers,
  subject,
  from = '',
}: {
  headers: ReadonlyMap<string, unknown>
  subject: string
  from?: string
}) {
  const header = (name: string) => {
    const value = headers.get(name)
    if (value === undefined || value === null) return null
    if (typeof value !== 'object') return String(value).trim().toLowerCase()
    // mailparser gives address headers (Return-Path) as { value: [{ address }], text }, others as { value, params }.
    const parsed = value as { value?: unknown; text?: unknown }
    return (
      typeof parsed.text === 'string'
        ? parsed.text
        : 'value' in parsed
          ? String(parsed.value)
          : String(value)
    )
      .trim()
      .toLowerCase()
  }
  const autoSubmitted = header('auto-submitted')
  if (autoSubmitted && autoSubmitted !== 'no') return true
  if (
    ['x-autoreply', 'x-autorespond', 'x-autoresponse', 'x-auto-response-suppress'].some(
      (name) => header(name) !== null,
    )
  )
    return true
  if (/^(mailer-daemon|postmaster|mail-daemon)@/i.test(from.trim())) return true
  if (/^multipart\/report\b/.test(header('content-type') ?? '')) return true
  if (/^(bulk|auto_reply|list|junk)$/.test(header('precedence') ?? '')) return true
  const returnPath = header('return-path')
  if (returnPath !== null && /^<?\s*>?$/.test(returnPath)) return true
  return /^\s*(auto(matic)?[ -]?(reply|response|antwoord)|undeliver(ed|able)|delivery (status notification|failure|has failed)|mail delivery failed|returned mail|failure notice|non[- ]?deliver|onbestelbaar|niet bezorgd|onbezorgbaar|bezorging mislukt|out of (the )?office|automatisch(e)? (antwoord|reactie)|afwezig|niet aanwezig|buiten kantoor|vakantie|on vacation|away from)/i.test(
    subject.replace(/^((re|aw|antw)\s*:\s*)+/i, ''),
  )
}

/**
 * The receiving mail provider found the From address forged: its Authentication-Results header
 * (RFC 8601) says DMARC failed. Without that header we rely on the token's secrecy.
 */
export function failedDmarc(headers: ReadonlyMap<string, unknown>) {
  const value = headers.get('authentication-results')
  const results = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String)
  return results.some((result) => /\bdmarc\s*=\s*fail\b/i.test(result))
}

// Lines that start what the person did not write: the client's quote header, and everything after.
const quoteHeaders: RegExp[] = [
  // Gmail and most clients: "On Tue, 24 Nov 2026 at 10:05, Name <a@b> wrote:" (may wrap over two lines).
  /^On\b[\s\S]{0,300}\bwrote:\s*$/i,
  // Apple Mail: "On 24 Nov 2026, at 10:05, Name <a@b> wrote:" is caught above; its Dutch form below.
  // Dutch clients: "Op di 24 nov. 2026 om 10:05 schreef Naam <a@b>:"
  /^Op\b[\s\S]{0,300}\bschreef\b[\s\S]{0,200}:\s*$/i,
  // German and French clients, seen among Dutch customers too.
  /^Am\b[\s\S]{0,300}\bschrieb\b[\s\S]{0,200}:\s*$/i,
  /^Le\b[\s\S]{0,300}\ba écrit\s*:\s*$/i,
  // Outlook: "-----Original Message-----" / "-----Oorspronkelijk bericht-----"
  /^-{2,}\s*(Original Message|Oorspronkelijk bericht|Origineel bericht|Forwarded message|Doorgestuurd bericht)\s*-{2,}\s*$/i,
  // Outlook's underscore rule above its header block.
  /^_{10,}\s*$/,
]

/** Outlook's header block: "From: …" (or "Van: …") followed within a few lines by "Sent: …"/"Verzonden: …". */
function startsOutlookHeader(lines: string[], index: number) {
  if (!/^\*?(From|Van|De)\s*:\*?\s/i.test(lines[index]!.trim())) return false
  return lines
    .slice(index + 1, index + 5)
    .some((line) => /^\*?(Sent|Date|Verzonden|Datum|Envoyé)\s*:\*?\s/i.test(line.trim()))
}

const signatureLines = [
  /^-- ?$/,
  /^(Sent from my|Verzonden (vanaf|met) mijn|Verstuurd (vanaf|met) mijn|Get Outlook for|Download Outlook voor)\b/i,
]

/**
 * What the person wrote in a reply: everything above the first quote header (Gmail, Outlook,
 * Apple Mail, Dutch clients), without `>` quoted lines, the signature ("-- ") and mobile footers
 * ("Sent from my iPhone", "Verzonden vanaf mijn iPhone").
 */
export function stripQuotedReply(text: string) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const kept: string[] = []
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const trimmed = line.trim()
    if (signatureLines.some((pattern) => pattern.test(trimmed))) break
    if (quoteHeaders.some((pattern) => pattern.test(trimmed)) || startsOutlookHeader(lines, index))
      break
    // A quote header wrapped over two lines ("On Tue, … Name <a@b>" / "wrote:").
    const next = lines[index + 1]?.trim() ?? ''
    if (/^(On|Op)\s.*\d/i.test(trimmed) && /\b(wrote|schreef)\b[^:]*:\s*$/i.test(next)) break
    if (/^Op\s.*\bschreef\b/i.test(trimmed) && />\s*:\s*$/.test(next)) break
    if (trimmed.startsWith('>')) continue
    kept.push(line.replace(/\s+$/, ''))
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

export type ReplyIdeaState = {
  withdrawn: boolean
  hidden: boolean
  held: boolean
  mergedIntoId: number | null
  statusSlug: string | null
  commentsLocked: boolean
}

/**
 * Why an idea takes no reply by email from this person (null: it does). The web comment form's rule
 * (discussionState, the same rule as the idea page's comment form), so both channels agree: declined and duplicate ideas take comments on
 * the web, so they take replies too. A merged idea has no page of its own to comment on: closed.
 */
export function replyRefusalFor(
  idea: ReplyIdeaState,
  { isStaff }: { isStaff: boolean },
): 'hidden' | 'closed' | 'locked' | null {
  if (idea.mergedIntoId !== null && !idea.hidden && !idea.held) return 'closed'
  const discussion = discussionState({
    withdrawn: idea.withdrawn,
    isPublic: !idea.hidden && !idea.held,
    commentsLocked: idea.commentsLocked,
    signedIn: true,
    isTeam: isStaff,
  })
  const refusals = {
    open: null,
    withdrawn: 'closed',
    notPublic: 'hidden',
    locked: 'locked',
    signIn: 'hidden',
  } as const
  return refusals[discussion]
}
