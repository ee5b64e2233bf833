// `npm run user:create -- --email a@b.c --role admin [--name "Ann"] [--password …]`:
// creates an account, or changes the role of an existing one. Prints a generated password if none is given.
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'

import { z } from 'zod'

import { closeDatabase, connection } from '#app/db/db.server'
import { migrateDatabase } from '#app/db/migrate.server'
import { roles } from '#app/db/schema'
import { createUser, findUserByEmail, setUserRole } from '#app/domain/accounts/accounts.server'

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string', default: 'customer' },
    name: { type: 'string' },
    password: { type: 'string' },
  },
})

const input = z
  .object({
    email: z.email('--email must be an email address'),
    role: z.enum(roles, { error: `--role must be one of ${roles.join(', ')}` }),
    name: z.string().min(2).max(50).optional(),
    password: z.string().min(10, '--password needs at least 10 characters').optional(),
  })
  .safeParse(values)

if (!input.success) {
  for (const issue of input.error.issues) console.error(issue.message)
  process.exit(1)
}

const { email, role, name, password } = input.data
await migrateDatabase(connection())
const existing = await findUserByEmail({ email })
if (existing) {
  await setUserRole({ email, role })
  console.log(`${email} already exists; role set to ${role}.`)
} else {
  const chosenPassword = password ?? randomBytes(12).toString('base64url')
  await createUser({
    email,
    displayName: name ?? email.split('@')[0]!,
    password: chosenPassword,
    role,
  })
  console.log(`Created ${email} with role ${role}.`)
  if (!password)
    console.log(`Password: ${chosenPassword}  (shown once; change it after signing in)`)
}
await closeDatabase()
