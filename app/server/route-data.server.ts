// Every route's loader and action, wrapped once at start-up by what answers for the whole app: a
// database outage (database-outage.server.ts) and an address that cannot be read
// (unreadable-address.server.ts). Who is asking decides the shape of such an answer.
import type { ActionFunctionArgs, LoaderFunctionArgs, ServerBuild } from '@remix-run/node'

export type RouteModule = ServerBuild['routes'][string]['module']
export type DataFunction = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown

/** A page (rendered by the error boundaries), the API (JSON), or another resource route. */
export type Audience = 'page' | 'resource' | 'api'

export function audienceOf(request: Request, module: RouteModule): Audience {
  if (new URL(request.url).pathname.startsWith('/api/')) return 'api'
  return module.default ? 'page' : 'resource'
}

/** The same build with each route's loader and action replaced by `wrap(run, route)`. */
export function wrapRouteData(
  build: ServerBuild,
  wrap: (run: DataFunction, route: { id: string; module: RouteModule }) => DataFunction,
): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const loader = route.module.loader as DataFunction | undefined
      const action = route.module.action as DataFunction | undefined
      const module = {
        ...route.module,
        ...(loader ? { loader: wrap(loader, route) } : {}),
        ...(action ? { action: wrap(action, route) } : {}),
      } as RouteModule
      return [id, { ...route, module }]
    }),
  )
  return { ...build, routes }
}
