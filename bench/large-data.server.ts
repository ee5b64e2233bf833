// The large data set the benchmark and the query-plan tests run on: 20,000 people, 100,000 ideas over
// two years, 1,000,000 votes and 200,000 comments with a Zipf-like skew, follows, the team's answers
// and contributor points (at scale 1). Built set-based in SQL (INSERT … SELECT over generate_series),
// every "random" choice a hash of row numbers, so a run gives the same data on any machine and on
// either driver; dates are relative to the moment of the run.
import { sql } from 'drizzle-orm'

import type { Executor } from '#app/db/db.server'
import { categories, holidays, promises } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { hotScoreSql } from '#app/domain/ideas/ideas.rules'
import { recountPoints } from '#app/domain/points/points.server'
import { getSettings } from '#app/domain/settings/settings.server'

import {
  commentSentences,
  descriptionSentences,
  firstNames,
  LARGE_DATA_SEARCH_WORDS,
  lastNames,
  rareSentence,
  rareWords,
  statusResponses,
  titleParts,
} from './large-data-vocabulary'

export { LARGE_DATA_SEARCH_WORDS }

/** Every account of the data set signs in with this password. */
export const LARGE_DATA_PASSWORD = 'ideabox-bench-2026'
// argon2id of LARGE_DATA_PASSWORD with the app's parameters, computed once: the same bytes every run.
const LARGE_DATA_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$OG4Hio3MkxXtRayJJbSjRw$c3HkVcdg50HLNrNemuzlfyMuX8xRAhK7AEVnL3I3lZQ'

/** The staff accounts, created first: `bench-admin-1@…`, `bench-moderator-1@…`, … */
export const LARGE_DATA_STAFF = { admin: 2, moderator: 8, agent: 6, marketer: 2 } as const
const STAFF_COUNT = Object.values(LARGE_DATA_STAFF).reduce((sum, count) => sum + count, 0)

/** The address of the `number`-th customer (1-based) or staff member of a role. */
export function largeDataEmail(
  number: number,
  role: keyof typeof LARGE_DATA_STAFF | 'customer' = 'customer',
) {
  return `bench-${role === 'customer' ? 'user' : role}-${number}@bench.ideabox.test`
}

const FULL_SCALE = { users: 20_000, ideas: 100_000, votes: 1_000_000, comments: 200_000 }

export type LargeDataSize = typeof FULL_SCALE

/**
 * Row counts at a scale (1 = full size), with any counts given in `overrides` instead; small scales
 * keep enough people for the skew to work, and every idea has its author's vote.
 */
export function largeDataSize(
  scale: number,
  overrides: Partial<LargeDataSize> = {},
): LargeDataSize {
  if (!(scale > 0 && scale <= 10)) throw new Error(`The scale must be in (0, 10], not ${scale}`)
  const ideas = overrides.ideas ?? Math.max(200, Math.round(FULL_SCALE.ideas * scale))
  const size = {
    users: Math.max(STAFF_COUNT + 100, Math.round(FULL_SCALE.users * scale)),
    votes: Math.max(2 * ideas, Math.round(FULL_SCALE.votes * scale)),
    comments: Math.round(FULL_SCALE.comments * scale),
    ...overrides,
    ideas,
  }
  if (size.users < STAFF_COUNT + 100 || size.votes < ideas || size.comments < 0)
    throw new Error(`Too small a data set: ${JSON.stringify(size)}`)
  return size
}

type StepTiming = { step: string; seconds: number }
export type LargeDataResult = { size: LargeDataSize; follows: number; timings: StepTiming[] }

// ---------------------------------------------------------------------------------------------
// SQL building blocks. Everything below is plain SQL text built from numbers and word lists this
// module owns (no outside input), so it is inlined rather than passed as parameters.

const DAY_SECONDS = 86_400
/** People join over this period before now; ideas are posted over the last IDEA_DAYS of it. */
const JOIN_DAYS = 800
const IDEA_DAYS = 730

function saltFor(purpose: string) {
  let hash = 2_166_136_261
  for (const char of purpose) hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619) >>> 0
  return hash
}

/**
 * SQL for a number in [0, 1) that depends only on the purpose and the row keys. hashint8extended is
 * the hash behind hash partitioning, so PostgreSQL keeps its values stable across versions and
 * platforms (PGlite's included), and it costs a fraction of md5.
 */
function draw(purpose: string, ...keys: string[]) {
  const hash = keys.reduce(
    (seed, key) => `hashint8extended((${key})::int8, ${seed})`,
    String(saltFor(purpose)),
  )
  return `((${hash} & 4294967295)::float8 / 4294967296)`
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`
const textArray = (list: readonly string[]) => `array[${list.map(literal).join(', ')}]::text[]`

/** One entry of the list; a skew above 1 picks early entries more often (Zipf-like). */
function pick(list: readonly string[], random: string, skew = 1) {
  return `(${textArray(list)})[1 + floor(${list.length} * power(${random}, ${skew}))::int]`
}

/** The Dutch or the English pick, by a boolean SQL expression. */
function byLanguage(dutch: string, nl: string, en: string) {
  return `(case when ${dutch} then ${nl} else ${en} end)`
}

/** A CASE choosing a value with the given weights (they need not add up to anything). */
function weighted(random: string, choices: [string, number][]) {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
  let cumulative = 0
  const branches = choices.slice(0, -1).map(([value, weight]) => {
    cumulative += weight
    return `when ${random} < ${cumulative / total} then ${literal(value)}`
  })
  return `(case ${branches.join(' ')} else ${literal(choices.at(-1)![0])} end)`
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b)
}

/** Fills the {adj}, {noun}, {noun2} and {place} slots of a sentence. */
function fillSlots(template: string) {
  return `replace(replace(replace(replace(${template}, '{adj}', adj), '{noun2}', noun2), '{noun}', noun), '{place}', place)`
}

type Step = <T>(name: string, run: () => Promise<T>) => Promise<T>

type Plan = {
  size: LargeDataSize
  customers: number
  userBase: number
  ideaBase: number
  commentBase: number
}

/** When the k-th customer joined: sign-ups grow over time, so later customers come faster. */
function joinedAt(plan: Plan, customer: string) {
  return `(now() - interval '${JOIN_DAYS} days' + make_interval(secs => ${JOIN_DAYS * DAY_SECONDS - 3600} * sqrt((${customer})::float8 / ${plan.customers})))`
}

/** How many customers had joined at a moment (the inverse of joinedAt). */
function customersAt(plan: Plan, moment: string) {
  const elapsed = `greatest(extract(epoch from (${moment}) - (now() - interval '${JOIN_DAYS} days'))::float8, 0)`
  return `least(${plan.customers}, floor(${plan.customers} * power(${elapsed} / ${JOIN_DAYS * DAY_SECONDS - 3600}, 2))::int)`
}

const customerIsDutch = (customer: string) => `(${draw('user.locale', customer)} < 1.0 / 3)`
const customerUserId = (plan: Plan, customer: string) =>
  `(${plan.userBase + STAFF_COUNT} + ${customer})`

/** A moderator's user id (moderators come right after the admins). */
function moderatorUserId(plan: Plan, random: string) {
  return `(${plan.userBase + LARGE_DATA_STAFF.admin + 1} + floor(${LARGE_DATA_STAFF.moderator} * ${random})::int)`
}

/**
 * Splits `total` over the rows of `source` (columns n, weight, cap) in proportion to their weights,
 * each at most its cap, by largest remainder: the amounts add up to exactly `total`.
 */
function apportion(source: string, total: number) {
  return `
    with shares as (
      select n, cap, weight * ${total} / nullif(sum(weight) over (), 0) as exact from ${source}
    ),
    floored as (
      select n, least(floor(coalesce(exact, 0)), cap)::int as amount, coalesce(exact, 0) - floor(coalesce(exact, 0)) as remainder,
             coalesce(exact, 0) >= cap as saturated
      from shares
    ),
    ranked as (
      select n, amount, row_number() over (order by saturated, remainder desc, n) as turn,
             ${total} - sum(amount) over () as missing
      from floored
    )
    select n, amount + case when turn <= missing then 1 else 0 end as amount from ranked`
}

// ---------------------------------------------------------------------------------------------
// The steps, in order. Each fills real tables or temporary plan tables (dropped at commit).

async function createUsers(tx: Executor, plan: Plan) {
  const staff = Object.entries(LARGE_DATA_STAFF)
    .flatMap(([role, count]) =>
      Array.from({ length: count }, (_, index) => [role, index + 1] as const),
    )
    .map(([role, number], index) => `(${index + 1}, ${literal(role)}, ${number})`)
  const dutch = customerIsDutch('k')
  const name = (language: 'en' | 'nl') =>
    `${pick(firstNames[language], draw('user.first', 'n'))} || ' ' || ${pick(lastNames[language], draw('user.last', 'n'))}`
  await tx.execute(
    sql.raw(`
      insert into users (id, email, display_name, handle, password_hash, role, locale, created_at, updated_at, email_verified_at)
      overriding system value
      select ${plan.userBase} + n, local || '@bench.ideabox.test', display_name, local, ${literal(LARGE_DATA_PASSWORD_HASH)}, role, locale,
             joined, joined, joined
      from (
        select n, role, 'bench-' || case when role = 'customer' then 'user' else role end || '-' || number as local,
               case when role = 'customer' and ${dutch} then 'nl' else 'en' end as locale,
               case when role = 'customer' and ${dutch} then ${name('nl')} else ${name('en')} end as display_name,
               case when role = 'customer' then ${joinedAt(plan, 'k')} else now() - interval '${JOIN_DAYS + 1} days' end as joined
        from generate_series(1, ${plan.size.users}) n
        left join (values ${staff.join(', ')}) as staff (n, staff_role, staff_number) using (n)
        cross join lateral (select coalesce(staff_role, 'customer') as role, n - ${STAFF_COUNT} as k) who
        cross join lateral (select coalesce(staff_number, who.k) as number) numbered
      ) people
      order by n`),
  )
}

/** Working days with their running count, for the promised first-response dates (see calendar.rules). */
async function createCalendar(tx: Executor) {
  const settings = await getSettings({ executor: tx })
  const daysOff = (await tx.select({ day: holidays.day }).from(holidays)).map((row) =>
    literal(String(row.day).slice(0, 10)),
  )
  await tx.execute(
    sql.raw(`
      create temp table seed_days on commit drop as
      select day, working, sum(working::int) over (order by day) as ordinal
      from generate_series((now() - interval '${JOIN_DAYS + 10} days')::date, (now() + interval '60 days')::date, interval '1 day') as series (moment)
      cross join lateral (select moment::date as day) days
      cross join lateral (
        select extract(isodow from day) in (${settings.workingDays.join(', ')})
               ${daysOff.length ? `and day not in (${daysOff.join(', ')})` : ''} as working
      ) kind`),
  )
  await tx.execute(sql.raw('create unique index on seed_days (day)'))
  await tx.execute(sql.raw('create unique index on seed_days (ordinal) where working'))
  return settings
}

/** First-response targets per channel (a channel's own target wins over the general one). */
async function firstResponseTargets(tx: Executor) {
  const rows = await tx
    .select({
      channel: promises.channel,
      targetDays: promises.targetDays,
      kind: promises.kind,
      active: promises.active,
    })
    .from(promises)
  const active = rows.filter((row) => row.kind === 'first-response' && row.active)
  const general = active.find((row) => row.channel === null)?.targetDays ?? null
  return (channel: string) => active.find((row) => row.channel === channel)?.targetDays ?? general
}

const CHANNELS: [string, number][] = [
  ['web', 90],
  ['store', 4],
  ['phone', 3],
  ['email', 2],
  ['social', 1],
]

async function planIdeas(tx: Executor, plan: Plan) {
  const settings = await createCalendar(tx)
  const targetFor = await firstResponseTargets(tx)
  const categoryRows = await tx
    .select({
      id: categories.id,
      kind: categories.kind,
      position: categories.position,
      retired: categories.retired,
    })
    .from(categories)
  const categoryIds = (kind: string) =>
    categoryRows
      .filter((row) => row.kind === kind && !row.retired)
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .map((row) => row.id)
  const categoryPick = (kind: string) => {
    const ids = categoryIds(kind)
    if (ids.length === 0)
      throw new Error(`No category for ${kind} ideas: migrate the database first`)
    return `(array[${ids.join(', ')}])[1 + floor(${ids.length} * power(${draw('idea.category', 'n')}, 1.3))::int]`
  }
  const targetDays = `(case channel ${CHANNELS.map(([channel]) => `when ${literal(channel)} then ${targetFor(channel) ?? 'null'}`).join(' ')} end)`
  const rareStep = Math.max(1, Math.floor(plan.size.ideas / 40))
  const words = (language: 'en' | 'nl') => titleParts[language]
  // Sentences step through the list from a skewed start by a stride coprime to its length: no
  // sentence twice in one description, the first ones most common across descriptions.
  const sentenceCount = descriptionSentences.en.length
  if (descriptionSentences.nl.length !== sentenceCount)
    throw new Error('Both languages need as many description sentences')
  const strides = Array.from({ length: sentenceCount }, (_, stride) => stride).filter(
    (stride) => greatestCommonDivisor(stride, sentenceCount) === 1,
  )
  const sentence = (index: number) => {
    const position = `1 + (floor(${sentenceCount} * power(${draw('idea.sentence', 'n')}, 1.5))::int + ${index} * stride) % ${sentenceCount}`
    return fillSlots(
      byLanguage(
        'dutch',
        `(${textArray(descriptionSentences.nl)})[${position}]`,
        `(${textArray(descriptionSentences.en)})[${position}]`,
      ),
    )
  }
  const rare = (language: 'en' | 'nl') =>
    `replace(${literal(rareSentence[language])}, '{rare}', (${textArray(rareWords[language])})[1 + (n / ${rareStep}) % ${rareWords[language].length}])`
  const timeZone = literal(settings.timeZone)
  const dayEnd = literal(settings.dayEnd)

  await tx.execute(
    sql.raw(`
      create temp table seed_ideas on commit drop as
      with timed as materialized (
        select n, created_at, extract(epoch from now() - created_at)::float8 / ${DAY_SECONDS} as age_days,
               row_number() over (order by ${draw('idea.popularity', 'n')}, n) as popularity_rank
        from generate_series(1, ${plan.size.ideas}) n
        cross join lateral (
          -- Posting grows over the two years: more ideas per day towards now.
          select now() - make_interval(secs => ${IDEA_DAYS * DAY_SECONDS} * (1 - sqrt((n - 0.5) / ${plan.size.ideas})) + 600 * ${draw('idea.jitter', 'n')}) as created_at
        ) moment
      ),
      authored as (
        -- Early members write more; the idea's language is mostly its author's.
        select timed.*, author_k, ${customerIsDutch('author_k')} <> (${draw('idea.language', 'n')} < 0.1) as dutch
        from timed
        cross join lateral (select 1 + floor(greatest(${customersAt(plan, 'created_at')}, 1) * power(${draw('idea.author', 'n')}, 2))::int as author_k) author
      ),
      classified as (
        select authored.*, kind, ${weighted(draw('idea.channel', 'n'), CHANNELS)} as channel,
               case
                 when age_days < 14 then ${weighted(draw('idea.status', 'n'), [
                   ['new', 75],
                   ['under-review', 25],
                 ])}
                 when popularity_rank <= ${Math.ceil(plan.size.ideas / 100)} then ${weighted(
                   draw('idea.status', 'n'),
                   [
                     ['new', 2],
                     ['under-review', 30],
                     ['planned', 20],
                     ['in-progress', 15],
                     ['implemented', 28],
                     ['declined', 5],
                   ],
                 )}
                 else ${weighted(draw('idea.status', 'n'), [
                   ['new', 6],
                   ['under-review', 64],
                   ['planned', 7],
                   ['in-progress', 5],
                   ['implemented', 7],
                   ['declined', 11],
                 ])}
               end as status
        from authored
        cross join lateral (select ${weighted(draw('idea.kind', 'n'), [
          ['product', 50],
          ['experience', 30],
          ['involvement', 20],
        ])} as kind) kinds
      ),
      answered as (
        -- The team answers within days (a few take weeks); later steps follow up to now.
        select classified.*, answered_at, via_review,
               case when status in ('new', 'under-review') or not via_review then coalesce(answered_at, created_at)
                    else answered_at + (now() - answered_at) * power(${draw('idea.decided', 'n')}, 1.5) end as status_changed_at
        from classified
        cross join lateral (
          select case when status <> 'new' then least(created_at + make_interval(secs => ${DAY_SECONDS} * (0.2 + 12 * power(${draw('idea.answer', 'n')}, 2))), now() - interval '1 minute') end as answered_at,
                 ${draw('idea.review', 'n')} < 0.6 as via_review
        ) answer
      ),
      worded as materialized (
        -- Materialised: each word is used in several sentences, and is drawn once.
        select answered.*,
               ${byLanguage('dutch', pick(words('nl').openers, draw('idea.opener', 'n'), 1.6), pick(words('en').openers, draw('idea.opener', 'n'), 1.6))} as opener,
               ${byLanguage('dutch', pick(words('nl').adjectives, draw('idea.adjective', 'n'), 1.4), pick(words('en').adjectives, draw('idea.adjective', 'n'), 1.4))} as adj,
               ${byLanguage('dutch', pick(words('nl').nouns, draw('idea.noun', 'n'), 1.6), pick(words('en').nouns, draw('idea.noun', 'n'), 1.6))} as noun,
               ${byLanguage('dutch', pick(words('nl').nouns, draw('idea.noun2', 'n'), 1.2), pick(words('en').nouns, draw('idea.noun2', 'n'), 1.2))} as noun2,
               ${byLanguage('dutch', pick(words('nl').places, draw('idea.place', 'n'), 1.3), pick(words('en').places, draw('idea.place', 'n'), 1.3))} as place,
               3 + floor(3 * ${draw('idea.length', 'n')})::int as sentences,
               (array[${strides.join(', ')}])[1 + floor(${strides.length} * ${draw('idea.stride', 'n')})::int] as stride
        from answered
      )
      select n, ${plan.ideaBase} + n as id, author_k, ${customerUserId(plan, 'author_k')} as author_id, kind, ${`case kind ${['product', 'experience', 'involvement'].map((kind) => `when '${kind}' then ${categoryPick(kind)}`).join(' ')} end`} as category_id,
             status, popularity_rank, age_days, dutch, created_at, answered_at, status_changed_at,
             via_review and status not in ('new', 'under-review') as via_review,
             opener || ' ' || adj || ' ' || noun || place as title,
             concat_ws(' ', ${sentence(0)}, ${sentence(1)}, ${sentence(2)},
                       case when sentences > 3 then ${sentence(3)} end, case when sentences > 4 then ${sentence(4)} end,
                       case when n % ${rareStep} = 0 then ${byLanguage('dutch', rare('nl'), rare('en'))} end) as description,
             channel,
             case when channel = 'social' then (array['instagram', 'facebook', 'x'])[1 + n % 3] end as channel_network,
             case channel when 'phone' then 'CALL-' || n when 'store' then 'STORE-' || (1 + n % 150) end as external_ref,
             due.first_response_due_at,
             case when status in ('new', 'under-review') and ${draw('idea.withdrawn', 'n')} < 0.008
                  then created_at + (now() - created_at) * ${draw('idea.withdrawn-at', 'n')} end as withdrawn_at,
             case when ${draw('idea.hidden', 'n')} < 0.002 then least(created_at + interval '1 day', now()) end as hidden_at,
             case when status = 'new' and age_days < 3 and ${draw('idea.held', 'n')} < 0.05 then created_at end as held_at,
             case when status in ('implemented', 'declined') then status_changed_at else now() end as vote_end
      from worded
      left join lateral (
        select ((due_day.day + ${dayEnd}::time) at time zone ${timeZone}) as first_response_due_at
        from seed_days received
        join seed_days due_day on due_day.working and due_day.ordinal = received.ordinal + ${targetDays}
          + case when received.working and (created_at at time zone ${timeZone})::time < ${dayEnd}::time then 0 else 1 end
        where received.day = (created_at at time zone ${timeZone})::date
      ) due on true`),
  )
  await tx.execute(sql.raw('create unique index on seed_ideas (n)'))
}

/** How many votes each idea gets (Zipf-like by popularity, older ideas had more time) and from whom. */
async function planVotes(tx: Executor, plan: Plan) {
  const othersVotes = plan.size.votes - plan.size.ideas
  await tx.execute(
    sql.raw(`
      create temp table seed_vote_plan on commit drop as
      with weights as (
        select n,
               case when held_at is not null then 0
                    else power(popularity_rank + 20, -1.05) * (0.15 + 0.85 * least(1, age_days / 45)) end as weight,
               -- Voters are customers who had joined before voting closed; the author votes anyway.
               greatest(${customersAt(plan, 'vote_end')} - 1, 0) as cap
        from seed_ideas
      ),
      amounts as (${apportion('weights', othersVotes)})
      select n, amount as votes, cap, voters,
             floor(voters * ${draw('vote.start', 'n')})::int as start,
             case when gcd(step, voters) = 1 then step else 1 end as step
      from amounts join weights using (n)
      -- Each idea's voters come from the first "voters" customers (early members vote more): a
      -- stride coprime to that window visits distinct people, so (idea, user) never repeats.
      cross join lateral (select case when amount = 0 then 1 else least(cap, greatest(ceil(amount * 1.25)::int, floor(cap * ${draw('vote.window', 'n')})::int)) end as voters) window_size
      cross join lateral (select 1 + floor((voters - 1) * ${draw('vote.step', 'n')})::int as step) stride`),
  )
  const [check] = await queryRows<{ total: number }>(
    tx,
    sql.raw('select coalesce(sum(votes), 0)::int as total from seed_vote_plan'),
  )
  if (Number(check?.total) !== othersVotes)
    throw new Error(`Vote plan adds up to ${check?.total}, not ${othersVotes}`)

  await tx.execute(
    sql.raw(`
      create temp table seed_votes on commit drop as
      select i.id as idea_id, i.author_id as user_id, 1 as value, i.channel, i.created_at
      from seed_ideas i
      union all
      select i.id, ${customerUserId(plan, 'voter')}, case when ${draw('vote.value', 'i.n', 'k')} < case when i.status = 'declined' then 0.35 else 0.07 end then -1 else 1 end,
             'web', since + (i.vote_end - since) * power(${draw('vote.time', 'i.n', 'k')}, 2)
      from seed_vote_plan p
      join seed_ideas i using (n)
      cross join lateral generate_series(0, p.votes - 1) k
      cross join lateral (select 1 + ((p.start + k::int8 * p.step) % p.voters)::int as candidate) c
      -- The author already voted: their turn goes to the customer just past the window.
      cross join lateral (select case when candidate = i.author_k then p.voters + 1 else candidate end as voter) v
      cross join lateral (select greatest(i.created_at, ${joinedAt(plan, 'voter')}) as since) s`),
  )
}

/** Comments, skewed like the votes (popular ideas are discussed more), with one level of replies. */
async function planComments(tx: Executor, plan: Plan) {
  const dutch = customerIsDutch('commenter')
  const body = (language: 'en' | 'nl') =>
    `${pick(commentSentences[language], draw('comment.first', 'i.n', 'k'), 1.3)} || case when ${draw('comment.more', 'i.n', 'k')} < 0.4 then ' ' || ${pick(commentSentences[language], draw('comment.second', 'i.n', 'k'))} else '' end`
  await tx.execute(
    sql.raw(`
      create temp table seed_comments on commit drop as
      with weights as (
        select i.n, case when i.held_at is not null then 0 else power(p.votes + 2, 0.85) * (0.3 + ${draw('comment.appeal', 'i.n')}) end as weight,
               ${plan.size.comments} as cap
        from seed_ideas i join seed_vote_plan p using (n)
      ),
      amounts as (${apportion('weights', plan.size.comments)}),
      drawn as (
        select i.id as idea_id, k, commented_at as created_at,
               case when staff then ${moderatorUserId(plan, draw('comment.moderator', 'i.n', 'k'))} else ${customerUserId(plan, 'commenter')} end as author_id,
               case when not staff and ${dutch} then ${body('nl')} else ${body('en')} end as body,
               k > 0 and ${draw('comment.reply', 'i.n', 'k')} < 0.35 as is_reply,
               case when ${draw('comment.deleted', 'i.n', 'k')} < 0.015 then least(commented_at + interval '2 hours', now()) end as deleted_at,
               case when ${draw('comment.hidden', 'i.n', 'k')} < 0.003 then least(commented_at + interval '1 day', now()) end as hidden_at
        from amounts a
        join seed_ideas i using (n)
        cross join lateral generate_series(0, a.amount - 1) k
        -- Most of the talk happens soon after posting.
        cross join lateral (select i.created_at + (now() - i.created_at) * power(${draw('comment.time', 'i.n', 'k')}, 2.2) as commented_at) t
        cross join lateral (
          select i.answered_at is not null and commented_at > i.answered_at and ${draw('comment.staff', 'i.n', 'k')} < 0.04 as staff,
                 1 + floor(greatest(${customersAt(plan, 'commented_at')}, 1) * power(${draw('comment.author', 'i.n', 'k')}, 1.5))::int as commenter
        ) who
      ),
      numbered as (
        select drawn.*, row_number() over (order by created_at, idea_id, k) as seq from drawn
      ),
      threaded as (
        -- A reply answers the latest top-level comment before it (replies are one level deep).
        select numbered.*, case when is_reply then max(case when not is_reply then seq end)
                 over (partition by idea_id order by seq rows between unbounded preceding and 1 preceding) end as parent_seq
        from numbered
      )
      select ${plan.commentBase} + seq as id, idea_id, author_id, ${plan.commentBase} + parent_seq as parent_id, body, created_at,
             deleted_at, case when deleted_at is null then hidden_at end as hidden_at
      from threaded`),
  )
}

/** Authors, voters and commenters follow the idea (as the app makes them); a few unfollowed since. */
async function planFollows(tx: Executor) {
  await tx.execute(
    sql.raw(`
      create temp table seed_follows on commit drop as
      select f.idea_id, f.user_id, f.created_at
      from (
        select idea_id, user_id, min(created_at) as created_at
        from (select idea_id, user_id, created_at from seed_votes
              union all
              select idea_id, author_id, created_at from seed_comments) interactions
        group by idea_id, user_id
      ) f
      join seed_ideas i on i.id = f.idea_id
      where f.user_id = i.author_id or ${draw('follow.unfollow', 'f.idea_id', 'f.user_id')} >= 0.04`),
  )
}

/** The ideas, with their counters computed from the planned rows (the check recomputes them). */
async function insertIdeas(tx: Executor) {
  const score = '(coalesce(v.ups, 0) - coalesce(v.downs, 0))'
  await tx.execute(
    sql.raw(`
      insert into ideas (id, author_id, kind, category_id, status_id, title, slug, description, up_votes, down_votes, score,
                         comment_count, follower_count, hot_score, created_at, updated_at, status_changed_at, withdrawn_at,
                         channel, first_response_due_at, channel_network, external_ref, answered_at, hidden_at, hidden_reason,
                         held_at, held_reason)
      overriding system value
      select i.id, i.author_id, i.kind, i.category_id, s.id, i.title,
             -- slugify() for ASCII titles (the vocabulary is ASCII): lower-case words joined by dashes.
             coalesce(nullif(rtrim(left(trim(both '-' from regexp_replace(lower(i.title), '[^a-z0-9]+', '-', 'g')), 60), '-'), ''), 'idea'),
             i.description, coalesce(v.ups, 0), coalesce(v.downs, 0), ${score}, coalesce(c.live, 0), coalesce(f.total, 0),
             ${hotScoreSql(score, 'i.created_at')},
             i.created_at, greatest(i.status_changed_at, i.withdrawn_at, i.created_at), i.status_changed_at, i.withdrawn_at,
             i.channel, i.first_response_due_at, i.channel_network, i.external_ref, i.answered_at,
             i.hidden_at, case when i.hidden_at is not null then 'Off-topic: about another company.' end,
             i.held_at, case when i.held_at is not null then 'spam:links' end
      from seed_ideas i
      join statuses s on s.slug = i.status
      left join (select idea_id, count(*) filter (where value = 1) as ups, count(*) filter (where value = -1) as downs
                 from seed_votes group by idea_id) v on v.idea_id = i.id
      left join (select idea_id, count(*) filter (where deleted_at is null and hidden_at is null) as live
                 from seed_comments group by idea_id) c on c.idea_id = i.id
      left join (select idea_id, count(*) as total from seed_follows group by idea_id) f on f.idea_id = i.id
      order by i.id`),
  )
}

async function insertVotes(tx: Executor) {
  await tx.execute(
    sql.raw(`
      insert into votes (idea_id, user_id, value, channel, created_at, updated_at)
      select idea_id, user_id, value, channel, created_at, created_at from seed_votes order by created_at, idea_id, user_id`),
  )
}

async function insertComments(tx: Executor) {
  await tx.execute(
    sql.raw(`
      insert into comments (id, idea_id, author_id, parent_id, body, created_at, deleted_at, hidden_at, hidden_reason)
      overriding system value
      select id, idea_id, author_id, parent_id, body, created_at, deleted_at, hidden_at,
             case when hidden_at is not null then 'offensive' end
      from seed_comments order by id`),
  )
}

async function insertFollows(tx: Executor) {
  await tx.execute(
    sql.raw(
      'insert into follows (idea_id, user_id, created_at) select idea_id, user_id, created_at from seed_follows order by created_at, idea_id, user_id',
    ),
  )
}

/** The team's public answers (a response per status change) and their audit rows. */
async function insertTeamAnswers(tx: Executor, plan: Plan) {
  const body = `(case to_status ${Object.entries(statusResponses)
    .map(([slug, text]) => `when ${literal(slug)} then ${literal(text)}`)
    .join(' ')} end)`
  await tx.execute(
    sql.raw(`
      create temp table seed_responses on commit drop as
      select idea_id, ${moderatorUserId(plan, draw('response.moderator', 'idea_id', 'step'))} as author_id, from_status, to_status, ${body} as body, created_at
      from (
        select id as idea_id, 1 as step, 'new' as from_status, case when via_review then 'under-review' else status end as to_status, answered_at as created_at
        from seed_ideas where answered_at is not null
        union all
        select id, 2, 'under-review', status, status_changed_at from seed_ideas where via_review
      ) steps`),
  )
  await tx.execute(
    sql.raw(`
      insert into idea_responses (idea_id, author_id, from_status_id, to_status_id, body, created_at)
      select r.idea_id, r.author_id, f.id, t.id, r.body, r.created_at
      from seed_responses r join statuses f on f.slug = r.from_status join statuses t on t.slug = r.to_status
      order by r.created_at`),
  )
  await tx.execute(
    sql.raw(`
      insert into audit_log (actor_id, action, target_type, target_id, before, after, created_at)
      select author_id, 'idea.status', 'idea', idea_id, jsonb_build_object('status', from_status),
             jsonb_build_object('status', to_status, 'response', body, 'notified', true), created_at
      from seed_responses order by created_at`),
  )
}

/** The tables the bulk load fills, whose foreign keys and secondary indexes wait until it is done. */
const BULK_TABLES = [
  'ideas',
  'votes',
  'comments',
  'follows',
  'idea_responses',
  'audit_log',
  'contributor_points',
]

/**
 * Runs the load with the tables' foreign keys and secondary indexes (those not backing a
 * constraint) dropped, then recreates them exactly as they were, from pg_get_indexdef and
 * pg_get_constraintdef: one index build over all rows and one join per foreign key cost far less than
 * keeping both up to date row by row ("Populating a Database" in the PostgreSQL manual).
 */
async function withoutIndexesAndForeignKeys<T>(
  tx: Executor,
  tables: string[],
  load: () => Promise<T>,
  step: Step,
): Promise<T> {
  const list = `array[${tables.map(literal).join(', ')}]::regclass[]`
  const foreignKeys = await queryRows<{ table_name: string; name: string; definition: string }>(
    tx,
    sql.raw(`select conrelid::regclass::text as table_name, conname as name, pg_get_constraintdef(oid) as definition
             from pg_constraint where contype = 'f' and conrelid = any(${list}) order by conrelid::regclass::text, conname`),
  )
  const indexes = await queryRows<{ name: string; definition: string }>(
    tx,
    sql.raw(`select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
             from pg_index i join pg_class c on c.oid = i.indexrelid
             where i.indrelid = any(${list}) and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
             order by c.relname`),
  )
  for (const key of foreignKeys)
    await tx.execute(sql.raw(`alter table ${key.table_name} drop constraint "${key.name}"`))
  for (const index of indexes) await tx.execute(sql.raw(`drop index "${index.name}"`))
  // The AFTER triggers too, the page versions' (drizzle/0032) among them: each row would touch its
  // idea at commit, and their pending events forbid building an index in the same transaction. New
  // rows of new ideas have no earlier version any page was kept under. The BEFORE row triggers stay:
  // they compute the row's own columns (an idea's search words, drizzle/0034), which the app's pages
  // read as if the app had written the row.
  const afterTriggers = await queryRows<{ table_name: string; name: string }>(
    tx,
    sql.raw(`select tgrelid::regclass::text as table_name, tgname as name from pg_trigger
             where tgrelid = any(${list}) and not tgisinternal and tgtype & 2 = 0
             order by tgrelid::regclass::text, tgname`),
  )
  for (const trigger of afterTriggers)
    await tx.execute(sql.raw(`alter table ${trigger.table_name} disable trigger "${trigger.name}"`))
  const result = await load()
  for (const trigger of afterTriggers)
    await tx.execute(sql.raw(`alter table ${trigger.table_name} enable trigger "${trigger.name}"`))
  await step(`${indexes.length} indexes, ${foreignKeys.length} foreign keys`, async () => {
    for (const index of indexes) await tx.execute(sql.raw(index.definition))
    for (const key of foreignKeys)
      await tx.execute(
        sql.raw(`alter table ${key.table_name} add constraint "${key.name}" ${key.definition}`),
      )
  })
  return result
}

/** Identity sequences continue after the explicit ids this seed used. */
async function advanceSequences(tx: Executor) {
  for (const table of ['users', 'ideas', 'comments']) {
    await tx.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`,
      ),
    )
  }
}

async function startingIds(tx: Executor) {
  const [row] = await queryRows<{ users: number; ideas: number; comments: number }>(
    tx,
    sql`select (select coalesce(max(id), 0) from users)::int as users, (select coalesce(max(id), 0) from ideas)::int as ideas,
               (select coalesce(max(id), 0) from comments)::int as comments`,
  )
  return {
    userBase: Number(row!.users),
    ideaBase: Number(row!.ideas),
    commentBase: Number(row!.comments),
  }
}

/**
 * Loads the data set into the database behind `executor` (migrated, with its reference data), in one
 * transaction. Ids continue after any rows already there; the CLI refuses a database with ideas.
 */
export async function seedLargeData(
  executor: Executor,
  {
    scale = 1,
    size: overrides,
    log = () => {},
  }: { scale?: number; size?: Partial<LargeDataSize>; log?: (line: string) => void } = {},
): Promise<LargeDataResult> {
  const size = largeDataSize(scale, overrides)
  const timings: StepTiming[] = []
  const follows = await executor.transaction(async (tx) => {
    const step: Step = async (name, run) => {
      const started = performance.now()
      const result = await run()
      const seconds = (performance.now() - started) / 1000
      timings.push({ step: name, seconds })
      log(`  ${name.padEnd(34)} ${seconds.toFixed(1).padStart(6)} s`)
      return result
    }
    // One transaction: a single commit, so waiting for each WAL flush buys nothing here. JIT is off
    // because compiling these long expressions costs more than running them (23 s of 36 s for the
    // idea plan at full scale).
    for (const setting of [
      'synchronous_commit = off',
      'jit = off',
      "work_mem = '128MB'",
      "maintenance_work_mem = '256MB'",
    ]) {
      await tx.execute(sql.raw(`set local ${setting}`))
    }
    const plan: Plan = { size, customers: size.users - STAFF_COUNT, ...(await startingIds(tx)) }
    await step(`users (${size.users})`, () => createUsers(tx, plan))
    await step('plan ideas', () => planIdeas(tx, plan))
    await step('plan votes', () => planVotes(tx, plan))
    await step('plan comments', () => planComments(tx, plan))
    await step('plan follows', () => planFollows(tx))
    const [followCount] = await queryRows<{ total: number }>(
      tx,
      sql.raw('select count(*)::int as total from seed_follows'),
    )
    await withoutIndexesAndForeignKeys(
      tx,
      BULK_TABLES,
      async () => {
        await step(`ideas (${size.ideas})`, () => insertIdeas(tx))
        await step(`votes (${size.votes})`, () => insertVotes(tx))
        await step(`comments (${size.comments})`, () => insertComments(tx))
        await step(`follows (${followCount?.total})`, () => insertFollows(tx))
        await step('team answers and audit log', () => insertTeamAnswers(tx, plan))
        await step('contributor points', () => recountPoints({ executor: tx }))
      },
      step,
    )
    await step('sequences, analyze', async () => {
      await advanceSequences(tx)
      await tx.execute(
        sql.raw(
          'analyze users, ideas, votes, comments, follows, idea_responses, contributor_points, audit_log',
        ),
      )
    })
    return Number(followCount?.total ?? 0)
  })
  return { size, follows, timings }
}

// ---------------------------------------------------------------------------------------------
// Afterwards: the check that counters agree with the rows, and the rows the benchmark aims at.

export type ConsistencyReport = Record<string, number>

/**
 * Counts the rows whose stored values disagree with what the rows say: idea counters (as
 * recountIdeas computes them, hot_score by the app's formula), answer dates, and contributor
 * points (compared with a fresh recountPoints, which leaves equal counters unchanged), and the
 * columns the app's triggers compute (an idea's search words). All zero is consistent.
 */
export async function checkLargeData(executor: Executor): Promise<ConsistencyReport> {
  const expectedScore = '(coalesce(v.ups, 0) - coalesce(v.downs, 0))'
  const [ideaRow] = await queryRows<ConsistencyReport>(
    executor,
    sql.raw(`
      select count(*) filter (where i.up_votes <> coalesce(v.ups, 0))::int as up_votes,
             count(*) filter (where i.down_votes <> coalesce(v.downs, 0))::int as down_votes,
             count(*) filter (where i.score <> ${expectedScore})::int as score,
             count(*) filter (where abs(i.hot_score - ${hotScoreSql(expectedScore, 'i.created_at')}) > 1e-9)::int as hot_score,
             count(*) filter (where i.comment_count <> coalesce(c.live, 0))::int as comment_count,
             count(*) filter (where i.follower_count <> coalesce(f.total, 0))::int as follower_count,
             count(*) filter (where (s.slug = 'new') <> (i.answered_at is null) or i.answered_at < i.created_at)::int as answered_at,
             count(*) filter (where i.status_changed_at < coalesce(i.answered_at, i.created_at))::int as status_changed_at,
             count(*) filter (where i.first_response_due_at <= i.created_at)::int as first_response_due_at,
             count(*) filter (where own.user_id is null)::int as authors_own_vote,
             -- Written by the ideas_search_vector trigger (drizzle/0034) as the row is inserted.
             count(*) filter (where i.search_vector is null)::int as search_vector
      from ideas i
      join statuses s on s.id = i.status_id
      left join (select idea_id, count(*) filter (where value = 1) as ups, count(*) filter (where value = -1) as downs
                 from votes group by idea_id) v on v.idea_id = i.id
      left join (select idea_id, count(*) as live from comments where deleted_at is null and hidden_at is null group by idea_id) c on c.idea_id = i.id
      left join (select idea_id, count(*) as total from follows group by idea_id) f on f.idea_id = i.id
      left join votes own on own.idea_id = i.id and own.user_id = i.author_id`),
  )
  const [timeRow] = await queryRows<ConsistencyReport>(
    executor,
    sql.raw(`
      select (select count(*) from votes v join users u on u.id = v.user_id where v.created_at < u.created_at)::int as votes_before_joining,
             (select count(*) from comments c join comments p on p.id = c.parent_id
              where p.parent_id is not null or p.idea_id <> c.idea_id or p.created_at > c.created_at)::int as reply_threads`),
  )
  const points = await executor.transaction(async (tx) => {
    await tx.execute(
      sql.raw(
        'create temp table seed_points_before on commit drop as select * from contributor_points',
      ),
    )
    await recountPoints({ executor: tx })
    const [row] = await queryRows<{ differences: number }>(
      tx,
      sql.raw(`
        select count(*)::int as differences from (
          (select user_id, period, votes_received, ideas_implemented from seed_points_before
           except select user_id, period, votes_received, ideas_implemented from contributor_points)
          union all
          (select user_id, period, votes_received, ideas_implemented from contributor_points
           except select user_id, period, votes_received, ideas_implemented from seed_points_before)
        ) changed`),
    )
    return Number(row?.differences ?? 0)
  })
  const report: ConsistencyReport = {}
  for (const [key, value] of Object.entries({ ...ideaRow, ...timeRow })) report[key] = Number(value)
  report.contributor_points = points
  return report
}

export type LargeDataLandmarks = {
  counts: Record<string, number>
  /** Public ideas with about 50 live comments: the idea page the benchmark loads. */
  ideasWithAbout50Comments: number[]
  mostVotedIdeas: { id: number; score: number; comments: number }[]
  /** How many public ideas each example search word finds (the list page's search). */
  searchWordMatches: Record<string, number>
}

export async function largeDataLandmarks(executor: Executor): Promise<LargeDataLandmarks> {
  const [counts] = await queryRows<Record<string, number>>(
    executor,
    sql.raw(`
      select (select count(*) from users)::int as users, (select count(*) from ideas)::int as ideas,
             (select count(*) from votes)::int as votes, (select count(*) from votes where value = -1)::int as down_votes,
             (select count(*) from comments)::int as comments, (select count(*) from follows)::int as follows,
             (select count(*) from idea_responses)::int as responses, (select count(*) from contributor_points)::int as contributor_points,
             (select count(*) from ideas where answered_at is null and is_public)::int as triage_queue,
             (select max(score) from ideas)::int as top_score, (select max(comment_count) from ideas)::int as most_comments`),
  )
  const about50 = await queryRows<{ id: number }>(
    executor,
    sql.raw(
      'select id from ideas where is_public and comment_count between 48 and 55 order by id limit 10',
    ),
  )
  const top = await queryRows<{ id: number; score: number; comments: number }>(
    executor,
    sql.raw(
      'select id, score, comment_count as comments from ideas order by score desc, id desc limit 5',
    ),
  )
  const words = [
    ...Object.values(LARGE_DATA_SEARCH_WORDS.common),
    ...Object.values(LARGE_DATA_SEARCH_WORDS.rare),
  ]
  const searchWordMatches: Record<string, number> = {}
  for (const word of words) {
    const [row] = await queryRows<{ total: number }>(
      executor,
      sql`select count(*)::int as total from ideas
          where is_public and search_vector @@ (websearch_to_tsquery('english', ${word}) || websearch_to_tsquery('dutch', ${word}))`,
    )
    searchWordMatches[word] = Number(row?.total ?? 0)
  }
  return {
    counts: Object.fromEntries(
      Object.entries(counts ?? {}).map(([key, value]) => [key, Number(value)]),
    ),
    ideasWithAbout50Comments: about50.map((row) => Number(row.id)),
    mostVotedIdeas: top.map((row) => ({
      id: Number(row.id),
      score: Number(row.score),
      comments: Number(row.comments),
    })),
    searchWordMatches,
  }
}
