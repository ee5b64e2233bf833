// Owns the data the reliability checks start from, in the private database: migrated with the app's
// own migrator, then people, their sessions and the ideas they vote on, created directly through
// the domain code (the same factories the tests use) instead of signing in over HTTP.
import { closeDatabase, connection } from '#app/db/db.server'
import { migrateDatabase } from '#app/db/migrate.server'
import { createTestIdea, createTestUser, findCategory } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { getSettings } from '#app/domain/settings/settings.server'

export type Person = { id: number; cookie: string }
export type IdeaTarget = { id: number; authorId: number }

export type Population = {
  voters: Person[]
  /** People whose account reads Dutch: a signed-in person's pages are in their account's language. */
  dutchReaders: Person[]
  posters: Person[]
  commenters: Person[]
  voteIdeas: IdeaTarget[]
  discussionIdeas: IdeaTarget[]
  productCategoryId: number
  downVotesEnabled: boolean
}

export type PopulationSize = {
  voters: number
  posters: number
  commenters: number
  voteIdeas: number
  discussionIdeas: number
}

// Accounts a month old: neither pre-moderation for new accounts nor the burst rule holds their posts.
const MONTH_AGO = () => new Date(Date.now() - 30 * 24 * 60 * 60 * 1000)
const CHUNK = 10

export async function migrate() {
  await migrateDatabase(connection())
}

/** Runs `make` for 0..count-1, `CHUNK` at a time (fast, without flooding the pool). */
async function inChunks<T>(count: number, make: (index: number) => Promise<T>) {
  const made: T[] = []
  for (let start = 0; start < count; start += CHUNK) {
    const indexes = Array.from(
      { length: Math.min(CHUNK, count - start) },
      (_, offset) => start + offset,
    )
    made.push(...(await Promise.all(indexes.map(make))))
  }
  return made
}

async function createPeople(
  label: string,
  count: number,
  locale: 'en' | 'nl' = 'en',
): Promise<Person[]> {
  return inChunks(count, async (index) => {
    const user = await createTestUser({
      password: null,
      displayName: `${label} ${index + 1}`,
      email: `${label}-${index + 1}@reliability.test`,
      createdAt: MONTH_AGO(),
      locale,
    })
    const { cookie } = await startSession(user.id)
    return { id: user.id, cookie: cookie.split(';')[0]! }
  })
}

async function createIdeas(
  prefix: string,
  authors: Person[],
  count: number,
): Promise<IdeaTarget[]> {
  return inChunks(count, async (index) => {
    const author = authors[index % authors.length]!
    const idea = await createTestIdea({
      authorId: author.id,
      title: `${prefix} ${index + 1}: a reliability idea`,
      createdAt: MONTH_AGO(),
    })
    return { id: idea.id, authorId: author.id }
  })
}

export async function createPopulation(size: PopulationSize): Promise<Population> {
  const [voters, posters, commenters] = [
    await createPeople('voter', size.voters),
    await createPeople('poster', size.posters),
    await createPeople('commenter', size.commenters),
  ]
  const dutchReaders = await createPeople('lezer', 2, 'nl')
  // Some voters wrote the ideas they vote on (their own votes earn no points: the check covers that rule too).
  const voteIdeas = await createIdeas(
    'Vote target',
    voters.slice(0, Math.max(1, Math.ceil(size.voteIdeas / 2))),
    size.voteIdeas,
  )
  // Discussion ideas belong to posters, who get an email for every comment (the outbox load).
  const discussionIdeas = await createIdeas('Discussion', posters, size.discussionIdeas)
  const productCategoryId = (await findCategory({ kind: 'product' })).id
  const { downVotesEnabled } = await getSettings()
  return {
    voters,
    dutchReaders,
    posters,
    commenters,
    voteIdeas,
    discussionIdeas,
    productCategoryId,
    downVotesEnabled,
  }
}

export { closeDatabase }
