// Every failed email send gets a kind with a label in both languages, told apart from what
// nodemailer and Node report (the /admin/mail page shows the label, the raw text as detail).
import { describe, expect, it } from 'vitest'

import { supportedLocales, translator } from '#app/utils/i18n/i18n'

import { mailFailureCode, mailFailureLabel, mailFailureLabels } from './failures.rules'

const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error('failed'), fields)

describe('kinds of failed email sends', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'recipient-refused'],
    [{ code: 'EMESSAGE', responseCode: 554, command: 'DATA' }, 'message-refused'],
    [{ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }, 'server-busy'],
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, 'sign-in-failed'],
    [{ code: 'EDNS' }, 'unresolved-host'],
    [{ code: 'ENOTFOUND' }, 'unresolved-host'],
    [{ code: 'ECONNECTION' }, 'connection-failed'],
    [{ code: 'ECONNREFUSED' }, 'connection-failed'],
    [{ code: 'ETIMEDOUT' }, 'timeout'],
    [{ code: 'ETLS' }, 'tls'],
    [{ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'tls'],
    [{}, 'other'],
  ])('%o is %s', (fields, code) => {
    expect(mailFailureCode(smtpError(fields))).toBe(code)
  })

  it('labels every kind in every language, and nothing for an unknown code', () => {
    for (const locale of supportedLocales) {
      const t = translator(locale)
      const labels = Object.keys(mailFailureLabels).map((code) => t(mailFailureLabel(code)!))
      expect(new Set(labels).size).toBe(labels.length)
      for (const label of labels) expect(label).not.toMatch(/admin\.mail|[{}]/)
    }
    expect(mailFailureLabel('drop table')).toBeNull()
    expect(mailFailureLabel(null)).toBeNull()
  })
})
