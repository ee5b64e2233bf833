import type { LoaderFunctionArgs } from '@remix-run/node'
import { getImage } from '#app/domain/updates/updates.server'
import { idField } from '#app/utils/schemas'

/** Uploaded images. An id never changes content, so browsers and proxies may keep them for a year. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = idField().safeParse(params.imageId).data
  const image = id ? await getImage({ id }) : undefined
  if (!image) throw new Response('Not found', { status: 404 })
  const etag = `"image-${id}"`
  const headers = {
    'Content-Type': image.contentType,
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: etag,
  }
  if (request.headers.get('If-None-Match') === etag) return new Response(null, { status: 304, headers })
  return new Response(new Uint8Array(image.bytes), { status: 200, headers: { ...headers, 'Content-Length': String(image.bytes.byteLength) } })
}
