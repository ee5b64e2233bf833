// Entry point for `npm run serve` and `npm run dev`: serve an existing build, nothing else.
import { startServer } from './http.server'

await startServer()
