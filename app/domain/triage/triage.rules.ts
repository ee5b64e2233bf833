// Pure rules for the back office's tools.
import type { Translate } from '#app/utils/i18n/i18n'

// Who may be mentioned is a fact about roles, so it lives in accounts (notifications ask it too).
export { mayBeMentioned, mentionableRoles } from '#app/domain/accounts/accounts.rules'

/** The @handles named in a note, lower-case, without duplicates. */
export function mentionedHandles(text: string) {
  const found = text.match(/(?<![\w@])@([a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?)/gi) ?? []
  return [...new Set(found.map((mention) => mention.slice(1).toLowerCase()))]
}

/**
 * What the writer of a note is told about mentions that reached no one, one sentence per handle:
 * `unknown` names nobody at all ("No one is called @x"), `unreached` names someone who cannot open
 * the notes. Shared by the notes panel and its test.
 */
export function mentionNotices(
  t: Translate,
  { unknown, unreached }: { unknown: readonly string[]; unreached: readonly string[] },
) {
  return [
    ...unknown.map((handle) => t('admin.mentionUnknown', { handle })),
    ...unreached.map((handle) => t('admin.mentionUnreached', { handle })),
  ]
}

/**
 * Queue sizes in the back office's navigation are counted up to this many (a badge reads "999+"
 * beyond): counting a backlog of tens of thousands on every back-office page cost 25–80 ms.
 */
export const QUEUE_COUNT_CAP = 1000

export function queueCountLabel(count: number) {
  return count >= QUEUE_COUNT_CAP ? `${QUEUE_COUNT_CAP - 1}+` : String(count)
}

/**
 * Whether a back-office list is narrowed by its filters (the sort and the page do not narrow it):
 * an empty list then says the filters match nothing, not that there is nothing at all. The queue
 * has no "mine" view, so a `view` in its address narrows nothing.
 */
export function listIsFiltered(
  list: 'queue' | 'ideas',
  filters: {
    view?: string
    status?: string
    kind?: string
    category?: number
    tag?: number
    q?: string
  },
) {
  return Boolean(
    filters.status ||
    filters.kind ||
    filters.category ||
    filters.tag ||
    filters.q ||
    (list === 'ideas' && filters.view === 'mine'),
  )
}

/** The orders the back-office lists offer; the page's sort label and the query both read this. */
export const triageSorts = ['due', 'oldest', 'newest', 'votes'] as const
export type TriageSort = (typeof triageSorts)[number]

/**
 * The sorts a list offers. The promised answer date means something only for ideas still waiting
 * for one: the queue offers it (ideas_triage_queue_idx serves it); the other lists do not.
 */
export function triageSortsFor(view: 'queue' | 'mine' | 'all'): readonly TriageSort[] {
  return view === 'queue' ? triageSorts : triageSorts.filter((sort) => sort !== 'due')
}

/** The queue is worked by promised answer date; the other lists show the newest ideas first. */
export function defaultTriageSort(view: 'queue' | 'mine' | 'all'): TriageSort {
  return view === 'queue' ? 'due' : 'newest'
}

/**
 * What the triage lists show about an idea's time at `now`: whole days since it was posted, whether
 * its answer is overdue, and days left until it is due (rounded up). Worked out in the loader, so
 * the page's rendering reads no clock (pages are kept by what they were rendered from).
 */
export function triageAges(
  idea: { createdAt: string | Date; dueAt: string | Date | null },
  now: Date,
) {
  const due = idea.dueAt === null ? null : new Date(idea.dueAt).getTime()
  return {
    ageDays: Math.max(
      0,
      Math.floor((now.getTime() - new Date(idea.createdAt).getTime()) / 86_400_000),
    ),
    overdue: due !== null && due < now.getTime(),
    dueInDays: due === null ? null : Math.ceil((due - now.getTime()) / 86_400_000),
  }
}

/**
 * When what `triageAges` says of an idea next changes after `now` (a day more waiting, its answer
 * overdue, a day less left), as milliseconds since the epoch: a page that shows it holds until then
 * (`context.unchangedUntil`, decision 042).
 */
export function triageAgesChangeAt(
  idea: { createdAt: string | Date; dueAt: string | Date | null },
  now: Date,
) {
  const day = 86_400_000
  const at = now.getTime()
  const created = new Date(idea.createdAt).getTime()
  const { ageDays, dueInDays } = triageAges(idea, now)
  // The age counts whole days from the posting (and is 0 before it).
  const times = [created > at ? created + day : created + (ageDays + 1) * day]
  if (idea.dueAt !== null && dueInDays !== null) {
    const due = new Date(idea.dueAt).getTime()
    // Overdue once past the due time; a day less left each time the time left passes a whole day.
    if (due >= at) times.push(due + 1)
    times.push(due - (dueInDays - 1) * day)
  }
  return Math.min(...times.filter((time) => time > at))
}
