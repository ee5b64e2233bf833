// Pure rules for failed email deliveries, as webhooks have them (webhooks/failures.rules.ts): every
// kind of failure an SMTP send reports, told apart from the error nodemailer throws, and the label
// admins read on /admin/mail in their language (the server's own English text stays the detail).
import type { MessageKey } from '#app/utils/i18n/i18n'

export const mailFailureLabels = {
  'recipient-refused': 'admin.mail.failure.recipientRefused',
  'server-busy': 'admin.mail.failure.serverBusy',
  'message-refused': 'admin.mail.failure.messageRefused',
  'sign-in-failed': 'admin.mail.failure.signInFailed',
  'unresolved-host': 'admin.mail.failure.unresolvedHost',
  'connection-failed': 'admin.mail.failure.connectionFailed',
  timeout: 'admin.mail.failure.timeout',
  tls: 'admin.mail.failure.tls',
  other: 'admin.mail.failure.other',
} as const satisfies Record<string, MessageKey>
export type MailFailureCode = keyof typeof mailFailureLabels

/**
 * The kind of a failed send, from what nodemailer reports: `responseCode` is the SMTP server's
 * answer (4xx: try later; 5xx: refused), `code` nodemailer's own (EAUTH, ECONNECTION, ETIMEDOUT …)
 * or Node's (ENOTFOUND, ECONNREFUSED, ERR_TLS_…).
 */
export function mailFailureCode(error: unknown): MailFailureCode {
  const {
    code = '',
    responseCode,
    command = '',
  } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown
    responseCode?: unknown
    command?: unknown
  }
  const codeText = String(code)
  const response = typeof responseCode === 'number' ? responseCode : 0
  if (codeText === 'EAUTH' || response === 535 || response === 530) return 'sign-in-failed'
  if (response >= 400 && response < 500) return 'server-busy'
  if (response >= 500)
    return codeText === 'EENVELOPE' ||
      /^RCPT/i.test(String(command)) ||
      [550, 551, 553].includes(response)
      ? 'recipient-refused'
      : 'message-refused'
  if (codeText === 'EENVELOPE') return 'recipient-refused'
  if (codeText === 'EDNS' || codeText === 'ENOTFOUND' || codeText === 'EAI_AGAIN')
    return 'unresolved-host'
  if (codeText === 'ETIMEDOUT' || codeText === 'ETIME') return 'timeout'
  if (codeText === 'ETLS' || codeText.startsWith('ERR_TLS_') || codeText.startsWith('ERR_SSL_'))
    return 'tls'
  if (
    [
      'ECONNECTION',
      'ECONNREFUSED',
      'ECONNRESET',
      'ESOCKET',
      'EHOSTUNREACH',
      'ENETUNREACH',
    ].includes(codeText)
  )
    return 'connection-failed'
  return 'other'
}

/** The label of a stored failure code, or null for none (or a code this version does not know). */
export function mailFailureLabel(code: string | null | undefined): MessageKey | null {
  return code && Object.hasOwn(mailFailureLabels, code)
    ? mailFailureLabels[code as MailFailureCode]
    : null
}
