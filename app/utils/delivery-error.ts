// The outbox's failure type, thrown by every kind of delivery (email transport, webhooks), so the
// areas that deliver need not import each other to say how a send failed.
/**
 * A failed send that names its kind: `code` is stored beside the text (`last_error_code`) so the
 * back office can show a translated label with the English detail. A `permanent` one cannot
 * succeed by trying again (a webhook address we refuse to call): failed at once.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError'
  constructor(
    message: string,
    readonly code: string,
    readonly permanent = false,
  ) {
    super(message)
  }
}
