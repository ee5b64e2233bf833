// An address that is not valid percent-encoded UTF-8 (/ideas/%E0%A4%A, /ideas/1-%ff; issue 16)
// names nothing, so it is answered 400. A person gets the site's own error page in the full layout
// (header, their account menu, footer) in their language, as for a 404: the request still reaches
// Remix, marked by the load context, and every route's loader and action below the root refuses
// it (the root's loader still runs, so the layout has its data). The API gets its JSON error shape,
// other resource routes a plain sentence.
import type { ServerBuild } from '@remix-run/node'
import type express from 'express'

import { translator } from '#app/utils/i18n/i18n'
import { getLocale } from '#app/utils/i18n/i18n.server'

import { type Audience, audienceOf, wrapRouteData } from './route-data.server'

/** Can the path be read as text (every %XX sequence valid UTF-8)? */
function isReadablePath(path: string) {
  try {
    decodeURIComponent(path)
    return true
  } catch {
    return false
  }
}

/** The path with every `%` written as `%25`: readable text, naming the same routes. */
function escapedPercents(url: string) {
  const queryAt = url.indexOf('?')
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  return path.replaceAll('%', '%25') + (queryAt === -1 ? '' : url.slice(queryAt))
}

/**
 * Express middleware: marks a request whose path cannot be read (`res.locals.unreadableAddress`,
 * which the load context carries to the routes) and hands it on with its `%` escaped. Remix's
 * router cannot decode such a path and logged three warnings for each request, which let anyone
 * fill the logs; escaped, it matches the same routes, and their loaders answer 400 as before.
 */
export function markUnreadableAddresses(
  req: express.Request,
  res: express.Response,
  next: express.NextFunction,
) {
  if (!isReadablePath(req.path)) {
    res.locals.unreadableAddress = true
    req.originalUrl = escapedPercents(req.originalUrl)
    req.url = escapedPercents(req.url)
  }
  next()
}

function unreadableAddressResponse(audience: Audience, request: Request) {
  const locale = getLocale(request)
  if (audience === 'page')
    return new Response(JSON.stringify({ reason: 'unreadableAddress', locale }), {
      status: 400,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    })
  if (audience === 'api')
    return Response.json(
      { error: 'bad_request', message: 'The address or the request could not be read.' },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    )
  const t = translator(locale)
  return new Response(`${t('error.badRequestTitle')}. ${t('error.badRequestText')}`, {
    status: 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}

/** The same build with every loader and action below the root refusing an unreadable address. */
export function answerUnreadableAddressesWith400(build: ServerBuild): ServerBuild {
  return wrapRouteData(build, (run, route) =>
    route.id === 'root'
      ? run
      : (args) => {
          if (args.context.unreadableAddress)
            throw unreadableAddressResponse(audienceOf(args.request, route.module), args.request)
          return run(args)
        },
  )
}
