// Input schemas for sign-up and sign-in; messages are i18n keys the forms translate.
import { z } from 'zod'

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
      .trim()
      .min(2, 'validation.displayNameLength')
      .max(50, 'validation.displayNameLength'),
    password: z
      .string({ error: 'validation.required' })
      .min(10, 'validation.passwordTooShort')
      .max(200, 'validation.passwordTooLong'),
    redirectTo: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    const password = value.password.toLowerCase()
    const localPart = value.email.split('@')[0] ?? ''
    if (password === value.email || (localPart.length >= 4 && password.includes(localPart))) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'validation.passwordContainsEmail' })
    }
  })

export const signInSchema = z.object({
  email,
  password: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(200, 'validation.signInFailed'),
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
    .min(10, 'validation.passwordTooShort')
    .max(200, 'validation.passwordTooLong'),
})
