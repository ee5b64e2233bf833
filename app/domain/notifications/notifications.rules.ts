// What a notification says in the app, chosen from what it is about as it stands now.
import type { MessageKey } from '#app/utils/i18n/i18n'

const messages: Record<string, MessageKey> = {
  received: 'notifications.received',
  comment: 'notifications.comment',
  reply: 'notifications.reply',
  status: 'notifications.statusTo',
  response: 'notifications.response',
  update: 'notifications.update',
  mention: 'notifications.mention',
  hidden: 'notifications.hidden',
}

/** The message for a notification; an acknowledgement of an idea withdrawn since promises nothing. */
export function notificationMessage({ type, ideaWithdrawn }: { type: string; ideaWithdrawn?: boolean | null }): MessageKey {
  if (type === 'received' && ideaWithdrawn) return 'notifications.receivedWithdrawn'
  return messages[type] ?? 'notifications.comment'
}
