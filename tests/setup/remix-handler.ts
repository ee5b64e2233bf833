// Remix's own request handling (action, then the page's loaders, redirects and status) around a few
// route modules, without building the app: what a browser without JavaScript gets for a request.
// The page is not rendered; its "HTML" is the action's result as JSON, enough to see what was kept.
import { type AppLoadContext, createRequestHandler, type ServerBuild } from '@remix-run/node'

import * as root from '#app/root'

import { buildSettings } from './app-build'
import { makeContext } from './request'

type RouteModule = Record<string, unknown>

/** Routes by id; `parentId` nests one in a layout route (default: the root). */
export function remixHandler(
  routes: Record<
    string,
    { path?: string; index?: boolean; parentId?: string; module: RouteModule }
  >,
) {
  const build = {
    mode: 'production',
    entry: {
      module: {
        default: (
          _request: Request,
          status: number,
          headers: Headers,
          context: { staticHandlerContext: { actionData: unknown } },
        ) =>
          new Response(JSON.stringify({ actionData: context.staticHandlerContext.actionData }), {
            status,
            headers,
          }),
      },
    },
    routes: {
      root: { id: 'root', path: '', module: root },
      ...Object.fromEntries(
        Object.entries(routes).map(([id, route]) => [
          id,
          {
            id,
            parentId: route.parentId ?? 'root',
            path: route.path,
            index: route.index,
            module: route.module,
          },
        ]),
      ),
    },
    assets: {
      entry: { module: '/build/entry.js', imports: [] },
      routes: {},
      url: '/build/manifest.js',
      version: 'test',
    },
    ...buildSettings,
  } as unknown as ServerBuild
  const handle = createRequestHandler(build, 'production')
  return (request: Request, context: Partial<AppLoadContext> = {}) =>
    handle(request, makeContext(context))
}
