// "You asked, we built": update posts by marketers, their linked ideas, revisions and images.
import { sql } from 'drizzle-orm'
import {
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

import { users } from './accounts'
import { ideas } from './ideas'

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
})

/** Uploaded images (update covers), kept in the database so every instance can serve them. */
export const images = pgTable(
  'images',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The image's address (/images/<token>): 128 random bits, so a draft's cover cannot be guessed. */
    token: text('token').notNull(),
    contentType: text('content_type').notNull(),
    bytes: bytea('bytes').notNull(),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('images_token_unique').on(table.token)],
)

export const updateStatuses = ['draft', 'scheduled', 'published'] as const
export type UpdateStatus = (typeof updateStatuses)[number]

export const updates = pgTable(
  'updates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    coverImageId: integer('cover_image_id').references(() => images.id, { onDelete: 'set null' }),
    status: text('status').$type<UpdateStatus>().notNull().default('draft'),
    /** When a scheduled update goes live. */
    publishAt: timestamp('publish_at', { withTimezone: true }),
    /** First publication; stays when edited or re-published, so the feed order is stable. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('updates_slug_unique').on(table.slug),
    index('updates_published_idx')
      .on(table.publishedAt.desc().nullsFirst(), table.id.desc().nullsFirst())
      .where(sql`${table.status} = 'published'`),
    index('updates_scheduled_idx')
      .on(table.publishAt)
      .where(sql`${table.status} = 'scheduled'`),
    check('updates_status_check', sql`${table.status} in ('draft', 'scheduled', 'published')`),
  ],
)

export const updateIdeas = pgTable(
  'update_ideas',
  {
    updateId: integer('update_id')
      .notNull()
      .references(() => updates.id, { onDelete: 'cascade' }),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
  },
  (table) => [
    primaryKey({ columns: [table.updateId, table.ideaId] }),
    index('update_ideas_idea_idx').on(table.ideaId),
  ],
)

/** Earlier versions of an update, one row per edit after publishing. */
export const updateRevisions = pgTable(
  'update_revisions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    updateId: integer('update_id')
      .notNull()
      .references(() => updates.id, { onDelete: 'cascade' }),
    editorId: integer('editor_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('update_revisions_update_idx').on(table.updateId, table.createdAt)],
)
