// The audit log's filters, read from the page's query string (a bad value is dropped, not an error).
import { z } from 'zod'

import { auditActions, auditTargetTypes } from './audit.rules'

const optionalId = z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined)
const optionalDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((day) => new Date(`${day}T00:00:00Z`))
  .refine((date) => !Number.isNaN(date.getTime()))
  .optional()
  .catch(undefined)

export const auditFiltersSchema = z.object({
  /** Where the page starts: the page before's `nextCursor` (its last entry's time and id). */
  cursor: z.string().max(200).optional().catch(undefined),
  /** Going back: the page ends before this one (the next page's `previousCursor`, its first entry). */
  before: z.string().max(200).optional().catch(undefined),
  actorId: optionalId,
  action: z.enum(auditActions).optional().catch(undefined),
  targetType: z.enum(auditTargetTypes).optional().catch(undefined),
  targetId: optionalId,
  from: optionalDay,
  to: optionalDay,
})
export type AuditFilters = z.infer<typeof auditFiltersSchema>

/** The filters from a URL's search params (empty fields are absent). */
export function auditFiltersFrom(params: URLSearchParams): AuditFilters {
  const raw: Record<string, string> = {}
  for (const [key, value] of params) if (value !== '') raw[key] = value
  return auditFiltersSchema.parse(raw)
}
