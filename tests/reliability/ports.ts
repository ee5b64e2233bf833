// Owns finding free TCP ports on 127.0.0.1 for the run's own servers (PostgreSQL, the instances).
import net from 'node:net'

function portIsFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

/** The first free port from `from` upwards, skipping `taken`. */
export async function freePort(from: number, taken: number[] = []) {
  for (let port = from; port < from + 500; port++) {
    if (!taken.includes(port) && (await portIsFree(port))) return port
  }
  throw new Error(`No free port between ${from} and ${from + 500}`)
}
