// Test data builders, shared by the tests and the demo seed. Each takes overrides and fills the rest.
import { eq, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import {
  categories,
  comments,
  follows,
  type IdeaKind,
  ideas,
  type Locale,
  type Role,
  votes,
} from '#app/db/schema'
import { createUser } from '#app/domain/accounts/accounts.server'
import { createIdea, recountIdeas } from '#app/domain/ideas/ideas.server'

let sequence = 0
/** A value unique within this process (and, with the pid, across parallel test workers). */
export function unique(prefix = 'x') {
  sequence += 1
  return `${prefix}-${process.pid}-${sequence}-${Math.random().toString(36).slice(2, 7)}`
}

export const TEST_PASSWORD = 'correct horse battery staple'

export async function createTestUser({
  email,
  displayName,
  role = 'customer',
  locale = 'en',
  password = TEST_PASSWORD,
  createdAt,
  executor = db(),
}: {
  email?: string
  displayName?: string
  role?: Role
  locale?: Locale
  /** null: an account that cannot sign in with a password (fast to create). */
  password?: string | null
  createdAt?: Date
  executor?: Executor
} = {}) {
  const name = displayName ?? `Tester ${unique('u').slice(-5)}`
  return createUser({
    email: email ?? `${unique('user')}@example.test`,
    displayName: name,
    password,
    role,
    locale,
    createdAt,
    executor,
  })
}

export async function findCategory({
  kind = 'product',
  slug,
  executor = db(),
}: { kind?: IdeaKind; slug?: string; executor?: Executor } = {}) {
  const rows = await executor
    .select()
    .from(categories)
    .where(
      slug
        ? sql`${categories.kind} = ${kind} and ${categories.slug} = ${slug}`
        : eq(categories.kind, kind),
    )
    .limit(1)
  const category = rows[0]
  if (!category) throw new Error(`No category ${kind}/${slug ?? '*'}`)
  return category
}

export async function createTestIdea({
  authorId,
  kind = 'product',
  categorySlug,
  title,
  description = 'A short description of the idea, written for the tests.',
  statusSlug = 'new',
  createdAt,
  statusChangedAt,
  heldReason,
  executor = db(),
}: {
  authorId?: number
  kind?: IdeaKind
  categorySlug?: string
  title?: string
  description?: string
  statusSlug?: string
  createdAt?: Date
  statusChangedAt?: Date
  heldReason?: string
  executor?: Executor
} = {}) {
  const author = authorId ?? (await createTestUser({ password: null, executor })).id
  const category = await findCategory({ kind, slug: categorySlug, executor })
  return createIdea({
    authorId: author,
    kind,
    categoryId: category.id,
    title: title ?? `Idea ${unique('i')}`,
    description,
    statusSlug,
    createdAt,
    statusChangedAt,
    heldReason,
    executor,
  })
}

/**
 * Adds votes and comments in bulk, then recounts the ideas' counters from the rows, for seeds and
 * tests that need realistic data fast. Application code casts votes through the votes domain.
 */
export async function addActivity({
  votes: voteRows = [],
  comments: commentRows = [],
  executor = db(),
}: {
  votes?: { ideaId: number; userId: number; value: 1 | -1; createdAt?: Date }[]
  comments?: {
    ideaId: number
    authorId: number
    body: string
    parentId?: number
    createdAt?: Date
  }[]
  executor?: Executor
}) {
  const inserted: { id: number }[] = []
  if (voteRows.length) {
    await executor
      .insert(votes)
      .values(voteRows.map((vote) => ({ ...vote, updatedAt: vote.createdAt })))
      .onConflictDoNothing()
  }
  for (const comment of commentRows) {
    const [row] = await executor.insert(comments).values(comment).returning({ id: comments.id })
    inserted.push(row!)
  }
  // Voters and commenters follow the idea, as they do through the app.
  const followRows = [
    ...voteRows.map((v) => ({ ideaId: v.ideaId, userId: v.userId })),
    ...commentRows.map((c) => ({ ideaId: c.ideaId, userId: c.authorId })),
  ]
  if (followRows.length) await executor.insert(follows).values(followRows).onConflictDoNothing()
  const ideaIds = [
    ...new Set([...voteRows.map((v) => v.ideaId), ...commentRows.map((c) => c.ideaId)]),
  ]
  if (ideaIds.length) await recountIdeas({ ideaIds, executor })
  return { commentIds: inserted.map((row) => row.id) }
}

export async function getIdeaRow(id: number, executor: Executor = db()) {
  const [row] = await executor.select().from(ideas).where(eq(ideas.id, id))
  return row
}
