import postgres from 'postgres'
import { describe, expect, it } from 'vitest'

import { isDatabaseUnavailableError } from '#app/utils/database-errors.server'

import { postgresClientOptions } from './db.server'

// When the server drops a connection in the middle of a transaction (a restart, a failover, an
// administrator), postgres.js 3.4.9 sent the transaction's ROLLBACK to the dead socket from a
// setImmediate and threw "Cannot read properties of null (reading 'write')" where nothing can
// catch it: the whole instance died (porsager/postgres#1066, #1154, #1208). The patch in
// patches/postgres+3.4.9.patch refuses such writes instead; this test fails without it.
describe.skipIf(!process.env.DATABASE_URL)('a PostgreSQL connection lost mid-transaction', () => {
  it('fails the transaction with a connection error and leaves the process and the pool working', async () => {
    const client = postgres(process.env.DATABASE_URL!, postgresClientOptions(2))
    const administrator = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} })
    try {
      for (let round = 0; round < 5; round += 1) {
        const failure = await client
          .begin(async (tx) => {
            const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`
            await administrator`select pg_terminate_backend(${row!.pid})`
            await tx`select pg_sleep(0.05)`
          })
          .then(
            () => null,
            (error: unknown) => error,
          )
        expect(isDatabaseUnavailableError(failure)).toBe(true)
        // Give a deferred write its turn: unpatched, the process dies here.
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const [after] = await client<{ ok: number }[]>`select 1 as ok`
      expect(after?.ok).toBe(1)
    } finally {
      await client.end({ timeout: 5 })
      await administrator.end({ timeout: 5 })
    }
  })
})
