// Input schemas for the moderation queues: held ideas and reported content.
import { z } from 'zod'

import { idField } from '#app/utils/schemas'

export const approvalDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), ideaId: idField() }),
  z.object({
    intent: z.literal('reject'),
    ideaId: idField(),
    reason: z.string().trim().min(1, 'admin.reasonRequired').max(500, 'admin.reasonTooLong'),
  }),
])

export const reportActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('dismiss'),
    kind: z.enum(['idea', 'comment']),
    targetId: idField(),
  }),
  z.object({
    intent: z.literal('restore'),
    kind: z.enum(['idea', 'comment']),
    targetId: idField(),
  }),
  z.object({
    intent: z.literal('hide'),
    kind: z.enum(['idea', 'comment']),
    targetId: idField(),
    reason: z.string().trim().min(1, 'admin.reasonRequired').max(500, 'admin.reasonTooLong'),
  }),
])
