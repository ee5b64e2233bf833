// Event-loop batching: the calls made in one turn of the event loop go to the database together,
// as one statement. Under load that saves a round trip (and the database a statement) per call;
// alone, a call waits for nothing but the end of its turn. Used by the session lookups
// (accounts/sessions.server.ts) and the group commits of ballots (votes/votes.server.ts) and posts
// (ideas/posting.server.ts).

/** One call waiting in a batch: what it asked for, and how to answer it. */
export type Waiting<Item, Answer> = {
  item: Item
  resolve: (answer: Answer) => void
  reject: (error: unknown) => void
}

/**
 * Returns a function that queues its argument and answers once `handle` has answered it. `handle`
 * receives the calls of one turn (at most `maxBatch` at a time) and answers each one; should it
 * throw, every call of its batch still unanswered is rejected with that error, so nobody hangs.
 *
 * By default each turn's batch goes at once, even while earlier batches are still out. With
 * `oneBatchAtATime` (group commit), the calls that arrive while a batch is out wait for it to end
 * and then go together, as the next batch. With `batchesOut`, up to that many batches are out at once,
 * a key's calls never in two of them.
 */
export function batchPerTurn<Item, Answer>({
  handle,
  oneBatchAtATime = false,
  maxBatch = Number.POSITIVE_INFINITY,
  batchesOut,
}: {
  handle: (batch: Waiting<Item, Answer>[]) => Promise<void>
  oneBatchAtATime?: boolean
  maxBatch?: number
  /**
   * Group commit with up to `most` batches out at once: a call whose `keyOf` matches a call of a
   * batch still out waits for the next batch, so calls of one key are handled in the order made.
   */
  batchesOut?: { most: number; keyOf: (item: Item) => string | number }
}) {
  if (batchesOut) return batchesSideBySide({ handle, maxBatch, ...batchesOut })
  let waiting: Waiting<Item, Answer>[] = []
  // A flush is scheduled for the end of this turn, or (oneBatchAtATime) a batch is out.
  let busy = false

  async function handleBatch(batch: Waiting<Item, Answer>[]) {
    try {
      await handle(batch)
    } catch (error) {
      // Rejecting a call that was already answered does nothing.
      for (const call of batch) call.reject(error)
    }
  }

  async function flush() {
    if (!oneBatchAtATime) {
      const turn = waiting
      waiting = []
      busy = false
      const batches: Waiting<Item, Answer>[][] = []
      for (let start = 0; start < turn.length; start += maxBatch)
        batches.push(turn.slice(start, start + maxBatch))
      await Promise.all(batches.map(handleBatch))
      return
    }
    try {
      while (waiting.length) await handleBatch(waiting.splice(0, maxBatch))
    } finally {
      busy = false
    }
  }

  return function inTurn(item: Item) {
    const answer = new Promise<Answer>((resolve, reject) => waiting.push({ item, resolve, reject }))
    if (!busy) {
      busy = true
      setImmediate(() => void flush())
    }
    return answer
  }
}

/**
 * `batchPerTurn` kept apart for each database (or other object): the first call for one makes its
 * queue, so a process with two databases (tests) never mixes their calls in one batch.
 */
export function batchPerTurnOf<Of extends object, Item, Answer>(
  options: (of: Of) => Parameters<typeof batchPerTurn<Item, Answer>>[0],
) {
  const queues = new WeakMap<Of, (item: Item) => Promise<Answer>>()
  return (of: Of, item: Item) => {
    let queue = queues.get(of)
    if (!queue) queues.set(of, (queue = batchPerTurn(options(of))))
    return queue(item)
  }
}

/**
 * One read for every caller of one turn: `read` runs once at the end of the turn and each caller
 * gets its answer (the same object, frozen: callers cannot change it). The read starts after every one
 * of its callers asked, so whoever wrote before asking sees the write: nothing is kept past the turn.
 * Under load the loaders of the requests that arrive together share the site's settings, statuses
 * and tags instead of one statement each.
 */
export function sharedPerTurn<Answer>(read: () => Promise<Answer>) {
  const ask = batchPerTurn<null, Answer>({
    handle: async (batch) => {
      const answer = Object.freeze(await read())
      for (const call of batch) call.resolve(answer)
    },
  })
  return () => ask(null)
}

/** batchPerTurn with `batchesOut`: up to `most` batches out, one key's calls in one at a time. */
function batchesSideBySide<Item, Answer>({
  handle,
  maxBatch,
  most,
  keyOf,
}: {
  handle: (batch: Waiting<Item, Answer>[]) => Promise<void>
  maxBatch: number
  most: number
  keyOf: (item: Item) => string | number
}) {
  let waiting: Waiting<Item, Answer>[] = []
  let scheduled = false
  let out = 0
  // How many calls of each key are in the batches out.
  const keysOut = new Map<string | number, number>()

  function sendNext() {
    scheduled = false
    while (waiting.length > 0 && out < most) {
      const batch: Waiting<Item, Answer>[] = []
      const held: Waiting<Item, Answer>[] = []
      for (const call of waiting) {
        if (batch.length < maxBatch && !keysOut.has(keyOf(call.item))) batch.push(call)
        else held.push(call)
      }
      if (batch.length === 0) return
      waiting = held
      for (const call of batch) {
        const key = keyOf(call.item)
        keysOut.set(key, (keysOut.get(key) ?? 0) + 1)
      }
      out += 1
      void send(batch)
    }
  }

  async function send(batch: Waiting<Item, Answer>[]) {
    try {
      await handle(batch)
    } catch (error) {
      for (const call of batch) call.reject(error)
    } finally {
      out -= 1
      for (const call of batch) {
        const key = keyOf(call.item)
        const left = keysOut.get(key)! - 1
        if (left === 0) keysOut.delete(key)
        else keysOut.set(key, left)
      }
      sendNext()
    }
  }

  return function inTurn(item: Item) {
    const answer = new Promise<Answer>((resolve, reject) => waiting.push({ item, resolve, reject }))
    if (!scheduled) {
      scheduled = true
      setImmediate(sendNext)
    }
    return answer
  }
}
