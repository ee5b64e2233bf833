// The claim link's payload and who may take captured history over, without a database.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { locales, roles } from '#app/domain/accounts/accounts.rules'
import { detectLanguage } from '#app/utils/content-language'

import {
  captureClaimPayload,
  claimExpiry,
  CONFIRMATION_RECEIPT_MINUTES,
  confirmationReceiptExpiry,
  confirmationReceiptPayload,
  intakeAutomaticLanguage,
  intakeIntent,
  intakeSearchText,
  mayClaimCaptured,
  readCaptureClaimPayload,
  readConfirmationReceiptPayload,
} from './intake.rules'

const id = fc.integer({ min: 1, max: 2_147_483_647 })
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })

describe('confirmation receipt payload', () => {
  it('reads back what it wrote until it expires, and nothing after', () => {
    fc.assert(
      fc.property(
        fc.option(id, { nil: null }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.boolean(),
        instant,
        (viewerId, claimedIdeas, claimedVotes, otherAccount, now) => {
          const expiresAt = confirmationReceiptExpiry(new Date(now))
          const receipt = { viewerId, claimedIdeas, claimedVotes, otherAccount }
          const payload = confirmationReceiptPayload(receipt, expiresAt)
          expect(readConfirmationReceiptPayload(payload, new Date(now))).toEqual(receipt)
          const lastSecond = Math.floor(expiresAt.getTime() / 1000) * 1000 - 1
          expect(readConfirmationReceiptPayload(payload, new Date(lastSecond))).toEqual(receipt)
          expect(readConfirmationReceiptPayload(payload, expiresAt)).toBeNull()
        },
      ),
    )
  })

  it('lasts half an hour, and reads no other kind of payload', () => {
    expect(CONFIRMATION_RECEIPT_MINUTES).toBe(30)
    const at = new Date('2026-12-06T10:00:00Z')
    const claim = captureClaimPayload({ capturedId: 1, accountId: 2, expiresAt: claimExpiry(at) })
    expect(readConfirmationReceiptPayload(claim, at)).toBeNull()
    expect(readConfirmationReceiptPayload('7:received', at)).toBeNull()
    expect(readConfirmationReceiptPayload(null, at)).toBeNull()
  })
})

describe('capture claim payload', () => {
  it('reads back what it wrote until it expires, and nothing after', () => {
    fc.assert(
      fc.property(
        id,
        id,
        instant,
        fc.integer({ min: 1, max: 60 * 60 * 24 * 30 }),
        (capturedId, accountId, now, lifetimeSeconds) => {
          const expiresAt = new Date(Math.floor(now / 1000) * 1000 + lifetimeSeconds * 1000)
          const payload = captureClaimPayload({ capturedId, accountId, expiresAt })
          expect(readCaptureClaimPayload(payload, new Date(now))).toEqual({
            capturedId,
            accountId,
            expiresAt,
          })
          expect(readCaptureClaimPayload(payload, expiresAt)).toBeNull()
        },
      ),
    )
  })

  it('reads nothing from other signed payloads or garbage', () => {
    fc.assert(
      fc.property(
        fc.string(),
        (text) =>
          readCaptureClaimPayload(text.startsWith('capture:') ? `${text}:x` : text) === null,
      ),
    )
    for (const other of [
      '12:status',
      'fb:response:1:2',
      'capture:0:1:99999999999',
      'capture:1:2',
      'capture:-1:2:99999999999',
      null,
    ]) {
      expect(readCaptureClaimPayload(other)).toBeNull()
    }
  })

  it('expires links after two weeks', () => {
    const now = new Date('2026-03-01T12:00:00Z')
    expect(claimExpiry(now).toISOString()).toBe('2026-03-15T12:00:00.000Z')
  })
})

describe('who may take captured history over', () => {
  it('customers only, never staff', () => {
    expect(roles.filter(mayClaimCaptured)).toEqual(['customer'])
  })
})

describe('Enter in the intake form', () => {
  const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('oat milk', ' oat milk ', ''))
  it('searches when the search differs from the one run, else checks: never files, never votes', () => {
    fc.assert(
      fc.property(text, fc.option(text, { nil: undefined }), (q, searched) => {
        const intent = intakeIntent({ intent: 'enter', q, searched })
        expect(intent).toBe(intakeSearchText(q) === intakeSearchText(searched) ? 'check' : 'find')
      }),
    )
    expect(intakeIntent({ intent: 'enter', q: 'oat milk', searched: '' })).toBe('find')
    expect(intakeIntent({ intent: 'enter', q: ' oat milk', searched: 'oat milk' })).toBe('check')
    expect(intakeIntent({ intent: 'enter' })).toBe('check')
  })

  it('leaves every other button’s intent as it is, and a vote button is a vote', () => {
    expect(intakeIntent({ intent: 'create', q: 'x' })).toBe('create')
    expect(intakeIntent({ intent: 'find' })).toBe('find')
    expect(intakeIntent({})).toBeUndefined()
    expect(intakeIntent({ intent: 'enter', voteFor: '12' })).toBe('vote')
  })
})

describe('the language Automatic stands for', () => {
  it('is the idea’s when its words tell, else the page’s', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.string({ maxLength: 200 }),
        fc.constantFrom(...locales),
        (title, description, page) => {
          const told = detectLanguage(`${title}\n${description}`)
          expect(intakeAutomaticLanguage({ title, description }, page)).toBe(told ?? page)
        },
      ),
    )
    const soup = {
      title: 'Graag soep van de dag',
      description: 'Ik wil graag elke dag een andere soep.',
    }
    expect(intakeAutomaticLanguage(soup, 'en')).toBe('nl')
    expect(intakeAutomaticLanguage({ title: 'Oat milk XL' }, 'nl')).toBe('nl')
    // A vote has no idea of the customer's: the page's.
    expect(intakeAutomaticLanguage(undefined, 'en')).toBe('en')
  })
})
