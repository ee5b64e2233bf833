// Every kind of message the code puts in the outbox has a label in both languages (the mailbox
// never shows a raw code): the kinds are collected from the code, not listed by hand.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { notificationTypes } from '#app/db/schema'
import { en } from '#app/utils/i18n/en'
import { nl } from '#app/utils/i18n/nl'
import { emailKinds, isOutboxKind, outboxKinds, preferenceTypes } from './mail.rules'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

/** `enqueueEmail({ kind: '…' })`, `.values({ kind: '…' … })` into the outbox, and SQL inserts of a kind. */
function kindsInCode() {
  const found = new Set<string>()
  for (const file of sourceFiles(path.resolve('app'))) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/enqueueEmail\(\{[^}]*?kind: '([^']+)'/g)) found.add(match[1]!)
    for (const match of text.matchAll(/insert\(outbox\)\s*\.values\(\{[^}]*?kind: '([^']+)'/g)) found.add(match[1]!)
    for (const match of text.matchAll(/insert into \$\{outbox\} \(user_id, kind[^)]*\)\s*select [^,]+, '([^']+)'/g)) found.add(match[1]!)
    for (const match of text.matchAll(/insert into \$\{outbox\} \(kind[^)]*\)\s*select '([^']+)'/g)) found.add(match[1]!)
  }
  return [...found]
}

describe('mailbox kinds', () => {
  const inCode = kindsInCode()
  it('finds the kinds the code queues', () => {
    expect(inCode).toEqual(expect.arrayContaining(['notification', 'webhook', 'digest', 'capture-confirm']))
  })
  it.each([...new Set([...outboxKinds, ...inCode])])('%s is a known kind with an English and a Dutch label', (kind) => {
    expect(isOutboxKind(kind)).toBe(true)
    const key = `admin.mail.kind.${kind}`
    expect(en).toHaveProperty([key])
    expect(nl).toHaveProperty([key])
    expect((en as Record<string, string>)[key]).not.toBe(kind)
    expect((nl as Record<string, string>)[key]).not.toBe(kind)
  })
})

describe('emailKinds', () => {
  it('names every notification type, and only preferences people can set', () => {
    for (const type of notificationTypes) expect(type in emailKinds, type).toBe(true)
    const stoppable = Object.values(emailKinds).filter((preference) => preference !== null)
    expect(new Set(stoppable)).toEqual(new Set(preferenceTypes))
  })

  it('lets people stop the "we received your idea" email', () => {
    expect(emailKinds.received).toBe('received')
  })
})
