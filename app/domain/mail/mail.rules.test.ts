import { describe, expect, it } from 'vitest'
import { notificationTypes } from '#app/db/schema'
import { emailKinds, preferenceTypes } from './mail.rules'

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
