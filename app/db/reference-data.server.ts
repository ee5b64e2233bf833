// Reference data — statuses, categories, tags, site settings — is read by nearly every page and
// changed by an admin a few times a month. Each instance keeps the rows it read, with the version
// they were read at (the `reference_version` row, which a trigger on each of those tables sets in
// the writing transaction: drizzle/0031_reference_version.sql). A request reads the version (one
// tiny statement, shared by every request of the same event-loop turn) and reads the rows again only
// when it changed. So nothing is kept that another instance would need, and no page shows rows older
// than the last change committed before it asked (docs/decisions/036).
import { sharedPerTurn } from '#app/utils/batch-per-turn.server'

import { type Database, db } from './db.server'
import { referenceVersion } from './schema'
import { preparedRead } from './sql.server'

const versionRead = preparedRead((database) =>
  database
    .select({ version: referenceVersion.version })
    .from(referenceVersion)
    .prepare('reference_version'),
)

/** The reference data's version now; read once per event-loop turn for all who ask in it. */
const currentVersion = sharedPerTurn(async () => {
  const [row] = await versionRead().execute()
  return row?.version ?? null
})

/** Rows every request shares are frozen: a caller changing one would change it for everyone. */
function frozen<Value>(value: Value): Value {
  if (Array.isArray(value)) for (const row of value) Object.freeze(row)
  return Object.freeze(value)
}

type Kept<Value> = { version: bigint; value: Promise<Value> }

/**
 * `read` (reference rows, for the app's database) kept per database and answered again until the
 * reference version changes. Without a version row (a database the migration did not reach) every
 * call reads afresh. A failed read is not kept.
 */
export function referenceData<Value>(read: (database: Database) => Promise<Value>) {
  const kept = new WeakMap<Database, Kept<Value>>()
  return async (): Promise<Value> => {
    const database = db()
    const version = await currentVersion()
    if (version === null) return read(database)
    const hit = kept.get(database)
    if (hit && hit.version === version) return hit.value
    // Rows read now are at least as new as `version`: a later change moves the version on.
    const value = read(database).then(frozen)
    const entry = { version, value }
    kept.set(database, entry)
    value.catch(() => {
      if (kept.get(database) === entry) kept.delete(database)
    })
    return value
  }
}
