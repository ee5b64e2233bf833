// A request sent with its headers exactly as given (Host, Origin, Content-Length), which fetch will
// not send: for tests of what the HTTP layer does with headers a browser never writes.
import { request } from 'node:http'

/** The status of `method path` sent to 127.0.0.1:`port` with these headers as they are. */
export function rawStatus({
  port,
  path,
  method = 'GET',
  headers,
}: {
  port: number | string
  path: string
  method?: string
  headers: Record<string, string>
}) {
  return new Promise<number>((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path, method, headers }, (answer) => {
      answer.resume()
      resolve(answer.statusCode ?? 0)
    })
    sent.on('error', reject)
    sent.end()
  })
}
