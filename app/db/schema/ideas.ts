// Ideas, the categories they are filed under and the statuses the product team gives them.
import { relations, type SQL, sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

import type { IdeaKind, StatusCategory } from '#app/domain/ideas/ideas.rules'
import type { ContentLanguage } from '#app/utils/content-language'

import { users } from './accounts'
import { comments } from './comments'
import { votes } from './votes'

export {
  type IdeaKind,
  ideaKinds,
  statusCategories,
  type StatusCategory,
} from '#app/domain/ideas/ideas.rules'

const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector'
  },
})

export const categories = pgTable(
  'categories',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<IdeaKind>().notNull(),
    slug: text('slug').notNull(),
    nameEn: text('name_en').notNull(),
    nameNl: text('name_nl').notNull(),
    position: integer('position').notNull().default(0),
    retired: boolean('retired').notNull().default(false),
  },
  (table) => [
    uniqueIndex('categories_kind_slug_unique').on(table.kind, table.slug),
    check('categories_kind_check', sql`${table.kind} in ('product', 'experience', 'involvement')`),
  ],
)

export const statuses = pgTable(
  'statuses',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull().unique(),
    nameEn: text('name_en').notNull(),
    nameNl: text('name_nl').notNull(),
    color: text('color').notNull(),
    position: integer('position').notNull(),
    category: text('category').$type<StatusCategory>().notNull(),
    onRoadmap: boolean('on_roadmap').notNull().default(false),
    retired: boolean('retired').notNull().default(false),
  },
  (table) => [
    check('statuses_category_check', sql`${table.category} in ('open', 'active', 'closed')`),
  ],
)

export const ideas = pgTable(
  'ideas',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').$type<IdeaKind>().notNull(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    statusId: integer('status_id')
      .notNull()
      .references(() => statuses.id),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull(),
    /** The language it is written in (en, nl; detected, the author may correct it); null: unknown. */
    language: text('language').$type<ContentLanguage>(),
    upVotes: integer('up_votes').notNull().default(0),
    downVotes: integer('down_votes').notNull().default(0),
    score: integer('score').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    followerCount: integer('follower_count').notNull().default(0),
    /** Trending rank: vote score with time decay, kept current by every vote (see ideas.rules). */
    hotScore: doublePrecision('hot_score').notNull().default(0),
    /**
     * The version of what the idea's page shows: one more on every change to this row, and on every
     * write to what the page shows of it (comments, answers, tags, follows, reports, updates, the
     * names of the people on it), by triggers in the same transaction (drizzle/0032, decision 040).
     */
    pageVersion: bigint('page_version', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the idea entered its current status (the roadmap shows recent launches by it). */
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the author changed the title or description (revisions keep the earlier text). */
    editedAt: timestamp('edited_at', { withTimezone: true }),
    /** Set when the author withdrew the idea: gone from lists, its page says so. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** A token from the form: the same submission twice creates one idea. */
    submissionKey: text('submission_key'),
    /** Where the idea came in: web, or a channel staff captured it from (store, phone, …). */
    channel: text('channel').notNull().default('web'),
    /** When the first response is promised by (from the promises and the working calendar). */
    firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true }),
    /** For social media: the network (x, facebook, instagram, …). */
    channelNetwork: text('channel_network'),
    /** A reference in the channel it came from: ticket number, tweet URL, store code. */
    externalRef: text('external_ref'),
    /** When the team first answered (a status change or an official response); null = in triage. */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    assigneeId: integer('assignee_id').references((): AnyPgColumn => users.id, {
      onDelete: 'set null',
    }),
    commentsLockedAt: timestamp('comments_locked_at', { withTimezone: true }),
    /** Hidden by moderation: gone for the public, kept for audit; the author sees the reason. */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
    /** Waiting for approval (pre-moderation or the spam check); only the author sees it. */
    heldAt: timestamp('held_at', { withTimezone: true }),
    heldReason: text('held_reason'),
    /** Set when merged as a duplicate: the original this idea points to. */
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => ideas.id, {
      onDelete: 'set null',
    }),
    /** Listed, searchable and open to everyone: not withdrawn, hidden or held. */
    isPublic: boolean('is_public').generatedAlwaysAs(
      (): SQL =>
        sql`${ideas.withdrawnAt} is null and ${ideas.hiddenAt} is null and ${ideas.heldAt} is null`,
    ),
    /**
     * The title's and description's words in English and Dutch, for search: kept by the trigger
     * `ideas_search_vector` (drizzle/0034) whenever the title or description is written, and never
     * written by the app. A generated column was computed again on every write of the row (four
     * `to_tsvector`s for each vote's counters): ballots ran at a third of the speed.
     */
    searchVector: tsvector('search_vector'),
  },
  (table) => [
    check('ideas_kind_check', sql`${table.kind} in ('product', 'experience', 'involvement')`),
    index('ideas_hot_idx').on(table.hotScore.desc().nullsFirst(), table.id.desc().nullsFirst()),
    index('ideas_top_idx').on(table.score.desc().nullsFirst(), table.id.desc().nullsFirst()),
    index('ideas_new_idx').on(table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    index('ideas_discussed_idx').on(
      table.commentCount.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index('ideas_status_hot_idx').on(
      table.statusId,
      table.hotScore.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // The roadmap's columns: each status's top ideas (getRoadmap). Without it each column walked the
    // whole board's top list for its 30 ideas (10 ms of the bench's 100,000 ideas for a roadmap).
    index('ideas_status_top_idx').on(
      table.statusId,
      table.score.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index('ideas_author_idx').on(table.authorId, table.createdAt.desc().nullsFirst()),
    index('ideas_search_idx').using('gin', table.searchVector),
    uniqueIndex('ideas_submission_unique').on(table.authorId, table.submissionKey),
    // The triage queue's order (listTriage): by promised answer date, ideas without one last.
    index('ideas_triage_queue_idx')
      .on(sql`coalesce(${table.firstResponseDueAt}, 'infinity'::timestamptz)`, table.id)
      .where(sql`${table.answeredAt} is null and ${table.isPublic}`),
    index('ideas_triage_due_idx')
      .on(table.firstResponseDueAt, table.id)
      .where(sql`${table.answeredAt} is null and ${table.isPublic}`),
    index('ideas_held_idx')
      .on(table.heldAt, table.id)
      .where(sql`${table.heldAt} is not null`),
    index('ideas_assignee_idx')
      .on(table.assigneeId, table.createdAt)
      .where(sql`${table.assigneeId} is not null`),
    index('ideas_merged_into_idx')
      .on(table.mergedIntoId)
      .where(sql`${table.mergedIntoId} is not null`),
  ],
)

/**
 * The team's public answers on an idea: a status change (from → to) with its response, or an
 * official response without a change (both statuses null). The idea page shows them as a timeline.
 */
export const ideaResponses = pgTable(
  'idea_responses',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    fromStatusId: integer('from_status_id').references(() => statuses.id),
    toStatusId: integer('to_status_id').references(() => statuses.id),
    body: text('body').notNull().default(''),
    /** Whether followers and voters were told. */
    notified: boolean('notified').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('idea_responses_idea_idx').on(table.ideaId, table.createdAt),
    // The ideas a person answered, when their name or role changes (drizzle/0032's trigger).
    index('idea_responses_author_idx')
      .on(table.authorId)
      .where(sql`${table.authorId} is not null`),
  ],
)

/** Staff-only notes on an idea. */
export const internalNotes = pgTable(
  'internal_notes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('internal_notes_idea_idx').on(table.ideaId, table.createdAt)],
)

/** Labels the team puts on ideas; public ones show on the site and filter the lists. */
export const tags = pgTable(
  'tags',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    nameEn: text('name_en').notNull(),
    nameNl: text('name_nl').notNull(),
    isPublic: boolean('is_public').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('tags_slug_unique').on(table.slug)],
)

export const ideaTags = pgTable(
  'idea_tags',
  {
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (table) => [
    primaryKey({ columns: [table.ideaId, table.tagId] }),
    index('idea_tags_tag_idx').on(table.tagId, table.ideaId),
  ],
)

/** Earlier versions of an idea's title and description, one row per edit. */
export const ideaRevisions = pgTable(
  'idea_revisions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    editorId: integer('editor_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('idea_revisions_idea_idx').on(table.ideaId, table.createdAt)],
)

/** An idea a visitor wrote before signing in; picked up again after sign-in, deleted after a week. */
export const ideaDrafts = pgTable(
  'idea_drafts',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<IdeaKind>().notNull(),
    categoryId: integer('category_id').references(() => categories.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('idea_drafts_created_idx').on(table.createdAt)],
)

export const ideasRelations = relations(ideas, ({ one, many }) => ({
  author: one(users, { fields: [ideas.authorId], references: [users.id] }),
  category: one(categories, { fields: [ideas.categoryId], references: [categories.id] }),
  status: one(statuses, { fields: [ideas.statusId], references: [statuses.id] }),
  votes: many(votes),
  comments: many(comments),
}))

export type Idea = typeof ideas.$inferSelect
export type Category = typeof categories.$inferSelect
export type Status = typeof statuses.$inferSelect
