// A per-instance cache for expensive reads that may be a little old: the home page's totals, the
// promise figures, an idea's related ideas. A value is served for up to `maxAgeMs`; after that the
// old value is served at once while one refresh runs, so nobody waits for a recount the cache
// already has an answer for. Nothing in it is needed by another instance: a miss just reads.
export function staleWhileRevalidate<Value>({
  maxAgeMs,
  maxEntries = 1000,
  now = () => Date.now(),
}: {
  maxAgeMs: number
  /** Beyond this many keys the oldest are forgotten. */
  maxEntries?: number
  now?: () => number
}) {
  const entries = new Map<string, { value: Value; loadedAt: number }>()
  const loading = new Map<string, Promise<Value>>()

  function refresh(key: string, load: () => Promise<Value>) {
    let pending = loading.get(key)
    if (!pending) {
      pending = load()
        .then((value) => {
          entries.delete(key)
          entries.set(key, { value, loadedAt: now() })
          for (const oldest of entries.keys()) {
            if (entries.size <= maxEntries) break
            entries.delete(oldest)
          }
          return value
        })
        .finally(() => loading.delete(key))
      loading.set(key, pending)
    }
    return pending
  }

  /** The value for `key`: cached, or loaded once by `load` however many callers ask meanwhile. */
  async function get(key: string, load: () => Promise<Value>): Promise<Value> {
    const entry = entries.get(key)
    if (!entry) return refresh(key, load)
    if (now() - entry.loadedAt >= maxAgeMs) {
      // A failed refresh keeps the old value; the next caller tries again.
      refresh(key, load).catch(() => {})
    }
    return entry.value
  }
  /**
   * Until when `key`'s value is given unchanged (ms): until it is due to be loaded again (0 when
   * none is kept). A page kept with the value is kept no longer (decision 040).
   */
  get.unchangedUntil = (key: string) => {
    const entry = entries.get(key)
    return entry ? entry.loadedAt + maxAgeMs : 0
  }
  return get
}
