// What one refusal answers at the edge: a status, the field its message stands beside (null: above
// the form) and the message key. A leaf, so the vote button's small table need not bring every area's.
import type { MessageKey } from '#app/utils/i18n/i18n'

export type Refusal = { status: number; field: string | null; message: MessageKey }

/** A refusal whose message stands above the form (its key kept literal, so notices can check it). */
export const above = <Message extends MessageKey>(status: number, message: Message) => ({
  status,
  field: null,
  message,
})
