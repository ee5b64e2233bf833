// The channels ideas, votes and comments arrive through. Browser-safe (no server code).
import type { Translate } from '#app/utils/i18n/i18n'

export const channels = [
  'web',
  'store',
  'phone',
  'email',
  'social',
  'chat',
  'api',
  'other',
] as const
export type Channel = (typeof channels)[number]

export function isChannel(value: string | null | undefined): value is Channel {
  return typeof value === 'string' && (channels as readonly string[]).includes(value)
}

/**
 * A stored channel by the name the app shows for it, in the reader's language (exports write it so).
 * A channel the code no longer knows keeps its stored name rather than an empty cell.
 */
export function channelName(t: Translate, channel: string): string {
  return isChannel(channel) ? t(`channel.${channel}`) : channel
}

/** Channels staff capture through (the web is where customers act themselves). */
export const capturedChannels = [
  'store',
  'phone',
  'email',
  'social',
  'chat',
  'other',
] as const satisfies readonly Channel[]

export const socialNetworks = ['x', 'facebook', 'instagram', 'linkedin', 'tiktok', 'other'] as const

/** A small, recognisable mark per channel for timelines (always shown with the channel's name). */
export const channelIcons: Record<string, string> = {
  web: '🌐',
  store: '🏬',
  phone: '📞',
  email: '✉️',
  social: '💬',
  chat: '🗨️',
  api: '🔌',
  other: '•',
}
