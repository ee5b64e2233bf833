// How a status is shown beside an idea (its badge), as one selection: every query that shows ideas
// with their status joined in (`statuses` on `ideas.status_id`) spreads it, so a badge reads the
// same everywhere (the StatusDisplay type in ideas.rules.ts).
import { statuses } from '#app/db/schema'

export const statusDisplayColumns = {
  statusSlug: statuses.slug,
  statusNameEn: statuses.nameEn,
  statusNameNl: statuses.nameNl,
  statusColor: statuses.color,
}
