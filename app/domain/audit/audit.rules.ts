// The audit log in words: one registry of every action staff can take → a sentence in the reader's
// language, and a readable before/after. Pure (no I/O), so the log page, an idea's History and the
// tests all describe an entry the same way. `recordAudit` only accepts an action listed here, so a
// new action without a sentence is a type error.
import { approvalReasonLabel } from '#app/domain/spam/hold-labels'
import type { Locale, MessageKey, Translate } from '#app/utils/i18n/i18n'
import { formatDateTime } from '#app/utils/i18n/i18n'

export const auditActions = [
  'idea.status',
  'idea.response',
  'idea.merge',
  'idea.hide',
  'idea.restore',
  'idea.approve',
  'idea.reject',
  'idea.lockComments',
  'idea.unlockComments',
  'idea.correct',
  'idea.assign',
  'idea.tag',
  'idea.untag',
  'comment.hide',
  'comment.restore',
  'report.dismiss',
  'intake.idea',
  'intake.vote',
  'intake.email',
  'promise.create',
  'promise.update',
  'holiday.add',
  'holiday.remove',
  'api-token.create',
  'api-token.revoke',
  'webhook.create',
  'webhook.enable',
  'webhook.disable',
  'webhook.test',
  'webhook.delete',
  'update.create',
  'update.edit',
  'update.publish',
  'update.schedule',
  'update.unpublish',
  'setting.change',
  'status.create',
  'status.update',
  'status.move',
  'status.retire',
  'status.restore',
  'status.delete',
  'category.create',
  'category.update',
  'category.retire',
  'category.restore',
  'tag.create',
  'user.role',
  'user.suspend',
  'user.ban',
  'user.reinstate',
  'user.delete',
] as const
export type AuditAction = (typeof auditActions)[number]

export const auditTargetTypes = [
  'idea',
  'comment',
  'user',
  'setting',
  'status',
  'category',
  'tag',
  'report',
  'update',
] as const
export type AuditTargetType = (typeof auditTargetTypes)[number]

/**
 * Who reads which part of the log (docs/decisions/019): admins all of it; moderators the work of
 * the product team — what was done to ideas, comments, reports, tags and intake, and suspensions
 * and bans — so they can see who answered, hid or merged what. The site's configuration (settings,
 * statuses, categories, promises, holidays, API tokens, webhooks), updates, role changes and account
 * deletions stay with admins.
 */
const moderatorAuditActions: readonly AuditAction[] = auditActions.filter(
  (action) =>
    /^(idea|comment|report|intake)\./.test(action) ||
    ['tag.create', 'user.suspend', 'user.ban', 'user.reinstate'].includes(action),
)

/** The actions a reader with `role` may see in the log: every one for admins, `null` meaning "no limit". */
export function auditActionsReadableBy(role: string): readonly AuditAction[] | null {
  if (role === 'admin') return null
  if (role === 'moderator') return moderatorAuditActions
  return []
}

/** The target types a reader with `role` may filter the log by: those of the actions they may read. */
export function auditTargetTypesReadableBy(role: string): readonly AuditTargetType[] {
  if (role === 'admin') return auditTargetTypes
  if (role === 'moderator') return ['idea', 'comment', 'tag', 'user']
  return []
}

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (auditActions as readonly string[]).includes(value)
}

/** The sentence template of an action; a template literal type, so a missing key fails to compile. */
const auditSentenceKey = (action: AuditAction): MessageKey => `audit.sentence.${action}`
/** The short name of an action, for the filter. */
export const auditActionLabelKey = (action: AuditAction): MessageKey => `audit.action.${action}`
export const auditTargetLabelKey = (type: AuditTargetType): MessageKey => `audit.target.${type}`

// Labels of the fields the before/after can hold; fields not listed (internal ids, whole rows) are left out.
const fieldLabels: Record<string, MessageKey> = {
  status: 'audit.field.status',
  response: 'audit.field.response',
  notified: 'audit.field.notified',
  mergedInto: 'audit.field.mergedInto',
  hidden: 'audit.field.hidden',
  reason: 'audit.field.reason',
  held: 'audit.field.held',
  title: 'audit.field.title',
  description: 'audit.field.description',
  kind: 'audit.field.kind',
  categoryId: 'audit.field.category',
  targetDays: 'audit.field.targetDays',
  textEn: 'audit.field.textEn',
  textNl: 'audit.field.textNl',
  active: 'audit.field.active',
  channel: 'audit.field.channel',
  network: 'audit.field.network',
  externalRef: 'audit.field.externalRef',
  day: 'audit.field.day',
  name: 'audit.field.name',
  scopes: 'audit.field.scopes',
  publishAt: 'audit.field.publishAt',
  url: 'audit.field.url',
  events: 'audit.field.events',
  role: 'audit.field.role',
  suspendedUntil: 'audit.field.suspendedUntil',
  bannedAt: 'audit.field.bannedAt',
  days: 'audit.field.days',
  from: 'audit.field.from',
  attachments: 'audit.field.attachments',
  assigneeId: 'audit.field.assignee',
  customerId: 'audit.field.customer',
  nameEn: 'audit.field.nameEn',
  nameNl: 'audit.field.nameNl',
  isPublic: 'audit.field.isPublic',
  color: 'audit.field.color',
  category: 'audit.field.meaning',
  onRoadmap: 'audit.field.onRoadmap',
  position: 'audit.field.position',
  tagId: 'audit.field.label',
  // Site settings (setting.change stores { [key]: value }).
  siteName: 'admin.settings.siteName',
  logoText: 'admin.settings.logoText',
  accentColor: 'admin.settings.accentColor',
  supportEmail: 'admin.settings.supportEmail',
  defaultLocale: 'admin.settings.defaultLocale',
  downVotesEnabled: 'admin.settings.downVotes',
  premoderation: 'admin.settings.premoderation',
  timeZone: 'audit.field.timeZone',
  workingDays: 'audit.field.workingDays',
  dayStart: 'audit.field.dayStart',
  dayEnd: 'audit.field.dayEnd',
}

export type AuditRow = {
  action: string
  targetType: string
  targetId: number | null
  targetName: string | null
  actorName: string | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

/** The names of the people, ideas, labels, categories and comments a page of entries refers to by id. */
export type AuditNames = {
  users: ReadonlyMap<number, string>
  ideas: ReadonlyMap<number, string>
  tags: ReadonlyMap<number, string>
  categories: ReadonlyMap<number, string>
  comments: ReadonlyMap<number, { ideaId: number; ideaTitle: string; authorName: string }>
}

export type DescribeContext = {
  t: Translate
  locale: Locale
  /** A status slug → its name in the reader's language (the slug itself when unknown). */
  statusName: (slug: string) => string
  /** Names for the ids the entries hold (see `auditNameIds`); an id without a name reads as `#id`. */
  names?: AuditNames
  /** Markdown → the text a person reads (answers and descriptions are stored as Markdown). */
  plainText?: (markdown: string) => string
  /** The site's time zone, for the moments in a before/after. */
  timeZone?: string
}

/** Which before/after field holds an id of which kind of thing. */
export const idKinds = {
  assigneeId: 'users',
  customerId: 'users',
  mergedInto: 'ideas',
  tagId: 'tags',
  categoryId: 'categories',
} as const satisfies Record<string, Exclude<keyof AuditNames, 'comments'>>

/** The ids a page of entries refers to, per kind, so their names are read in one query per kind (no query per row). */
export function auditNameIds(
  rows: readonly Pick<AuditRow, 'targetType' | 'targetId' | 'before' | 'after'>[],
) {
  const ids = {
    users: new Set<number>(),
    ideas: new Set<number>(),
    tags: new Set<number>(),
    categories: new Set<number>(),
    comments: new Set<number>(),
  }
  for (const row of rows) {
    if (row.targetType === 'comment' && row.targetId) ids.comments.add(row.targetId)
    for (const source of [row.before, row.after]) {
      for (const [key, kind] of Object.entries(idKinds)) {
        const value = source?.[key]
        if (typeof value === 'number' && Number.isInteger(value)) ids[kind].add(value)
      }
    }
  }
  return {
    users: [...ids.users],
    ideas: [...ids.ideas],
    tags: [...ids.tags],
    categories: [...ids.categories],
    comments: [...ids.comments],
  }
}

/** The name for an id field's value, or null when the page did not find one. */
function nameOf(key: string, value: unknown, names: AuditNames | undefined) {
  const kind = (idKinds as Record<string, Exclude<keyof AuditNames, 'comments'>>)[key]
  if (!kind || !names || typeof value !== 'number') return null
  const name = names[kind].get(value)
  if (name === undefined) return null
  return kind === 'ideas' ? `“${truncate(name, 60)}”` : name
}

type AuditChange = { label: string; before: string | null; after: string | null }
export type AuditDescription = { sentence: string; changes: AuditChange[] }

/** One entry as a sentence ("Morgan Vos moved “Oat milk” from New to Under review") and its changes. */
export function describeAudit(row: AuditRow, context: DescribeContext): AuditDescription {
  const { t } = context
  // A deleted account keeps an empty name: it reads as a former member, as everywhere else.
  const actor =
    row.actorName === null ? t('audit.system') : row.actorName || t('people.formerMember')
  const target = targetText(row, context)
  const before = row.before ?? {}
  const after = row.after ?? {}
  const value = (key: string, source: Record<string, unknown>) =>
    formatValue(key, source[key], context) ?? t('audit.none')
  const settingKey = Object.keys(after)[0] ?? Object.keys(before)[0] ?? ''
  const params: Record<string, string | number> = {
    actor,
    target,
    from: value('status', before),
    to: value('status', after),
    into: value('mergedInto', after),
    label: value('tagId', after),
    name: String(after.name ?? after.nameEn ?? ''),
    day: value('day', after),
    channel: value('channel', after),
    // A webhook by its address; pausing and resuming recorded none before 2026-12, so those name its number.
    url: String(after.url ?? before.url ?? (row.targetId ? `#${row.targetId}` : '')),
    when: value('publishAt', after),
    setting: fieldLabels[settingKey] ? t(fieldLabels[settingKey]) : t('audit.field.unknownSetting'),
    fromRole: value('role', before),
    toRole: value('role', after),
    days: typeof after.days === 'number' ? after.days : 0,
    count: typeof after.days === 'number' ? after.days : 0,
    sender: value('from', after),
    assignee: after.assigneeId ? value('assigneeId', after) : t('audit.nobody'),
  }
  const sentence = isAuditAction(row.action)
    ? t(auditSentenceKey(row.action), params)
    : t('audit.sentence.unknown', params)
  return { sentence, changes: describeChanges(before, after, context) }
}

function targetText(row: AuditRow, { t, names }: DescribeContext) {
  const type = (auditTargetTypes as readonly string[]).includes(row.targetType)
    ? (row.targetType as AuditTargetType)
    : null
  if (row.targetName) return `“${truncate(row.targetName, 60)}”`
  const comment = type === 'comment' && row.targetId ? names?.comments.get(row.targetId) : undefined
  if (comment)
    return t('audit.target.commentBy', {
      author: comment.authorName || t('people.formerMember'),
      idea: `“${truncate(comment.ideaTitle, 60)}”`,
    })
  if (!type) return t('audit.target.unknown')
  return row.targetId
    ? `${t(auditTargetLabelKey(type))} #${row.targetId}`
    : t(auditTargetLabelKey(type))
}

function describeChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  context: DescribeContext,
): AuditChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => key in fieldLabels,
  )
  return (
    keys
      .map((key) => ({
        label: context.t(fieldLabels[key]!),
        before: key in before ? formatValue(key, before[key], context) : null,
        after: key in after ? formatValue(key, after[key], context) : null,
      }))
      // Nothing on either side (an empty "Banned on") or the same on both (a title not changed) is no change.
      .filter(
        (change) =>
          (change.before !== null || change.after !== null) && change.before !== change.after,
      )
  )
}

const markdownFields = new Set(['response', 'description'])

const idFields = new Set(['mergedInto', 'assigneeId', 'customerId', 'categoryId', 'tagId'])
const momentFields = new Set(['publishAt', 'suspendedUntil', 'bannedAt'])

/** A stored value as a person reads it; null for "nothing". */
function formatValue(
  key: string,
  value: unknown,
  { t, locale, statusName, names, plainText, timeZone }: DescribeContext,
): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'boolean') return t(value ? 'audit.value.yes' : 'audit.value.no')
  if (Array.isArray(value)) return value.map(String).join(', ')
  if (typeof value === 'object') return null
  const text = String(value)
  if (key === 'status') return statusName(text)
  if (key === 'role') return labelOr(t, `role.${text}`, text)
  if (key === 'channel') return labelOr(t, `channel.${text}`, text)
  if (key === 'held') return approvalReasonLabel(t, text)
  if (key === 'kind') return labelOr(t, `ideas.kind.${text}`, text)
  if (key === 'premoderation') return labelOr(t, `admin.settings.premoderation.${text}`, text)
  if (idFields.has(key)) return nameOf(key, value, names) ?? `#${text}`
  if (momentFields.has(key) && !Number.isNaN(Date.parse(text)))
    return formatDateTime(locale, text, timeZone)
  if (markdownFields.has(key) && plainText) return truncate(plainText(text), 140) || null
  return truncate(text, 140)
}

function labelOr(t: Translate, key: string, fallback: string) {
  const translated = t(key as MessageKey)
  return translated === undefined ? fallback : translated
}

function truncate(text: string, length: number) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}
