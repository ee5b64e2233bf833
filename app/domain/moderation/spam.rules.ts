// A simple, explainable spam check: posts that look like spam wait for a moderator instead of being
// published. Each signal is cheap and named, so the approval queue can say why something is there.
export const spamSignalNames = ['links', 'repetition', 'burst'] as const
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

/** Hold codes stored in `ideas.held_reason` besides `spam:<signals>`; moderation.labels.ts words them. */
export const PREMODERATION_HOLD = 'premoderation'
export const EMAIL_INTAKE_HOLD = 'email-intake'

export const premoderationModes = ['off', 'new-accounts', 'everyone'] as const
export type PremoderationMode = (typeof premoderationModes)[number]

/** Accounts younger than this count as new for pre-moderation. */
export const NEW_ACCOUNT_DAYS = 7

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
  if (mode === 'new-accounts' && accountAgeMinutes < NEW_ACCOUNT_DAYS * 24 * 60) return PREMODERATION_HOLD
  return null
}
