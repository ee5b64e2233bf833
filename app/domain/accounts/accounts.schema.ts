// Input schemas for sign-up, sign-in and the account's self-service pages; messages are i18n keys the forms translate.
import { z } from 'zod'

import { oneLine, withoutInvisibleControls } from '#app/utils/text.rules'

import { isValidHandle, roles } from './accounts.rules'

const email = z
  .string({ error: 'validation.required' })
  .trim()
  .toLowerCase()
  .min(1, 'validation.required')
  .max(254, 'validation.emailInvalid')
  .pipe(z.email({ error: 'validation.emailInvalid' }))

export const signUpSchema = z
  .object({
    email,
    displayName: z
      .string({ error: 'validation.required' })
      .transform(oneLine)
      .pipe(
        z
          .string()
          .trim()
          .min(1, 'validation.required')
          .min(2, 'validation.displayNameLength')
          .max(50, 'validation.displayNameLength'),
      ),
    password: z
      .string({ error: 'validation.required' })
      .min(1, 'validation.required')
      .min(10, 'validation.passwordTooShort')
      .max(200, 'validation.passwordTooLong'),
    redirectTo: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    // Only a typed password can contain a typed email: with either empty, "required" is the message.
    if (!value.email || !value.password) return
    const password = value.password.toLowerCase()
    const localPart = value.email.split('@')[0] ?? ''
    if (password === value.email || (localPart.length >= 4 && password.includes(localPart))) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'validation.passwordContainsEmail',
      })
    }
  })

export const signInSchema = z.object({
  email,
  password: z
    .string({ error: 'validation.required' })
    .min(1, 'validation.required')
    .max(200, 'validation.signInFailed'),
  redirectTo: z.string().optional(),
})

export type SignUpInput = z.infer<typeof signUpSchema>
export type SignInInput = z.infer<typeof signInSchema>

export const forgotPasswordSchema = z.object({ email })

/** "Send the email again" on the page after sign-up; redirectTo only carries on to the sign-in link. */
export const signUpResendSchema = z.object({ email, redirectTo: z.string().optional() })

export const newPasswordSchema = z.object({
  password: z
    .string({ error: 'validation.required' })
    .min(1, 'validation.required')
    .min(10, 'validation.passwordTooShort')
    .max(200, 'validation.passwordTooLong'),
})

// Self-service on /account: profile, email, password, sessions, deletion.
const displayName = z
  .string({ error: 'validation.required' })
  .transform(oneLine)
  .pipe(
    z
      .string()
      .trim()
      .min(2, 'validation.displayNameLength')
      .max(50, 'validation.displayNameLength'),
  )

const newPassword = z
  .string({ error: 'validation.required' })
  .min(10, 'validation.passwordTooShort')
  .max(200, 'validation.passwordTooLong')

const currentPassword = z
  .string({ error: 'validation.required' })
  .min(1, 'validation.required')
  .max(200, 'validation.wrongPassword')

export const profileSchema = z.object({
  displayName,
  handle: z
    .string({ error: 'validation.required' })
    .transform(withoutInvisibleControls)
    .pipe(
      z
        .string()
        .trim()
        .toLowerCase()
        .min(1, 'validation.required')
        .refine(isValidHandle, 'validation.handleFormat'),
    ),
})

export const emailChangeSchema = z.object({ email, currentPassword })

export const passwordChangeSchema = z
  .object({ currentPassword, newPassword })
  .refine((value) => value.newPassword !== value.currentPassword, {
    path: ['newPassword'],
    message: 'validation.passwordUnchanged',
  })

export const endSessionSchema = z.object({
  session: z.string({ error: 'validation.required' }).regex(/^[\w-]{1,64}$/, 'validation.invalid'),
})

export const deleteAccountSchema = z.object({
  currentPassword,
  // A checkbox: present ("on") when ticked.
  removeContent: z.literal('on').optional().transform(Boolean),
})

export type ProfileInput = z.infer<typeof profileSchema>
export type EmailChangeInput = z.infer<typeof emailChangeSchema>
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>
export type DeleteAccountInput = z.infer<typeof deleteAccountSchema>

/** The back office form that gives a person another role. */
export const roleChangeSchema = z.object({ role: z.enum(roles) })
