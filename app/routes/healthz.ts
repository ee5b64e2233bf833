import { checkDatabase } from '#app/db/health.server'

/** For load balancers: 200 when this instance can reach its database, 503 when it cannot. */
export async function loader() {
  const database = await checkDatabase()
  return Response.json(
    { status: database.ok ? 'ok' : 'unavailable', database },
    { status: database.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  )
}
