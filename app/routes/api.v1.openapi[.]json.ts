import { openApiDocument } from '#app/domain/api/openapi'
import { publicBaseUrl } from '#app/utils/env.server'
import { json } from '#app/utils/http/api.server'

export async function loader() {
  return json(openApiDocument(publicBaseUrl()), 200, { 'Cache-Control': 'public, max-age=300' })
}
