// Input schemas for the back office promises page: targets per kind and channel, the working calendar.
import { z } from 'zod'

import { channels } from '#app/domain/channels/channels'
import { idField } from '#app/utils/schemas'

export const promiseSchema = z.object({
  id: idField(),
  targetDays: z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : Number(value)))
    .pipe(
      z
        .number()
        .int('admin.promises.daysInvalid')
        .min(1, 'admin.promises.daysInvalid')
        .max(365, 'admin.promises.daysInvalid')
        .nullable(),
    ),
  active: z
    .string()
    .optional()
    .transform((value) => value === 'on'),
})

export const channelPromiseSchema = z.object({
  channel: z.enum(channels, { error: 'intake.channelRequired' }),
  targetDays: z.coerce
    .number({ error: 'admin.promises.daysInvalid' })
    .int('admin.promises.daysInvalid')
    .min(1, 'admin.promises.daysInvalid')
    .max(365, 'admin.promises.daysInvalid'),
})

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'admin.promises.timeInvalid')
export const calendarSchema = z
  .object({
    timeZone: z.string().refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone })
        return true
      } catch {
        return false
      }
    }, 'admin.promises.zoneInvalid'),
    dayStart: time,
    dayEnd: time,
  })
  .refine((calendar) => calendar.dayEnd > calendar.dayStart, {
    path: ['dayEnd'],
    message: 'admin.promises.dayEndBeforeStart',
  })

export const holidaySchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'admin.promises.dateInvalid'),
  name: z.string().trim().max(60, 'admin.nameTooLong').default(''),
})
