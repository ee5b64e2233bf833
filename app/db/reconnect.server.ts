// How fast a postgres.js pool tries again after its database went away (an outage, a restart).

/**
 * Seconds postgres.js waits before reconnecting after `failures` failed attempts in a row. Its
 * default grows as 3^n/100 s up to 20 s, so after a ten-second outage an instance went on failing
 * for up to twenty seconds more, and requests queued for a connection meanwhile waited that long
 * for their 503. Capped at 1 s (with jitter, so a pool does not retry in step), requests get their
 * answer within a few seconds while the database is away and succeed again within about a second
 * of its return; a refused connection attempt costs the database server next to nothing.
 */
export function reconnectDelaySeconds(failures: number) {
  return Math.min(0.05 * 2 ** failures, 1) * (0.5 + Math.random() / 2)
}
