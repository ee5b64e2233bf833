// Read-your-writes across instances: a person who writes through one instance sees the write on
// their next page from the other one at once — their new idea in "My ideas", their vote pressed and
// counted, their comment in the discussion. Each page is read three times on the reading instance
// before the write, so that instance holds a template of it (decision 029: kept from the second
// sighting) and an in-process cache, if one were keyed wrongly, would answer the stale page.
import { randomBytes } from 'node:crypto'

import type { AppInstance } from './app-instance'
import type { Person, Population } from './fixtures'
import { attempt, type Attempted, type Target } from './http-client'
import type { CheckResult } from './report'

const WARM_READS = 3

async function page(target: Target, path: string, person: Person) {
  const answer = await attempt({ target, path, cookie: person.cookie })
  if ('failure' in answer) throw new Error(`GET ${path} on ${target.name}: ${answer.failure}`)
  if (answer.status !== 200) throw new Error(`GET ${path} on ${target.name}: ${answer.status}`)
  return answer.body
}

async function warm(target: Target, path: string, person: Person) {
  for (let read = 0; read < WARM_READS; read += 1) await page(target, path, person)
}

async function write(
  target: Target,
  request: { path: string; person: Person; form: Record<string, string> },
  accepted: (answer: Attempted) => boolean,
  headers: Record<string, string> = {},
) {
  const answer = await attempt({
    target,
    path: request.path,
    method: 'POST',
    cookie: request.person.cookie,
    form: request.form,
    headers,
  })
  if ('failure' in answer || !accepted(answer))
    throw new Error(
      `POST ${request.path} on ${target.name}: ${'failure' in answer ? answer.failure : `${answer.status} ${answer.body.slice(0, 200)}`}`,
    )
  return answer
}

/** The idea page's first vote control (the idea's own): whether "up" is pressed, and the score. */
function voteShown(html: string) {
  const match =
    /vote-button--up" aria-pressed="(true|false)"[\s\S]*?vote-control__score"[^>]*>(-?\d+)</.exec(
      html,
    )
  return match ? { up: match[1] === 'true', score: Number(match[2]) } : null
}

/** One round: write on `writer`, read on `reader`, as the person who wrote. */
async function round({
  writer,
  reader,
  poster,
  voter,
  commenter,
  categoryId,
}: {
  writer: Target
  reader: Target
  poster: Person
  voter: Person
  commenter: Person
  categoryId: number
}) {
  const failures: string[] = []
  const tag = randomBytes(4).toString('hex')
  const title = `Read your writes ${tag} on ${writer.name}`

  await warm(reader, '/my/ideas', poster)
  const posted = await write(
    writer,
    {
      path: '/ideas/new',
      person: poster,
      form: {
        intent: 'post',
        kind: 'product',
        categoryId: String(categoryId),
        title,
        description: 'Posted on one instance, read on the other.',
        submissionKey: `ryw-${tag}`,
        similarShownFor: title,
      },
    },
    (answer) => answer.status === 303,
  )
  // The idea's canonical address (`/ideas/<id>-<slug>`; the bare number redirects to it).
  const ideaPath = /^\/ideas\/\d+-[^?#]*/.exec(posted.headers.get('location') ?? '')?.[0]
  if (!(await page(reader, '/my/ideas', poster)).includes(title))
    failures.push(`idea posted on ${writer.name} missing from /my/ideas on ${reader.name}`)
  if (!ideaPath) return [...failures, `no idea address in ${posted.headers.get('location')}`]

  await warm(reader, ideaPath, voter)
  const before = voteShown(await page(reader, ideaPath, voter))
  await write(
    writer,
    { path: `${ideaPath}/vote`, person: voter, form: { direction: 'up' } },
    (answer) => answer.status === 200,
    { Accept: 'application/json' },
  )
  const after = voteShown(await page(reader, ideaPath, voter))
  if (!before || !after) failures.push(`no vote control on ${ideaPath}`)
  else if (!after.up || after.score !== before.score + 1)
    failures.push(
      `vote on ${writer.name}: ${reader.name} shows ${JSON.stringify(after)} after ${JSON.stringify(before)}`,
    )

  await warm(reader, ideaPath, commenter)
  const comment = `A comment written on ${writer.name}, ${tag}`
  await write(
    writer,
    {
      path: ideaPath,
      person: commenter,
      form: { intent: 'post', body: comment, submissionKey: `ryw-comment-${tag}` },
    },
    (answer) => answer.status === 303,
  )
  if (!(await page(reader, ideaPath, commenter)).includes(comment))
    failures.push(`comment posted on ${writer.name} missing on ${reader.name}`)
  return failures
}

export async function readYourWritesCheck({
  instances,
  population,
  rounds = 4,
}: {
  instances: [AppInstance, AppInstance]
  population: Population
  rounds?: number
}): Promise<CheckResult> {
  const targets = instances.map((instance) => ({ name: instance.name, baseUrl: instance.baseUrl }))
  const failures: string[] = []
  const started = Date.now()
  for (let index = 0; index < rounds; index += 1) {
    const pick = (people: Person[]) => people[people.length - 1 - (index % people.length)]!
    try {
      failures.push(
        ...(await round({
          writer: targets[index % 2]!,
          reader: targets[(index + 1) % 2]!,
          poster: pick(population.posters),
          voter: pick(population.voters),
          commenter: pick(population.commenters),
          categoryId: population.productCategoryId,
        })),
      )
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error))
    }
  }
  return {
    name: 'read your writes: an idea, a vote and a comment written on one instance show on the other at once',
    passed: failures.length === 0,
    summary: `${rounds} rounds (a→b, b→a), each page read ${WARM_READS} times before the write, in ${Date.now() - started} ms`,
    failures,
  }
}
