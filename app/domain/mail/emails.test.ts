// The registry's facts: every notification type has its email, only preferences people can set stop
// one, only notifications about one idea offer a reply, and every direct kind is a kind of outbox row.
import { describe, expect, it } from 'vitest'

import { notificationTypes } from '#app/db/schema'
import { isOutboxKind } from '#app/domain/outbox/outbox.rules'

import { type EmailKind, emails, preferenceOf } from './emails.server'
import { preferenceTypes } from './mail.rules'

const kinds = Object.keys(emails) as EmailKind[]
const isNotification = (kind: string) => (notificationTypes as readonly string[]).includes(kind)

describe('the registry of emails', () => {
  it('names every notification type, and only preferences people can set', () => {
    for (const type of notificationTypes) expect(type in emails, type).toBe(true)
    const stoppable = kinds.map(preferenceOf).filter((preference) => preference !== null)
    expect(new Set(stoppable)).toEqual(new Set(preferenceTypes))
  })

  it('lets people stop the "we received your idea" email', () => {
    expect(preferenceOf('received')).toBe('received')
  })

  it.each(kinds)(
    '%s: offers a reply only as a notification, and a direct kind is queued as its own kind',
    (kind) => {
      if (!isNotification(kind)) {
        expect(emails[kind].answerableByReply).toBe(false)
        expect(emails[kind].preference).toBeNull()
        expect(isOutboxKind(kind)).toBe(true)
      } else expect(emails[kind].recipient).toBe('the person notified')
    },
  )
})
