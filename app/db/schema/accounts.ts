// People, their sessions and their roles.
import { relations, sql } from 'drizzle-orm'
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

import { type Locale, type Role } from '#app/domain/accounts/accounts.rules'

export { type Locale, locales, type Role, roles } from '#app/domain/accounts/accounts.rules'

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    handle: text('handle').notNull(),
    passwordHash: text('password_hash'),
    role: text('role').$type<Role>().notNull().default('customer'),
    locale: text('locale').$type<Locale>().notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Suspended until this moment (a ban is a suspension without end: bannedAt). */
    suspendedUntil: timestamp('suspended_until', { withTimezone: true }),
    bannedAt: timestamp('banned_at', { withTimezone: true }),
    suspensionReason: text('suspension_reason'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    /** Set for a customer staff captured (store, phone, …) who has no account yet. */
    unclaimedSince: timestamp('unclaimed_since', { withTimezone: true }),
    /** When the customer's own account took this captured history over: the account's id. */
    claimedById: integer('claimed_by_id'),
    phone: text('phone'),
    /** Set when the person deleted their account: the row stays, emptied, so votes keep counting. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    // One account per address, and at most one captured (unclaimed) person per address beside it.
    uniqueIndex('users_email_unique')
      .on(sql`lower(${table.email})`)
      .where(sql`${table.unclaimedSince} is null`),
    uniqueIndex('users_unclaimed_email_unique')
      .on(sql`lower(${table.email})`)
      .where(sql`${table.unclaimedSince} is not null`),
    uniqueIndex('users_handle_unique').on(table.handle),
    // The team by name (listTeam, on every back-office list) without reading every customer.
    index('users_role_idx').on(table.role, table.displayName),
    check(
      'users_role_check',
      sql`${table.role} in ('customer', 'agent', 'moderator', 'marketer', 'admin')`,
    ),
    check('users_locale_check', sql`${table.locale} in ('en', 'nl')`),
  ],
)

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Refreshed at most every few minutes (see sessions.server), so a request does not write. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** The browser's User-Agent at sign-in (shortened), so people can tell their sessions apart. */
    userAgent: text('user_agent'),
  },
  (table) => [index('sessions_user_id_idx').on(table.userId)],
)

/** Handles a person had before: their old profile address redirects to the current one. */
export const handleHistory = pgTable(
  'handle_history',
  {
    handle: text('handle').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('handle_history_user_idx').on(table.userId)],
)

/**
 * An account's sign-ins with an OpenID Connect provider: the provider's id (from the configuration)
 * and its stable subject for the person. `createdAt` is when the account was created or linked with
 * it, `lastSignInAt` the latest sign-in; both show on the person's back-office timeline.
 */
export const ssoIdentities = pgTable(
  'sso_identities',
  {
    providerId: text('provider_id').notNull(),
    subject: text('subject').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /**
     * How the link was made: 'created' (the account came from this sign-in), 'linked' (after proof), or
     * 'takenOver' (the account's address was never verified, so the provider's verified person took it).
     */
    origin: text('origin').$type<'created' | 'linked' | 'takenOver'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.providerId, table.subject] }),
    // One identity per provider per account: a second one would make "which one signed in" ambiguous.
    uniqueIndex('sso_identities_user_provider_unique').on(table.userId, table.providerId),
    check(
      'sso_identities_origin_check',
      sql`${table.origin} in ('created', 'linked', 'takenOver')`,
    ),
  ],
)

export const usersRelations = relations(users, ({ many }) => ({
  sessions: many(sessions),
}))

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}))

export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert
