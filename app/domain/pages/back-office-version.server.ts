// What every back-office page of the team (moderators) shows around its own content, as a version
// statement's columns (decisions 042, 043): the counts the navigation shows (the queue, open reports,
// ideas waiting for approval) through the same SQL as the layout's loader, and the team an idea can
// be assigned to, as listTeam reads it.
import { sql } from 'drizzle-orm'

import { users } from '#app/db/schema'
import { heldIdeasCount, openReportsCount } from '#app/domain/moderation/moderation.server'
import { mentionableRoles } from '#app/domain/triage/triage.rules'
import { triageCount } from '#app/domain/triage/triage.server'

const roles = sql.raw(mentionableRoles.map((role) => `'${role}'`).join(', '))

export const backOfficeColumns = {
  counts: sql<string>`concat_ws(':', ${triageCount}, ${openReportsCount}, ${heldIdeasCount})`,
  team: sql<string | null>`(select string_agg(concat_ws(':', t.id, t.display_name, t.handle), ','
        order by t.display_name, t.id)
      from ${users} t where t.role in (${roles}))`,
}
