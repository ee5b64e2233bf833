// Pure rules for update posts: who may write them, what an uploaded image really is, and when a
// scheduled update goes out in the site's time zone.
import type { Role } from '#app/domain/accounts/accounts.rules'
import { hasRole } from '#app/domain/accounts/accounts.rules'
import type { StatusCategory } from '#app/domain/ideas/ideas.rules'
import { localParts } from '#app/domain/promises/calendar.rules'
import { intlTag, type Locale, type Translate } from '#app/utils/i18n/i18n'

export const updateRoles = ['marketer', 'admin'] as const satisfies readonly Role[]

export function mayPublishUpdates(role: Role) {
  return hasRole(role, updateRoles)
}

/**
 * Which ideas an update may link: those launched, or on their way (a status of the "active" kind:
 * planned, in progress), which publishing can launch with it. Not a new, declined or duplicate
 * idea, nor one withdrawn, hidden or merged: an update about it would tell its voters something false.
 */
export function mayLinkToUpdate(idea: {
  statusSlug: string
  statusCategory: StatusCategory
  withdrawn: boolean
  hidden: boolean
  merged: boolean
}) {
  if (idea.withdrawn || idea.hidden || idea.merged) return false
  return idea.statusSlug === 'implemented' || idea.statusCategory === 'active'
}

export type UpdateMark = 'built' | 'mentioned'

/**
 * What an idea's page says about the updates that link it: "Built!" only when the idea is launched
 * and a published update tells of it; linked from a published update while not (or no longer)
 * launched, "Mentioned in an update"; otherwise nothing.
 */
export function updateMark({
  statusSlug,
  inPublishedUpdate,
}: {
  statusSlug: string
  inPublishedUpdate: boolean
}): UpdateMark | null {
  if (!inPublishedUpdate) return null
  return statusSlug === 'implemented' ? 'built' : 'mentioned'
}

/** An uploaded image is public once it is the cover of a published update; before, only those who write updates see it. */
export function mayViewImage({
  published,
  viewerRole,
}: {
  published: boolean
  viewerRole: Role | null
}) {
  return published || (viewerRole !== null && mayPublishUpdates(viewerRole))
}

/** The shape of an image token (16 random bytes, base64url; older images have 32 hex digits). */
export function isImageToken(value: string | undefined): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{22,32}$/.test(value)
}

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024
export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp'

/** The image type by its first bytes (never by the name or the browser's word), or null. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp'
  return null
}

/** The `datetime-local` value (wall clock in the site's zone) for an instant. */
export function wallClockInput(instant: Date, timeZone: string) {
  const local = localParts(instant, timeZone)
  const two = (value: number) => String(value).padStart(2, '0')
  return `${local.year}-${two(local.month)}-${two(local.day)}T${two(local.hour)}:${two(local.minute)}`
}

/** "Goes out on Tuesday 8 December at 09:00 (Europe/Amsterdam)", in the reader's language. */
export function goesOutText(instant: Date, timeZone: string, locale: Locale, t: Translate) {
  const tag = intlTag(locale)
  // With the year: an update can be scheduled for any date to come (fresh-eyes review: "Tuesday 8
  // December" did not say which).
  const date = new Intl.DateTimeFormat(tag, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(instant)
  const time = new Intl.DateTimeFormat(tag, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(instant)
  return t('admin.updates.goesOut', { date, time, zone: timeZone })
}
