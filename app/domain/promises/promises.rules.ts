// A promise's words come from its numbers: the text is derived from the kind, channel and days in
// the reader's language (with plurals), so the published sentence can never say 5 days while the
// clock counts 3. Pure and browser-safe.
import type { PromiseKind } from '#app/db/schema/promises'
import { isChannel } from '#app/domain/channels/channels'
import type { MessageKey, Translate } from '#app/utils/i18n/i18n'

export type PromiseTerms = { kind: PromiseKind; channel: string | null; targetDays: number | null }

export function promiseText({ kind, channel, targetDays }: PromiseTerms, t: Translate): string {
  if (kind === 'declined-reason') return t('promise.text.declined-reason')
  const count = targetDays ?? 0
  if (kind === 'decision') return t('promise.text.decision', { count })
  const key: MessageKey = isChannel(channel)
    ? 'promise.text.first-response.channel'
    : 'promise.text.first-response'
  return t(key, { count, channel: isChannel(channel) ? t(`channel.${channel}`) : '' })
}
