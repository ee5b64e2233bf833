// Why an idea waits for approval, in words: the hold codes the code stores (`spam:links,burst`,
// `premoderation`, `email-intake`) → labels in the reader's language. Browser-safe.
import type { MessageKey, Translate } from '#app/utils/i18n/i18n'

import {
  EMAIL_INTAKE_HOLD,
  PREMODERATION_HOLD,
  type SpamSignal,
  spamSignalNames,
} from './spam.rules'

const holdLabels = {
  [PREMODERATION_HOLD]: 'moderation.hold.premoderation',
  [EMAIL_INTAKE_HOLD]: 'moderation.hold.email-intake',
} as const satisfies Record<string, MessageKey>

const spamSignalLabelKey = (signal: SpamSignal): MessageKey => `moderation.spam.${signal}`

/** A stored hold reason as a sentence; an unknown code reads as "another reason", never as the raw code. */
export function approvalReasonLabel(t: Translate, reason: string | null | undefined): string {
  if (!reason) return t('moderation.hold.other')
  if (reason in holdLabels) return t(holdLabels[reason as keyof typeof holdLabels])
  if (reason.startsWith('spam:')) {
    const signals = reason
      .slice('spam:'.length)
      .split(',')
      .filter((signal): signal is SpamSignal =>
        (spamSignalNames as readonly string[]).includes(signal),
      )
    if (signals.length)
      return t('moderation.hold.spam', {
        signals: signals.map((signal) => t(spamSignalLabelKey(signal))).join(', '),
      })
  }
  return t('moderation.hold.other')
}
