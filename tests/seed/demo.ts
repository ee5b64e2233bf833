// TEMPORARY: replaced by the full demo data set.
import type { Executor } from '#app/db/db.server'
import { createTestIdea, createTestUser } from '#tests/factories'

export const DEMO_PASSWORD = 'ideabox-demo-2026'
export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.ideabox.test', role: 'admin', displayName: 'Alex Admin' },
] as const

export async function seedDemo({ executor }: { executor: Executor }) {
  const admin = await createTestUser({ email: 'admin@demo.ideabox.test', displayName: 'Alex Admin', role: 'admin', password: DEMO_PASSWORD, executor })
  await createTestIdea({ authorId: admin.id, title: 'Oat milk at no extra charge', executor })
  return { users: 1, ideas: 1, votes: 1, comments: 0 }
}
