// Contributor points: one per up-vote other people give your ideas, ten per idea of yours the team
// implemented. Down-votes do not take points away: points reward contributing, not agreeing.
export const POINTS_PER_VOTE = 1
export const POINTS_PER_IMPLEMENTED_IDEA = 10

export const leaderboardPeriods = ['month', 'all'] as const
export type LeaderboardPeriod = (typeof leaderboardPeriods)[number]

/** The calendar month (UTC) a moment belongs to, as the `YYYY-MM` period key. */
export function monthPeriod(at: Date) {
  return at.toISOString().slice(0, 7)
}

/** The period key stored for a leaderboard choice at a moment. */
export function periodKey(period: LeaderboardPeriod, now = new Date()) {
  return period === 'all' ? 'all' : monthPeriod(now)
}
