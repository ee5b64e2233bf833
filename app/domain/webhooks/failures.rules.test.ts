// Every failed webhook delivery is named to staff in their language: each code a delivery can fail
// with has a label in English and in Dutch, and webhook code reports failures only through those codes.
import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { DeliveryError } from '#app/utils/delivery-error'
import { en } from '#app/utils/i18n/en'
import { nl } from '#app/utils/i18n/nl'

import {
  requestFailureCode,
  webhookFailure,
  webhookFailureLabel,
  webhookFailureLabels,
} from './failures.rules'

const codes = Object.keys(webhookFailureLabels) as (keyof typeof webhookFailureLabels)[]

describe('webhook failure codes', () => {
  it('have a label of their own in English and in Dutch', () => {
    for (const code of codes) {
      const key = webhookFailureLabel(code)
      expect(key, code).not.toBeNull()
      expect(en[key!]?.trim(), `${code} in English`).toBeTruthy()
      expect(nl[key!]?.trim(), `${code} in Dutch`).toBeTruthy()
      expect(nl[key!], `${code} is translated`).not.toBe(en[key!])
    }
    expect(new Set(codes.map((code) => en[webhookFailureLabels[code]])).size).toBe(codes.length)
    expect(new Set(codes.map((code) => nl[webhookFailureLabels[code]])).size).toBe(codes.length)
  })

  it('are the only failures webhook delivery code throws', () => {
    // The delivery code reports a failure through webhookFailure(code, …) only, whose code is typed.
    for (const file of ['webhooks.server.ts', 'failures.rules.ts']) {
      const source = readFileSync(new URL(file, import.meta.url), 'utf8')
      expect(source.match(/new (\w*Error)\(/g) ?? [], file).toEqual(
        file === 'failures.rules.ts' ? ['new DeliveryError('] : [],
      )
      expect(source, file).not.toMatch(/\breject\((?!webhookFailure\()/)
    }
    const failure = webhookFailure('refused-address', 'Refused: x', { permanent: true })
    expect(failure).toBeInstanceOf(DeliveryError)
    expect(failure).toMatchObject({
      code: 'refused-address',
      message: 'Refused: x',
      permanent: true,
    })
  })

  it('show no label for an empty or unknown stored code', () => {
    expect(webhookFailureLabel(null)).toBeNull()
    expect(webhookFailureLabel('toString')).toBeNull()
    expect(webhookFailureLabel('gone-in-a-later-version')).toBeNull()
  })

  it.each([
    [{ name: 'AbortError', code: 'ABORT_ERR' }, 'timeout'],
    [new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'timeout'],
    [Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }), 'timeout'],
    [Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }), 'tls'],
    [
      Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      'tls',
    ],
    [
      Object.assign(new Error("Hostname/IP does not match certificate's altnames"), {
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      }),
      'tls',
    ],
    [
      Object.assign(new Error('wrong version number'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }),
      'tls',
    ],
    [
      Object.assign(new Error('connect ECONNREFUSED 1.2.3.4:443'), { code: 'ECONNREFUSED' }),
      'connection-failed',
    ],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'connection-failed'],
    ['a thrown string', 'connection-failed'],
    [null, 'connection-failed'],
  ])('a request error %o is a %s', (error, code) => {
    expect(requestFailureCode(error)).toBe(code)
  })
})
