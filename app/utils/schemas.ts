// Small zod building blocks shared by the form schemas.
import { z } from 'zod'

/** The largest value of a PostgreSQL `integer` column: ids above it cannot exist. */
export const MAX_DATABASE_ID = 2_147_483_647

/** A row id from a form or URL: a positive whole number that fits the database column. */
export function idField(message?: string) {
  return z.coerce
    .number(message ? { error: message } : undefined)
    .int(message)
    .positive(message)
    .max(MAX_DATABASE_ID, message)
}
