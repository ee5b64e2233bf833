// Working-day arithmetic in the site's time zone: when is "within 5 working days" of a moment?
// Pure functions over Intl (no date library): weekends, holidays, working hours and DST are handled
// by converting between UTC instants and wall-clock dates in the zone.

export type WorkingCalendar = {
  timeZone: string
  /** ISO weekday numbers that are working days: 1 = Monday … 7 = Sunday. */
  workingDays: number[]
  /** Local wall-clock start and end of a working day, "HH:MM". */
  dayStart: string
  dayEnd: string
  /** Local dates that are not working days, "YYYY-MM-DD". */
  holidays: string[]
}

export const defaultCalendar: WorkingCalendar = {
  timeZone: 'Europe/Amsterdam',
  workingDays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '17:00',
  holidays: [],
}

type LocalDate = { year: number; month: number; day: number }

const partsCache = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string) {
  let format = partsCache.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    partsCache.set(timeZone, format)
  }
  return format
}

/** The wall-clock date and time of an instant in a zone. */
export function localParts(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  )
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  }
}

/** The zone's offset from UTC at an instant, in minutes. */
function offsetMinutes(instant: Date, timeZone: string) {
  const local = localParts(instant, timeZone)
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
  )
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000)
}

/** The instant a wall-clock time in the zone names (the later one when a DST change repeats it). */
export function zonedToInstant({ year, month, day }: LocalDate, time: string, timeZone: string) {
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  const guess = Date.UTC(year, month - 1, day, hour, minute)
  // Two passes: the offset at the guess, then at the corrected instant (DST edges).
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60_000
  const second = guess - offsetMinutes(new Date(first), timeZone) * 60_000
  return new Date(second)
}

export function isoDate({ year, month, day }: LocalDate) {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function nextDate({ year, month, day }: LocalDate): LocalDate {
  const next = new Date(Date.UTC(year, month - 1, day + 1))
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }
}

function isoWeekday({ year, month, day }: LocalDate) {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return weekday === 0 ? 7 : weekday
}

function isWorkingDay(date: LocalDate, calendar: WorkingCalendar) {
  return (
    calendar.workingDays.includes(isoWeekday(date)) && !calendar.holidays.includes(isoDate(date))
  )
}

/**
 * The deadline for "within `days` working days" of `start`: the end of the working day that is the
 * `days`-th working day after the day the message counts as received. Something that arrives after
 * hours, on a weekend or a holiday counts as received on the next working day.
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  const local = localParts(start, calendar.timeZone)
  let date: LocalDate = { year: local.year, month: local.month, day: local.day }
  const minutes = local.hour * 60 + local.minute
  const [endHour, endMinute] = calendar.dayEnd.split(':').map(Number) as [number, number]
  const afterHours = minutes >= endHour * 60 + endMinute
  if (!isWorkingDay(date, calendar) || afterHours) {
    do date = nextDate(date)
    while (!isWorkingDay(date, calendar))
  }
  let counted = 0
  while (counted < days) {
    date = nextDate(date)
    if (isWorkingDay(date, calendar)) counted++
  }
  return zonedToInstant(date, calendar.dayEnd, calendar.timeZone)
}

/** Working days between two instants (whole days, by local date), for "answered in 2 working days". */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar) {
  const start = localParts(from, calendar.timeZone)
  const end = localParts(to, calendar.timeZone)
  let date: LocalDate = { year: start.year, month: start.month, day: start.day }
  const last = isoDate({ year: end.year, month: end.month, day: end.day })
  let count = 0
  for (let guard = 0; isoDate(date) < last && guard < 3660; guard++) {
    date = nextDate(date)
    if (isWorkingDay(date, calendar)) count++
  }
  return count
}
