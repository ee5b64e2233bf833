// Pure rules for the back office's tools.
import { backOfficeRoles, hasRole, roles, type Role } from '#app/domain/accounts/accounts.rules'

/**
 * Who can be @mentioned in an idea's internal notes: only people who can open them (the back
 * office's idea page). The notify step and the list of colleagues offered while writing both ask this.
 */
export function mayBeMentioned(role: Role) {
  return hasRole(role, backOfficeRoles)
}

/** The roles `mayBeMentioned` accepts, for queries. */
export const mentionableRoles = roles.filter(mayBeMentioned)

/** The @handles named in a note, lower-case, without duplicates. */
export function mentionedHandles(text: string) {
  const found = text.match(/(?<![\w@])@([a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?)/gi) ?? []
  return [...new Set(found.map((mention) => mention.slice(1).toLowerCase()))]
}

/**
 * Queue sizes in the back office's navigation are counted up to this many (a badge reads "999+"
 * beyond): counting a backlog of tens of thousands on every back-office page cost 25–80 ms.
 */
export const QUEUE_COUNT_CAP = 1000

export function queueCountLabel(count: number) {
  return count >= QUEUE_COUNT_CAP ? `${QUEUE_COUNT_CAP - 1}+` : String(count)
}
