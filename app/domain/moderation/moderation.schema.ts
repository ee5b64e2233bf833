// Input schemas for the moderation queues: held ideas and reported content, one per button.
import { z } from 'zod'

import { idField } from '#app/utils/schemas'

const reason = z.string().trim().min(1, 'admin.reasonRequired').max(500, 'admin.reasonTooLong')

/** A held idea's "Approve": the idea. */
export const heldIdeaSchema = z.object({ ideaId: idField() })

/** A held idea's "Reject": the idea, and the reason its author is given. */
export const rejectHeldIdeaSchema = heldIdeaSchema.extend({ reason })

const reportedItem = { kind: z.enum(['idea', 'comment']), targetId: idField() }

/** The reported idea or comment, as the moderation commands name it. */
const targetOf = ({ kind, targetId }: { kind: 'idea' | 'comment'; targetId: number }) =>
  kind === 'comment' ? { commentId: targetId } : { ideaId: targetId }

/** A report's "Dismiss" and "Restore": the reported idea or comment. */
export const reportedItemSchema = z
  .object(reportedItem)
  .transform((item) => ({ target: targetOf(item) }))

/** A report's "Hide": the reported idea or comment, and the reason its author is given. */
export const hideReportedSchema = z
  .object({ ...reportedItem, reason })
  .transform(({ reason, ...item }) => ({ target: targetOf(item), reason }))
