// TEMPORARY: replaced by the full demo data set.
import type { Executor } from '#app/db/db.server'
import { createTestIdea, createTestUser } from '#tests/factories'

export const DEMO_PASSWORD = 'ideabox-demo-2026'
export const DEMO_ACCOUNTS = [
  { email: 'customer@demo.ideabox.test', role: 'customer', displayName: 'Casey Jansen' },
  { email: 'moderator@demo.ideabox.test', role: 'moderator', displayName: 'Morgan Vos' },
  { email: 'marketer@demo.ideabox.test', role: 'marketer', displayName: 'Mila de Boer' },
  { email: 'admin@demo.ideabox.test', role: 'admin', displayName: 'Alex Admin' },
] as const

export async function seedDemo({ executor }: { executor: Executor }) {
  const people = []
  for (const account of DEMO_ACCOUNTS) people.push(await createTestUser({ ...account, password: DEMO_PASSWORD, executor }))
  await createTestIdea({ authorId: people[0]!.id, title: 'Oat milk at no extra charge', executor })
  return { users: people.length, ideas: 1, votes: 1, comments: 0 }
}
