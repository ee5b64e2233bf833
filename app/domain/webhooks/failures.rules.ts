// Pure rules for failed webhook deliveries: every kind of failure, how a request error is told
// apart, and the label staff read in their language. No Node imports: the admin page uses it too.
import { DeliveryError } from '#app/utils/delivery-error'
import type { MessageKey } from '#app/utils/i18n/i18n'

/**
 * Every kind of failed delivery, with the label staff read on /admin/webhooks (the stored English
 * text is shown after it as the detail). Deliveries can only fail with a code from this map.
 */
export const webhookFailureLabels = {
  'unsupported-address': 'admin.webhooks.failure.unsupportedAddress',
  'refused-address': 'admin.webhooks.failure.refusedAddress',
  'unresolved-host': 'admin.webhooks.failure.unresolvedHost',
  timeout: 'admin.webhooks.failure.timeout',
  'connection-failed': 'admin.webhooks.failure.connectionFailed',
  tls: 'admin.webhooks.failure.tls',
  'http-status': 'admin.webhooks.failure.httpStatus',
  redirect: 'admin.webhooks.failure.redirect',
} as const satisfies Record<string, MessageKey>
export type WebhookFailureCode = keyof typeof webhookFailureLabels

/** The error a failed delivery throws: the only way webhook code reports one, so its code has a label. */
export function webhookFailure(
  code: WebhookFailureCode,
  detail: string,
  { permanent = false }: { permanent?: boolean } = {},
) {
  return new DeliveryError(detail, code, permanent)
}

/** The label of a stored failure code, or null for none (or a code this version does not know). */
export function webhookFailureLabel(code: string | null | undefined): MessageKey | null {
  return code && Object.hasOwn(webhookFailureLabels, code)
    ? webhookFailureLabels[code as WebhookFailureCode]
    : null
}

// OpenSSL's certificate verdicts as Node reports them (error.code), besides the ERR_TLS_/ERR_SSL_ ones.
const certificateErrorCodes = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'HOSTNAME_MISMATCH',
  'EPROTO',
])

/**
 * The kind of failure of a request that got no answer: Node's error `code`/`name` tell a timeout
 * (the request's abort signal is its time limit), a TLS failure and a failed connection apart.
 */
export function requestFailureCode(
  error: unknown,
): Extract<WebhookFailureCode, 'timeout' | 'tls' | 'connection-failed'> {
  const { code = '', name = '' } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown
    name?: unknown
  }
  const codeText = String(code)
  if (
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    codeText === 'ABORT_ERR' ||
    codeText === 'ETIMEDOUT'
  )
    return 'timeout'
  if (
    codeText.startsWith('ERR_TLS_') ||
    codeText.startsWith('ERR_SSL_') ||
    certificateErrorCodes.has(codeText)
  )
    return 'tls'
  return 'connection-failed'
}
