// `npm run db:seed:large`: fills the configured database with the large benchmark data set (see
// large-data.server.ts), then prints the time per step, a consistency check and what the benchmark
// aims at (ids, accounts, search words).
import { parseArgs } from 'node:util'

import { sql } from 'drizzle-orm'

import { closeDatabase, connection } from '#app/db/db.server'
import { migrateDatabase } from '#app/db/migrate.server'
import { queryRows } from '#app/db/sql.server'

import {
  checkLargeData,
  LARGE_DATA_PASSWORD,
  LARGE_DATA_SEARCH_WORDS,
  largeDataEmail,
  largeDataLandmarks,
  largeDataSize,
  seedLargeData,
} from './large-data.server'

const usage = `Usage: npm run db:seed:large -- [--scale <f>] [--reset]

Loads a large, reproducible data set into the configured database (DATABASE_URL, or PGlite in
PGLITE_DATA_DIR): at scale 1, 20,000 people, 100,000 ideas, 1,000,000 votes, 200,000 comments,
their follows, the team's answers and contributor points, spread over the two years up to now.

  --scale <f>  size relative to the full set (default 1; 0.05 = 5,000 ideas, 50,000 votes, …)
  --reset      start from an empty database: drops the public schema (every table and all data,
               reference data included), migrates again, then loads. Without it, a database that
               already has ideas is left alone.
  --help       this text

Every account signs in with the password "${LARGE_DATA_PASSWORD}": customers are
${largeDataEmail(1)} … and staff ${largeDataEmail(1, 'admin')}, ${largeDataEmail(1, 'moderator')}, …`

function parseOptions() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) return { help: true as const }
  const scale = Number(values.scale)
  largeDataSize(scale) // throws on a scale out of range, before anything is touched
  return { help: false as const, scale, reset: values.reset }
}

async function countIdeas() {
  const [row] = await queryRows<{ total: number }>(
    connection().db,
    sql`select count(*)::int as total from ideas`,
  )
  return Number(row?.total ?? 0)
}

/** Like `npm run db:reset`: an empty public schema, migrated again. */
async function resetDatabase() {
  const { db } = connection()
  await db.execute(sql`drop schema if exists drizzle cascade`)
  await db.execute(sql`drop schema public cascade`)
  await db.execute(sql`create schema public`)
  await migrateDatabase(connection())
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`

async function main() {
  const options = parseOptions()
  if (options.help) {
    console.log(usage)
    return
  }
  const current = connection()
  const started = performance.now()
  console.log(
    `Large data set at scale ${options.scale} into ${current.driver}: ${current.location}`,
  )
  await migrateDatabase(current)
  if (options.reset) {
    await resetDatabase()
    console.log(`  reset and migrated                 ${seconds(started).padStart(8)}`)
  } else if ((await countIdeas()) > 0) {
    console.error(
      'The database already has ideas; nothing loaded. Add --reset to empty it first (see --help).',
    )
    process.exitCode = 1
    return
  }

  const loading = performance.now()
  const result = await seedLargeData(current.db, { scale: options.scale, log: console.log })
  console.log(`  loaded in one transaction          ${seconds(loading).padStart(8)}`)
  const vacuuming = performance.now()
  // Sets hint bits and the visibility map, as autovacuum would soon: the benchmark then measures a
  // settled database, and index-only scans work.
  await current.db.execute(
    sql`vacuum (analyze) users, ideas, votes, comments, follows, idea_responses, contributor_points, audit_log`,
  )
  console.log(`  vacuum analyze                     ${seconds(vacuuming).padStart(8)}`)
  console.log(
    `Total: ${seconds(started)} (${result.size.users} people, ${result.size.ideas} ideas, ${result.size.votes} votes, ${result.size.comments} comments, ${result.follows} follows)`,
  )

  const checking = performance.now()
  const report = await checkLargeData(current.db)
  const mismatches = Object.values(report).reduce((sum, count) => sum + count, 0)
  console.log(`\nConsistency check (${seconds(checking)}): ${mismatches} mismatches`)
  for (const [name, count] of Object.entries(report)) console.log(`  ${name.padEnd(24)} ${count}`)

  const landmarks = await largeDataLandmarks(current.db)
  console.log('\nRows:', landmarks.counts)
  console.log('Ideas with about 50 comments:', landmarks.ideasWithAbout50Comments.join(', '))
  console.log(
    'Most voted ideas:',
    landmarks.mostVotedIdeas
      .map((idea) => `${idea.id} (score ${idea.score}, ${idea.comments} comments)`)
      .join(', '),
  )
  console.log(
    'Search words (public ideas found):',
    landmarks.searchWordMatches,
    LARGE_DATA_SEARCH_WORDS,
  )
  const unmatched = Object.entries(landmarks.searchWordMatches).filter(([, total]) => total === 0)
  if (unmatched.length > 0)
    console.error(
      `No public idea matches ${unmatched.map(([word]) => word).join(', ')}: the search scenarios would measure nothing.`,
    )
  if (mismatches > 0 || unmatched.length > 0) process.exitCode = 1
}

try {
  await main()
} finally {
  await closeDatabase()
}
