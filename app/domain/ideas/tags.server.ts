// Reading tags: every tag (for filters and the back office) and an idea's own. Staff create and set
// them through triage (triage.server.ts); customers see only the public ones.
import { and, asc, eq, sql } from 'drizzle-orm'

import { referenceData } from '#app/db/reference-data.server'
import { ideaTags, tags } from '#app/db/schema'
import { preparedRead } from '#app/db/sql.server'

/** Every tag, kept until the reference data changes (db/reference-data.server.ts). */
const everyTag = preparedRead((database) =>
  database.select().from(tags).orderBy(asc(tags.nameEn)).prepare('every_tag'),
)
export const listTags = referenceData((database) => everyTag(database).execute())

/** Tags on an idea; public ones only unless staff asks. */
export async function tagsOfIdea({
  ideaId,
  includePrivate,
}: {
  ideaId: number
  includePrivate: boolean
}) {
  return (includePrivate ? everyTagOfIdea : publicTagsOfIdea)().execute({ ideaId })
}

const tagsOfIdeaRead = (includePrivate: boolean) =>
  preparedRead((database) =>
    database
      .select({
        id: tags.id,
        slug: tags.slug,
        nameEn: tags.nameEn,
        nameNl: tags.nameNl,
        isPublic: tags.isPublic,
      })
      .from(ideaTags)
      .innerJoin(tags, eq(tags.id, ideaTags.tagId))
      .where(
        and(
          eq(ideaTags.ideaId, sql.placeholder('ideaId')),
          includePrivate ? undefined : eq(tags.isPublic, true),
        ),
      )
      .orderBy(asc(tags.nameEn))
      .prepare(includePrivate ? 'tags_of_idea' : 'public_tags_of_idea'),
  )
const everyTagOfIdea = tagsOfIdeaRead(true)
const publicTagsOfIdea = tagsOfIdeaRead(false)
