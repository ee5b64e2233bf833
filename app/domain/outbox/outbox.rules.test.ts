// Every kind of message the code puts in the outbox has a label in both languages (the mailbox
// never shows a raw code): the kinds are collected from the code, not listed by hand.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { en } from '#app/utils/i18n/en'
import { nl } from '#app/utils/i18n/nl'

import { isOutboxKind, outboxKinds } from './outbox.rules'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

/** The kind named by each call that queues (`enqueue`, `enqueueEmail`, `queueEmail`), or by a function building an `OutboxSelection`: the first `kind: '…'` after it. */
function kindsInCode() {
  const found = new Set<string>()
  for (const file of sourceFiles(path.resolve('app'))) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(
      /\b(?:enqueue|enqueueStatement|enqueueEmail|queueEmail)\(\{[\s\S]{0,400}?\bkind: '([^']+)'|\):\s*OutboxSelection\s*\{[\s\S]{0,600}?\bkind: '([^']+)'/g,
    ))
      found.add((match[1] ?? match[2])!)
  }
  return [...found]
}

describe('mailbox kinds', () => {
  const inCode = kindsInCode()
  it('finds the kinds the code queues', () => {
    expect(inCode).toEqual(
      expect.arrayContaining(['notification', 'webhook', 'digest', 'capture-confirm']),
    )
  })
  it.each([...new Set([...outboxKinds, ...inCode])])(
    '%s is a known kind with an English and a Dutch label',
    (kind) => {
      expect(isOutboxKind(kind)).toBe(true)
      const key = `admin.mail.kind.${kind}`
      expect(en).toHaveProperty([key])
      expect(nl).toHaveProperty([key])
      expect((en as Record<string, string>)[key]).not.toBe(kind)
      expect((nl as Record<string, string>)[key]).not.toBe(kind)
    },
  )
})
