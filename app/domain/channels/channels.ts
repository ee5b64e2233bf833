// The channels ideas, votes and comments arrive through. Browser-safe (no server code).
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
