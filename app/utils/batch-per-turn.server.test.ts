import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { batchPerTurn, sharedPerTurn, type Waiting } from './batch-per-turn.server'

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

function deferred() {
  let release!: () => void
  const promise = new Promise<void>((resolve) => (release = resolve))
  return { promise, release }
}

describe('batchPerTurn', () => {
  it('hands the calls of one turn of the event loop over together, and a lone call at once', async () => {
    const batches: number[][] = []
    const call = batchPerTurn<number, number>({
      handle: async (batch) => {
        batches.push(batch.map((waiting) => waiting.item))
        for (const waiting of batch) waiting.resolve(waiting.item * 2)
      },
    })
    expect(await Promise.all([call(1), call(2), call(3)])).toEqual([2, 4, 6])
    expect(await call(4)).toBe(8)
    expect(batches).toEqual([[1, 2, 3], [4]])
  })

  it('lets the next turn go at once while a batch is still out, by default', async () => {
    const out = deferred()
    const started: number[][] = []
    const call = batchPerTurn<number, number>({
      handle: async (batch) => {
        started.push(batch.map((waiting) => waiting.item))
        if (batch[0]!.item === 1) await out.promise
        for (const waiting of batch) waiting.resolve(waiting.item)
      },
    })
    const first = call(1)
    await nextTurn()
    const second = call(2)
    await nextTurn()
    expect(started).toEqual([[1], [2]])
    expect(await second).toBe(2)
    out.release()
    expect(await first).toBe(1)
  })

  it('keeps one batch out at a time when asked: who arrives meanwhile goes with the next, up to maxBatch', async () => {
    const out = deferred()
    const batches: number[][] = []
    const call = batchPerTurn<number, number>({
      oneBatchAtATime: true,
      maxBatch: 2,
      handle: async (batch: Waiting<number, number>[]) => {
        batches.push(batch.map((waiting) => waiting.item))
        if (batch[0]!.item === 1) await out.promise
        for (const waiting of batch) waiting.resolve(waiting.item)
      },
    })
    const answers = [call(1)]
    await nextTurn()
    answers.push(call(2))
    await nextTurn()
    answers.push(call(3), call(4))
    await nextTurn()
    expect(batches).toEqual([[1]])
    out.release()
    expect(await Promise.all(answers)).toEqual([1, 2, 3, 4])
    expect(batches).toEqual([[1], [2, 3], [4]])
    expect(await call(5)).toBe(5)
    expect(batches.at(-1)).toEqual([5])
  })

  it('rejects every call a failing batch left unanswered, keeps the answered ones, and carries on', async () => {
    for (const oneBatchAtATime of [false, true]) {
      let failing = true
      const call = batchPerTurn<number, number>({
        oneBatchAtATime,
        handle: async (batch) => {
          batch[0]!.resolve(batch[0]!.item)
          if (failing) throw new Error('the database went away')
          for (const waiting of batch) waiting.resolve(waiting.item)
        },
      })
      const results = await Promise.allSettled([call(1), call(2), call(3)])
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected'])
      failing = false
      expect(await Promise.all([call(4), call(5)])).toEqual([4, 5])
    }
  })
})

describe('batchPerTurn with batchesOut', () => {
  it('keeps at most `most` batches out, never one key in two of them, and answers each key in the order called', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Turns of calls, each call a key; and how many turns each batch stays out.
        fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 6 }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        async (turns, stays, most, maxBatch) => {
          type Call = { key: number; seq: number }
          const out = new Set<Call[]>()
          let sent = 0
          const handled: Call[] = []
          const call = batchPerTurn<Call, number>({
            maxBatch,
            batchesOut: { most, keyOf: (item) => item.key },
            handle: async (batch) => {
              const items = batch.map((waiting) => waiting.item)
              expect(items.length).toBeLessThanOrEqual(maxBatch)
              for (const other of out)
                for (const item of items)
                  expect(other.some((busy) => busy.key === item.key)).toBe(false)
              out.add(items)
              expect(out.size).toBeLessThanOrEqual(most)
              const stay = stays[sent++ % stays.length]!
              for (let turn = 0; turn < stay; turn += 1) await nextTurn()
              handled.push(...items)
              out.delete(items)
              for (const waiting of batch) waiting.resolve(waiting.item.seq)
            },
          })
          let seq = 0
          const answers: Promise<number>[] = []
          for (const turn of turns) {
            for (const key of turn) answers.push(call({ key, seq: seq++ }))
            await nextTurn()
          }
          expect(await Promise.all(answers)).toEqual(answers.map((_, index) => index))
          // Each key's calls were handled in the order they were made.
          for (const key of new Set(handled.map((item) => item.key))) {
            const order = handled.filter((item) => item.key === key).map((item) => item.seq)
            expect(order).toEqual([...order].sort((a, b) => a - b))
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it('sends a second batch while the first is out, holding back the calls of a key still out', async () => {
    const first = deferred()
    const batches: string[][] = []
    const call = batchPerTurn<string, string>({
      batchesOut: { most: 2, keyOf: (item) => item[0]! },
      handle: async (batch) => {
        batches.push(batch.map((waiting) => waiting.item))
        if (batch[0]!.item === 'a1') await first.promise
        for (const waiting of batch) waiting.resolve(waiting.item)
      },
    })
    const answers = [call('a1')]
    await nextTurn()
    answers.push(call('b1'), call('a2'))
    await nextTurn()
    expect(batches).toEqual([['a1'], ['b1']])
    first.release()
    expect(await Promise.all(answers)).toEqual(['a1', 'b1', 'a2'])
    expect(batches).toEqual([['a1'], ['b1'], ['a2']])
  })
})

describe('sharedPerTurn', () => {
  it('reads once for the callers of one turn, and again for a caller of a later turn', async () => {
    let stored = 'before'
    let reads = 0
    const read = sharedPerTurn(async () => {
      reads += 1
      return { value: stored }
    })
    const [first, second] = await Promise.all([read(), read()])
    expect(first).toBe(second)
    expect(reads).toBe(1)
    // A write made before asking is seen: nothing is kept past the turn.
    stored = 'after'
    expect((await read()).value).toBe('after')
    expect(reads).toBe(2)
  })

  it('hands out a frozen answer, so one caller cannot change what the others got', async () => {
    const read = sharedPerTurn(async () => [1, 2, 3])
    const answer = await read()
    expect(Object.isFrozen(answer)).toBe(true)
  })

  it('rejects every caller of the turn when the read fails, and reads again next turn', async () => {
    let fail = true
    const read = sharedPerTurn(async () => {
      if (fail) throw new Error('database away')
      return 'ok'
    })
    const results = await Promise.allSettled([read(), read()])
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected'])
    fail = false
    await nextTurn()
    expect(await read()).toBe('ok')
  })
})
