// Remix's <Form>, except that a post form without its own `action` posts to the page's address
// without `?notice=`: a success notice from an earlier save ("Your password is changed") must not
// stay above the errors of a later submit (issue 16). Without JavaScript the same `action` attribute
// is in the HTML.
import { Form as RemixForm, type FormProps, useFormAction } from '@remix-run/react'
import { forwardRef } from 'react'

import { withoutNotice } from '#app/utils/notices'

export const Form = forwardRef<HTMLFormElement, FormProps>(function Form(
  { action, method, ...props },
  ref,
) {
  const current = useFormAction()
  const posts = method !== undefined && method.toLowerCase() !== 'get'
  return (
    <RemixForm
      ref={ref}
      method={method}
      action={action ?? (posts ? withoutNotice(current) : undefined)}
      {...props}
    />
  )
})
