// Pure rules for update posts: who may write them, and what an uploaded image really is.
import type { Role } from '#app/domain/accounts/accounts.rules'
import { hasRole } from '#app/domain/accounts/accounts.rules'
import { supportedLocales, translator } from '#app/utils/i18n/i18n'

export const updateRoles = ['marketer', 'admin'] as const satisfies readonly Role[]

export function mayPublishUpdates(role: Role) {
  return hasRole(role, updateRoles)
}

/** An uploaded image is public once it is the cover of a published update; before, only those who write updates see it. */
export function mayViewImage({ published, viewerRole }: { published: boolean; viewerRole: Role | null }) {
  return published || (viewerRole !== null && mayPublishUpdates(viewerRole))
}

/** The shape of an image token (16 random bytes, base64url; older images have 32 hex digits). */
export function isImageToken(value: string | undefined): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{22,32}$/.test(value)
}

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024
export const imageTypes = ['image/png', 'image/jpeg', 'image/webp'] as const
export type ImageType = (typeof imageTypes)[number]

/** The image type by its first bytes (never by the name or the browser's word), or null. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp'
  return null
}

/**
 * An update's title without a leading "You asked, we built:" (in any of our languages): the update
 * emails and notifications put that phrase in front in the reader's language, so a title that
 * already starts with it would repeat it.
 */
export function titleWithoutUpdatePrefix(title: string) {
  const trimmed = title.trim()
  for (const locale of supportedLocales) {
    const prefix = translator(locale)('updates.prefix').toLowerCase()
    if (trimmed.toLowerCase().startsWith(prefix)) {
      const rest = trimmed.slice(prefix.length).replace(/^\s*[:–—-]\s*/, '')
      if (rest) return rest
    }
  }
  return trimmed
}
