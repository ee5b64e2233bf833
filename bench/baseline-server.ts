// The benchmark's yardstick: the least a Node server can do to show the first page of trending
// ideas — node:http and postgres.js, no framework, no sessions, no React — from the same database
// with the same query shape as the ideas list. Ideabox's throughput is reported as a ratio to it.
import { createServer } from 'node:http'

import postgres from 'postgres'

const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('DATABASE_URL is required')
const port = Number(process.env.PORT ?? 3901)
// The same client options as the app (app/db/db.server.ts), so the comparison is fair.
const sql = postgres(databaseUrl, {
  max: 10,
  max_pipeline: 1,
  onnotice: () => {},
} as postgres.Options<Record<string, never>>)

type Row = {
  id: number
  slug: string
  title: string
  category: string
  status: string
  score: number
  comment_count: number
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
const escape = (text: string) => text.replace(/[&<>"']/g, (character) => escapes[character]!)

function render(rows: Row[]) {
  const items = rows
    .map(
      (idea) =>
        `<li><a href="/ideas/${idea.id}-${escape(idea.slug)}">${escape(idea.title)}</a> <span>${escape(idea.category)}</span> <span>${escape(idea.status)}</span> <span>${idea.score} votes</span> <span>${idea.comment_count} comments</span></li>`,
    )
    .join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ideas</title></head><body><h1>Trending ideas</h1><ol>${items}</ol></body></html>`
}

const server = createServer((request, response) => {
  if (request.url !== '/' && request.url !== '/ideas') {
    response.writeHead(404).end('Not found')
    return
  }
  sql<Row[]>`
    select i.id, i.slug, i.title, c.name_en as category, s.name_en as status, i.score, i.comment_count
    from ideas i
    join categories c on c.id = i.category_id
    join statuses s on s.id = i.status_id
    where i.is_public
    order by i.hot_score desc, i.id desc
    limit 20`
    .then((rows) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(render(rows))
    })
    .catch((error: unknown) => {
      console.error(error)
      response.writeHead(500).end('Error')
    })
})

server.listen(port, '127.0.0.1', () =>
  console.log(`Baseline listening on http://127.0.0.1:${port}`),
)
const stop = () => server.close(() => void sql.end({ timeout: 2 }).then(() => process.exit(0)))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
