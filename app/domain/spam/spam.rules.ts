// A simple, explainable spam check: posts that look like spam wait for a moderator instead of being
// published. Each signal is cheap and named, so the approval queue can say why something is there.
export const spamSignalNames = ['links', 'repetition', 'burst', 'duplicates'] as const
export type SpamSignal = (typeof spamSignalNames)[number]

const LINK = /\b(?:https?:\/\/|www\.)\S+/gi

export function spamSignals({
  text,
  accountAgeMinutes,
  recentPosts,
}: {
  /** Title and description (or comment) together. */
  text: string
  accountAgeMinutes: number
  /** The author's posts in the last hour, this one not included. */
  recentPosts: number
}): SpamSignal[] {
  const signals: SpamSignal[] = []
  if ((text.match(LINK) ?? []).length >= 3) signals.push('links')
  if (isRepetitive(text)) signals.push('repetition')
  if (accountAgeMinutes < 60 && recentPosts >= 2) signals.push('burst')
  return signals
}

/** How many of the author's recent comments may say nearly the same thing before the next is refused. */
export const NEAR_DUPLICATES_ALLOWED = 1

/**
 * A comment's signals: the same text checks as an idea's, and a run of near-identical comments
 * (a burst of "+1 please fix" pasted under idea after idea). Several comments in an hour are a
 * discussion, not a burst, so the idea's new-account burst rule does not apply.
 */
export function commentSpamSignals({
  text,
  recentTexts,
}: {
  text: string
  /** The author's comments in the last hour, this one not included. */
  recentTexts: string[]
}): SpamSignal[] {
  const signals = spamSignals({ text, accountAgeMinutes: Number.POSITIVE_INFINITY, recentPosts: 0 })
  if (
    recentTexts.filter((recent) => nearlyIdentical(recent, text)).length > NEAR_DUPLICATES_ALLOWED
  )
    signals.push('duplicates')
  return signals
}

/** The words of a text, lowercased, numbers and punctuation left out ("+1!!" and "+1 (3)" alike). */
function wordsOf(text: string) {
  return text.toLowerCase().match(/\p{L}+/gu) ?? []
}

/**
 * Two texts that say the same thing: the same words once case, numbers and punctuation are left
 * out, or (for longer texts) nine in ten of their distinct words shared.
 */
export function nearlyIdentical(a: string, b: string) {
  const left = wordsOf(a)
  const right = wordsOf(b)
  if (left.join(' ') === right.join(' ')) return true
  const leftSet = new Set(left)
  const rightSet = new Set(right)
  if (leftSet.size < 5 || rightSet.size < 5) return false
  let shared = 0
  for (const word of leftSet) if (rightSet.has(word)) shared++
  return shared / (leftSet.size + rightSet.size - shared) >= 0.9
}

/** The same word run over and over, or one character making up most of the text. */
function isRepetitive(text: string) {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  if (words.length >= 12) {
    const counts = new Map<string, number>()
    for (let index = 0; index + 3 <= words.length; index++) {
      const run = words.slice(index, index + 3).join(' ')
      counts.set(run, (counts.get(run) ?? 0) + 1)
    }
    const most = Math.max(...counts.values())
    if (most >= 4 && most * 3 >= words.length / 2) return true
  }
  const letters = text.replace(/\s/g, '')
  if (letters.length >= 40) {
    const counts = new Map<string, number>()
    for (const char of letters) counts.set(char, (counts.get(char) ?? 0) + 1)
    if (Math.max(...counts.values()) / letters.length > 0.5) return true
  }
  return false
}

/** Hold codes stored in `ideas.held_reason` besides `spam:<signals>`; spam/hold-labels.ts words them. */
export const PREMODERATION_HOLD = 'premoderation'
export const EMAIL_INTAKE_HOLD = 'email-intake'

export const premoderationModes = ['off', 'new-accounts', 'everyone'] as const
export type PremoderationMode = (typeof premoderationModes)[number]

/** Accounts younger than this count as new for pre-moderation. */
const NEW_ACCOUNT_DAYS = 7

/** Why a new idea should wait for approval, or null to publish it at once. */
export function holdReason({
  mode,
  accountAgeMinutes,
  signals,
}: {
  mode: PremoderationMode
  accountAgeMinutes: number
  signals: SpamSignal[]
}): string | null {
  if (signals.length) return `spam:${signals.join(',')}`
  if (mode === 'everyone') return PREMODERATION_HOLD
  if (mode === 'new-accounts' && accountAgeMinutes < NEW_ACCOUNT_DAYS * 24 * 60)
    return PREMODERATION_HOLD
  return null
}
