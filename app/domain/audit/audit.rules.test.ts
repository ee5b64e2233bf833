// Every audit action reads as a sentence: the list is taken from the registry AND from every
// `recordAudit({ action: … })` call in app/, so an action recorded but not worded fails here.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { approvalReasonLabel } from '#app/domain/spam/hold-labels'
import {
  EMAIL_INTAKE_HOLD,
  holdReason,
  PREMODERATION_HOLD,
  premoderationModes,
  spamSignalNames,
} from '#app/domain/spam/spam.rules'
import { supportedLocales, translator } from '#app/utils/i18n/i18n'

import { auditActions, describeAudit, isAuditAction } from './audit.rules'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

/** The action strings of every recordAudit call: literals, `a ? 'x' : 'y'`, and `${c ? 'a' : 'b'}.suffix`. */
function actionsInCode() {
  const found = new Set<string>()
  for (const file of sourceFiles(path.resolve('app'))) {
    const text = readFileSync(file, 'utf8')
    for (const call of text.matchAll(/recordAudit\(\{([\s\S]*?)\}\)/g)) {
      const action = /action:\s*([^,\n]+(?:\?[^,\n]+)?)/.exec(call[1]!)?.[1]
      if (!action) continue
      const template = /`\$\{[^?]+\?\s*'([^']+)'\s*:\s*'([^']+)'\}([^`]*)`/.exec(action)
      if (template) {
        found.add(`${template[1]}${template[3]}`)
        found.add(`${template[2]}${template[3]}`)
        continue
      }
      for (const literal of action.matchAll(/'([^']+)'/g)) found.add(literal[1]!)
    }
  }
  return [...found]
}

const samples: Record<string, unknown> = {
  status: 'under-review',
  response: 'We are on it',
  notified: true,
  mergedInto: 12,
  hidden: true,
  reason: 'Off topic',
  held: 'premoderation',
  title: 'A title',
  description: 'Words',
  kind: 'product',
  categoryId: 3,
  targetDays: 5,
  textEn: 'Within 5 days',
  textNl: 'Binnen 5 dagen',
  active: false,
  channel: 'store',
  network: 'x',
  externalRef: 'T-1',
  day: '2026-12-25',
  name: 'Christmas',
  scopes: ['ideas:read'],
  publishAt: '2026-12-08T08:00:00.000Z',
  url: 'https://hooks.example.test/x',
  events: ['idea.created'],
  role: 'moderator',
  suspendedUntil: null,
  bannedAt: null,
  days: 7,
  from: 'kim@example.test',
  attachments: 1,
  assigneeId: 4,
  customerId: 9,
  nameEn: 'Label',
  nameNl: 'Label',
  isPublic: true,
  color: '#0f766e',
  category: 'open',
  onRoadmap: true,
  position: 2,
  premoderation: 'everyone',
  timeZone: 'Europe/Amsterdam',
}

describe('audit sentences', () => {
  const inCode = actionsInCode()

  it('finds the actions the code records (the collector works)', () => {
    expect(inCode).toEqual(
      expect.arrayContaining([
        'idea.status',
        'comment.hide',
        'idea.hide',
        'user.ban',
        'user.suspend',
        'setting.change',
        'intake.email',
      ]),
    )
    expect(inCode.length).toBeGreaterThan(40)
  })

  it.each(inCode)('%s, recorded in the code, is in the registry', (action) => {
    expect(isAuditAction(action)).toBe(true)
  })

  const cases = [...new Set([...auditActions, ...inCode])].flatMap((action) =>
    supportedLocales.map((locale) => [action, locale] as const),
  )
  it.each(cases)('%s reads as a sentence in %s without raw keys', (action, locale) => {
    const t = translator(locale)
    const { sentence, changes } = describeAudit(
      {
        action,
        targetType: action.split('.')[0] === 'intake' ? 'idea' : 'idea',
        targetId: 7,
        targetName: 'Oat milk',
        actorName: 'Morgan Vos',
        before: samples,
        after: samples,
      },
      { t, locale, statusName: (slug) => (slug === 'under-review' ? 'Under review' : slug) },
    )
    expect(sentence).toBeTruthy()
    expect(sentence).not.toBe(
      t('audit.sentence.unknown', { actor: 'Morgan Vos', target: '“Oat milk”' }),
    )
    expect(sentence).not.toContain(action)
    expect(sentence).not.toMatch(/[{}]|audit\.|undefined|null|NaN/)
    for (const change of changes) {
      expect(change.label).not.toMatch(/^[a-z]+[A-Z]|\.|undefined/)
      expect(`${change.before} ${change.after}`).not.toMatch(
        /under-review|audit\.|role\.|channel\.|\[object/,
      )
    }
  })
})

describe('webhook entries name the webhook', () => {
  const url = 'https://hooks.example.test/board'
  const cases = auditActions
    .filter((action) => action.startsWith('webhook.'))
    .flatMap((action) => supportedLocales.map((locale) => [action, locale] as const))
  it.each(cases)('%s in %s names its address', (action, locale) => {
    const { sentence } = describeAudit(
      {
        action,
        targetType: 'setting',
        targetId: 3,
        targetName: null,
        actorName: 'Morgan Vos',
        before: { url },
        after: { url },
      },
      { t: translator(locale), locale, statusName: (slug) => slug },
    )
    expect(sentence).toContain(url)
  })

  it('an older pause or resume, recorded without its address, names the webhook by its number', () => {
    for (const locale of supportedLocales) {
      const { sentence } = describeAudit(
        {
          action: 'webhook.disable',
          targetType: 'setting',
          targetId: 3,
          targetName: null,
          actorName: 'Morgan Vos',
          before: null,
          after: null,
        },
        { t: translator(locale), locale, statusName: (slug) => slug },
      )
      expect(sentence).toMatch(/ #3$/)
    }
  })
})

describe('approval hold reasons', () => {
  // Every code the code can store: holdReason over every mode and signal combination, and the email hold.
  const signalSets = Array.from({ length: 2 ** spamSignalNames.length }, (_, mask) =>
    spamSignalNames.filter((_, bit) => mask & (1 << bit)),
  )
  const codes = new Set<string>([EMAIL_INTAKE_HOLD, PREMODERATION_HOLD])
  for (const mode of premoderationModes)
    for (const signals of signalSets)
      for (const age of [1, 60 * 24 * 30]) {
        const code = holdReason({ mode, accountAgeMinutes: age, signals })
        if (code) codes.add(code)
      }
  const cases = [...codes].flatMap((code) =>
    supportedLocales.map((locale) => [code, locale] as const),
  )
  it.each(cases)('%s has a label in %s', (code, locale) => {
    const t = translator(locale)
    const label = approvalReasonLabel(t, code)
    expect(label).not.toBe(t('moderation.hold.other'))
    expect(label).not.toContain(code)
    expect(label).not.toMatch(/spam:\S|[{}]/)
  })
})

describe('who did it', () => {
  it('names a deleted account a former member, in both languages', () => {
    for (const locale of supportedLocales) {
      const t = translator(locale)
      const { sentence } = describeAudit(
        {
          action: 'user.delete',
          targetType: 'user',
          targetId: 41,
          targetName: '',
          actorName: '',
          before: null,
          after: null,
        },
        { t, locale, statusName: (slug) => slug },
      )
      expect(sentence.startsWith(t('people.formerMember')), sentence).toBe(true)
    }
  })
})

describe('names, not ids (every action in the registry)', () => {
  // The ids an entry can hold, each with a name the page resolved in one query per kind.
  const names = {
    users: new Map([
      [4, 'Robin Smit'],
      [9, 'Kim de Vries'],
      [41, 'Sam Bakker'],
    ]),
    ideas: new Map([
      [12, 'Refill stations'],
      [7, 'Oat milk'],
    ]),
    tags: new Map([[5, 'Drinks']]),
    categories: new Map([[3, 'Menu']]),
    comments: new Map([[166, { ideaId: 7, ideaTitle: 'Oat milk', authorName: 'Sam Bakker' }]]),
  }
  const withIds = {
    ...samples,
    color: '#ab7766',
    tagId: 5,
    suspendedUntil: null,
    bannedAt: null,
    network: '',
    response: '**Spring** is when we _start_',
    title: 'Same title',
  }
  const targets = ['idea', 'comment', 'user', 'tag', 'category'] as const
  const cases = auditActions.flatMap((action) =>
    supportedLocales.flatMap((locale) =>
      targets.map((targetType) => [action, locale, targetType] as const),
    ),
  )
  it.each(cases)(
    '%s in %s on a %s: no #id where a name exists, no empty or unchanged detail',
    (action, locale, targetType) => {
      const t = translator(locale)
      const targetId = targetType === 'comment' ? 166 : targetType === 'user' ? 41 : 7
      const { sentence, changes } = describeAudit(
        {
          action,
          targetType,
          targetId,
          targetName: targetType === 'comment' ? null : 'Oat milk',
          actorName: 'Morgan Vos',
          before: withIds,
          after: { ...withIds, status: 'planned' },
        },
        {
          t,
          locale,
          statusName: (slug) => slug,
          names,
          plainText: (markdown) => markdown.replace(/[*_]/g, ''),
        },
      )
      expect(sentence).not.toMatch(/#\d/)
      if (targetType === 'comment' && /^(comment|report)\./.test(action))
        expect(sentence).toContain('Sam Bakker')
      if (action === 'idea.merge') expect(sentence).toContain('Refill stations')
      if (action === 'idea.assign') expect(sentence).toContain('Robin Smit')
      if (action === 'idea.tag' || action === 'idea.untag') expect(sentence).toContain('Drinks')
      for (const change of changes) {
        expect(change.before ?? change.after, `${change.label} has a value`).not.toBeNull()
        expect(change.before, `${change.label} changed`).not.toBe(change.after)
        expect(`${change.before} ${change.after}`).not.toMatch(/#\d|\*\*|_start_/)
      }
    },
  )

  it('a before/after of ids reads as names: customer, assignee, category, original', () => {
    const t = translator('en')
    const { changes } = describeAudit(
      {
        action: 'intake.vote',
        targetType: 'idea',
        targetId: 7,
        targetName: 'Oat milk',
        actorName: 'Morgan Vos',
        before: null,
        after: { customerId: 9, assigneeId: 4, categoryId: 3, mergedInto: 12, channel: 'store' },
      },
      { t, locale: 'en', statusName: (slug) => slug, names },
    )
    expect(changes.map((change) => change.after)).toEqual(
      expect.arrayContaining(['Kim de Vries', 'Robin Smit', 'Menu', '“Refill stations”']),
    )
  })
})
