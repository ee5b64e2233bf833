// The site's time zone (settings) in the back office: the admin layout's loader reads it once, and
// every time shown under /admin is formatted in it (formatDateTime's third argument).
import { useRouteLoaderData } from '@remix-run/react'

export function useSiteTimeZone(): string {
  const data = useRouteLoaderData<{ timeZone?: string }>('routes/admin')
  return data?.timeZone ?? 'UTC'
}
