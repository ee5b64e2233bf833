// Owns the write load of the crash check and the ledger of what it was promised. Voters vote,
// change their vote and withdraw it, one vote at a time per person (now and then sent twice at
// once, like a double click) and many people at once, through both instances; posters post ideas
// and commenters comment while that goes on. Every answer that acknowledged a write is recorded,
// so the checks can hold the database to it.
import { randomUUID } from 'node:crypto'

import type { IdeaTarget, Person, Population } from './fixtures'
import { type Attempted, ErrorTally, type InstancePool, sendUntilAcknowledged } from './http-client'

export type VoteDirection = 'up' | 'down' | 'none'
/** `twice`: the same vote sent twice at once through both instances (a double click, a client retry). */
type VoteOp = { ideaId: number; direction: VoteDirection; twice: boolean }
type IdeaPost = { poster: Person; submissionKey: string; title: string }
type CommentPost = { commenter: Person; idea: IdeaTarget; submissionKey: string; body: string }

/** What a (person, idea) pair ended with: the last acknowledged direction, and an unacknowledged later one if any. */
export type VoteFinal = {
  userId: number
  ideaId: number
  acknowledged: VoteDirection
  unconfirmed: VoteDirection | null
}
export type AcknowledgedIdea = { posterId: number; submissionKey: string; ideaId: number }
export type AcknowledgedComment = {
  authorId: number
  ideaId: number
  submissionKey: string
  commentId: number
  body: string
}

export type LoadSize = {
  ideasPerVoter: number
  ideaPosts: number
  comments: number
  maxInFlight: number
}

/** A small seeded generator (mulberry32): the same seed plans the same load. */
function seededRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

type Random = () => number

const topics = [
  'oat milk',
  'decaf',
  'cold brew',
  'loyalty cards',
  'reusable cups',
  'bike parking',
  'a quiet corner',
  'the seasonal menu',
  'vegan pastries',
  'ordering ahead',
  'table service',
  'late opening',
  'power outlets',
  'the wifi',
  'music volume',
  'queues',
  'prices',
]
const pick = <T>(random: Random, items: readonly T[]) => items[Math.floor(random() * items.length)]!

// Each script votes, changes the vote, and often withdraws it; with down-votes off, a change is a
// withdrawal and a vote again. About one vote in ten is submitted twice at once.
const DOUBLE_SUBMIT_SHARE = 0.1
const scriptsWithDownVotes: VoteDirection[][] = [
  ['up', 'down'],
  ['up', 'down', 'none'],
  ['up', 'down', 'up'],
  ['down', 'up', 'none'],
  ['up', 'none', 'down'],
]
const scriptsWithoutDownVotes: VoteDirection[][] = [
  ['up', 'none', 'up'],
  ['up', 'none'],
  ['up', 'none', 'up', 'none'],
]

/** One person's votes: several scripts (one per idea) interleaved, each script kept in order. */
function planVoter(
  random: Random,
  ideas: IdeaTarget[],
  ideasPerVoter: number,
  downVotesEnabled: boolean,
): VoteOp[] {
  const chosen = [...ideas]
    .sort(() => random() - 0.5)
    .slice(0, Math.min(ideasPerVoter, ideas.length))
  const scripts = chosen.map((idea) => ({
    ideaId: idea.id,
    steps: [...pick(random, downVotesEnabled ? scriptsWithDownVotes : scriptsWithoutDownVotes)],
  }))
  const ops: VoteOp[] = []
  while (scripts.some((script) => script.steps.length)) {
    const open = scripts.filter((script) => script.steps.length)
    const script = pick(random, open)
    ops.push({
      ideaId: script.ideaId,
      direction: script.steps.shift()!,
      twice: random() < DOUBLE_SUBMIT_SHARE,
    })
  }
  return ops
}

/** At most `limit` requests in flight at once (the virtual people queue for a slot). */
class Slots {
  private free: number
  private readonly waiting: (() => void)[] = []
  constructor(limit: number) {
    this.free = limit
  }
  async use<T>(work: () => Promise<T>) {
    if (this.free > 0) this.free--
    else await new Promise<void>((resolve) => this.waiting.push(resolve))
    try {
      return await work()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.free++
    }
  }
}

const ideaIdFromLocation = (answer: Attempted) => {
  const match =
    answer.status === 303
      ? /^\/ideas\/(\d+)-[^?#]*\?posted=1$/.exec(answer.headers.get('location') ?? '')
      : null
  return match ? Number(match[1]) : undefined
}
const commentIdFromLocation = (answer: Attempted) => {
  const match =
    answer.status === 303 ? /#comment-(\d+)$/.exec(answer.headers.get('location') ?? '') : null
  return match ? Number(match[1]) : undefined
}
const votedDirection = (wanted: VoteDirection) => (answer: Attempted) => {
  if (answer.status !== 200) return undefined
  try {
    const body = JSON.parse(answer.body) as { ok?: boolean; direction?: string }
    return body.ok === true && body.direction === wanted ? wanted : undefined
  } catch {
    return undefined
  }
}

export class WriteLoad {
  readonly tally = new ErrorTally()
  readonly voteFinals = new Map<string, VoteFinal>()
  readonly ideas: AcknowledgedIdea[] = []
  readonly comments: AcknowledgedComment[] = []
  readonly unacknowledged: string[] = []
  readonly ackedByInstance = new Map<string, number>()
  readonly latenciesMs: number[] = []
  requests = 0
  retries = 0
  acknowledged = 0
  /** Votes answered for good (acknowledged, or given up on): what progress is measured in. */
  private votesSettled = 0
  startedAt = 0
  finishedAt = 0
  private readonly pool: InstancePool
  private readonly voters: { person: Person; ops: VoteOp[] }[]
  private readonly ideaPosts: IdeaPost[]
  private readonly commentPosts: CommentPost[]
  private readonly slots: Slots
  private readonly thresholds: { fraction: number; resolve: () => void }[] = []
  /** Voters wait here before a vote once progress reaches `fraction`, until released. */
  private pause: { fraction: number; released: Promise<void>; release: () => void } | null = null
  /** Resolves once the open window counts `count` acknowledgements (or the load has finished). */
  private windowWaiter: { count: number; resolve: () => void } | null = null
  /** Acknowledgements counted while a named window was open (e.g. while one instance was dead). */
  private window: {
    name: string
    acked: number
    byInstance: Map<string, number>
    openedAt: number
  } | null = null
  readonly windows: { name: string; acked: number; byInstance: Record<string, number> }[] = []

  constructor({
    population,
    size,
    pool,
    seed,
  }: {
    population: Population
    size: LoadSize
    pool: InstancePool
    seed: number
  }) {
    this.pool = pool
    const random = seededRandom(seed)
    this.voters = population.voters.map((person) => ({
      person,
      ops: planVoter(random, population.voteIdeas, size.ideasPerVoter, population.downVotesEnabled),
    }))
    this.ideaPosts = Array.from({ length: size.ideaPosts }, (_, index) => ({
      poster: population.posters[index % population.posters.length]!,
      submissionKey: randomUUID(),
      title: `Posted under load ${index + 1}: keep the lights on`,
    }))
    this.commentPosts = Array.from({ length: size.comments }, (_, index) => ({
      commenter: population.commenters[index % population.commenters.length]!,
      idea: population.discussionIdeas[index % population.discussionIdeas.length]!,
      submissionKey: randomUUID(),
      // Each says something of its own: near-identical comments in a row are refused as spam.
      body: `Comment ${index + 1} on ${topics[index % topics.length]} and ${topics[(index * 5 + 3) % topics.length]}, written while an instance may be dying.`,
    }))
    for (const { person, ops } of this.voters)
      for (const op of ops)
        this.voteFinals.set(`${person.id}:${op.ideaId}`, {
          userId: person.id,
          ideaId: op.ideaId,
          acknowledged: 'none',
          unconfirmed: null,
        })
    this.slots = new Slots(size.maxInFlight)
  }

  get plannedWrites() {
    return this.plannedVotes + this.ideaPosts.length + this.commentPosts.length
  }

  get plannedVotes() {
    return this.voters.reduce((sum, voter) => sum + voter.ops.length, 0)
  }

  /** Share of the planned votes answered for good: the clock the crash and the other writers follow. */
  progress() {
    return this.votesSettled / this.plannedVotes
  }

  /** Resolves once `fraction` of the planned votes are answered for good. */
  whenProgress(fraction: number) {
    if (this.progress() >= fraction) return Promise.resolve()
    return new Promise<void>((resolve) => this.thresholds.push({ fraction, resolve }))
  }

  /**
   * Holds every voter before its next vote once `fraction` of the votes are answered, until the
   * returned function is called: whatever a scenario does meanwhile (wait for a send to kill an
   * instance mid-send), work is still left for after it.
   */
  pauseAt(fraction: number) {
    let release = () => {}
    const released = new Promise<void>((resolve) => (release = resolve))
    this.pause = { fraction, released, release }
    return () => {
      this.pause = null
      release()
    }
  }

  /** Resolves once the open window has counted `count` acknowledgements, or the load is over. */
  whenAcknowledgedInWindow(count: number) {
    if (!this.window || this.window.acked >= count || this.finishedAt) return Promise.resolve()
    return new Promise<void>((resolve) => (this.windowWaiter = { count, resolve }))
  }

  private settleWindowWaiter(force = false) {
    if (this.windowWaiter && (force || (this.window?.acked ?? 0) >= this.windowWaiter.count)) {
      this.windowWaiter.resolve()
      this.windowWaiter = null
    }
  }

  /**
   * Counts, from now on, the writes acknowledged per instance. Only requests sent after the window
   * opened count: an answer a killed instance wrote just before dying may still be read after it
   * (ballots are answered together when their batch commits).
   */
  openWindow(name: string) {
    this.window = { name, acked: 0, byInstance: new Map(), openedAt: performance.now() }
  }

  closeWindow() {
    if (this.window)
      this.windows.push({
        name: this.window.name,
        acked: this.window.acked,
        byInstance: Object.fromEntries(this.window.byInstance),
      })
    this.window = null
  }

  private noteAcknowledged(instance: string, ms: number) {
    this.acknowledged++
    this.latenciesMs.push(ms)
    this.ackedByInstance.set(instance, (this.ackedByInstance.get(instance) ?? 0) + 1)
    if (this.window && performance.now() - ms >= this.window.openedAt) {
      this.window.acked++
      this.window.byInstance.set(instance, (this.window.byInstance.get(instance) ?? 0) + 1)
      this.settleWindowWaiter()
    }
  }

  private noteVoteSettled() {
    this.votesSettled++
    const progress = this.progress()
    for (const threshold of this.thresholds.filter((candidate) => candidate.fraction <= progress)) {
      this.thresholds.splice(this.thresholds.indexOf(threshold), 1)
      threshold.resolve()
    }
  }

  private send<Value>(
    request: Parameters<typeof sendUntilAcknowledged<Value>>[0]['request'],
    accept: (answer: Attempted) => Value | undefined,
  ) {
    return this.slots.use(async () => {
      this.requests++
      const result = await sendUntilAcknowledged({
        pool: this.pool,
        tally: this.tally,
        request,
        accept,
        onRetry: () => this.retries++,
      })
      this.requests += result.attempts - 1
      if (result.acknowledged) this.noteAcknowledged(result.target.name, result.ms)
      return result
    })
  }

  /** One vote (or the same vote twice at once): acknowledged when any copy was. */
  private async sendVote(person: Person, op: VoteOp) {
    const vote = () =>
      this.send(
        {
          path: `/ideas/${op.ideaId}/vote`,
          method: 'POST',
          cookie: person.cookie,
          form: { direction: op.direction },
          headers: { Accept: 'application/json' },
        },
        votedDirection(op.direction),
      )
    const results = await Promise.all(op.twice ? [vote(), vote()] : [vote()])
    return results.find((result) => result.acknowledged) ?? results[0]!
  }

  private async runVoter({ person, ops }: { person: Person; ops: VoteOp[] }) {
    for (const op of ops) {
      if (this.pause && this.progress() >= this.pause.fraction) await this.pause.released
      const result = await this.sendVote(person, op)
      const final = this.voteFinals.get(`${person.id}:${op.ideaId}`)!
      if (result.acknowledged) {
        final.acknowledged = result.value
        final.unconfirmed = null
      } else {
        final.unconfirmed = op.direction
        this.unacknowledged.push(
          `vote ${person.id}→${op.ideaId} ${op.direction}: ${result.lastFailure}`,
        )
      }
      this.noteVoteSettled()
    }
  }

  private async postIdea(post: IdeaPost, categoryId: number) {
    const form = {
      intent: 'post',
      kind: 'product',
      categoryId: String(categoryId),
      title: post.title,
      description: 'Posted by the reliability run; it must survive a crash.',
      submissionKey: post.submissionKey,
      // The similar ideas were shown for this title, as the form says after its step.
      similarShownFor: post.title,
    }
    const result = await this.send(
      { path: '/ideas/new', method: 'POST', cookie: post.poster.cookie, form },
      ideaIdFromLocation,
    )
    if (result.acknowledged)
      this.ideas.push({
        posterId: post.poster.id,
        submissionKey: post.submissionKey,
        ideaId: result.value,
      })
    else this.unacknowledged.push(`idea ${post.submissionKey}: ${result.lastFailure}`)
  }

  private async postComment(post: CommentPost) {
    const form = { intent: 'post', body: post.body, submissionKey: post.submissionKey }
    const result = await this.send(
      { path: `/ideas/${post.idea.id}`, method: 'POST', cookie: post.commenter.cookie, form },
      commentIdFromLocation,
    )
    if (result.acknowledged)
      this.comments.push({
        authorId: post.commenter.id,
        ideaId: post.idea.id,
        submissionKey: post.submissionKey,
        commentId: result.value,
        body: post.body,
      })
    else this.unacknowledged.push(`comment ${post.submissionKey}: ${result.lastFailure}`)
  }

  /** Ideas and comments spread over the run: each waits until its share of the votes is answered. */
  private async runWriters(categoryId: number, writers: number) {
    const posts: (() => Promise<void>)[] = [
      ...this.commentPosts.map((post) => () => this.postComment(post)),
      ...this.ideaPosts.map((post) => () => this.postIdea(post, categoryId)),
    ]
    const order = posts.map((post, index) => ({
      post,
      at: ((index * 7919) % posts.length) / posts.length,
    }))
    order.sort((a, b) => a.at - b.at)
    let next = 0
    const writer = async () => {
      while (next < order.length) {
        const { post, at } = order[next++]!
        await this.whenProgress(at * 0.9)
        await post()
      }
    }
    await Promise.all(Array.from({ length: writers }, writer))
  }

  async run({ categoryId, writers = 4 }: { categoryId: number; writers?: number }) {
    this.startedAt = Date.now()
    await Promise.all([
      ...this.voters.map((voter) => this.runVoter(voter)),
      this.runWriters(categoryId, writers),
    ])
    this.finishedAt = Date.now()
    this.settleWindowWaiter(true)
  }
}
