import type { LoaderFunctionArgs } from '@remix-run/node'

import { isImageToken } from '#app/domain/updates/updates.rules'
import { getImage } from '#app/domain/updates/updates.server'
import { getOptionalUser } from '#app/utils/http/permissions.server'

/**
 * Uploaded images, at unguessable addresses. A token never changes content, so a published
 * update's cover may be kept by browsers and proxies for a year; a draft's only by the browser of
 * the marketer or admin looking at it.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const token = params.imageToken
  if (!isImageToken(token)) throw new Response('Not found', { status: 404 })
  const image = await getImage({ token, viewer: await getOptionalUser(request) })
  if (!image.ok) throw new Response('Not found', { status: 404 })
  const etag = `"image-${token}"`
  const headers = {
    'Content-Type': image.contentType,
    'Cache-Control': image.shared ? 'public, max-age=31536000, immutable' : 'private, no-store',
    ETag: etag,
  }
  if (request.headers.get('If-None-Match') === etag)
    return new Response(null, { status: 304, headers })
  return new Response(new Uint8Array(image.bytes), {
    status: 200,
    headers: { ...headers, 'Content-Length': String(image.bytes.byteLength) },
  })
}
