// One form, several buttons (CONVENTIONS rule 1): each button sends an `intent`, and the action hands
// the request to that intent's handler. Written once here, so every page answers an intent it does
// not have the same way, and app/thin-routes.test.ts can find and measure every handler.

/** The handlers of one page's intents, each taking the same arguments. */
type Handlers<Args> = Record<string, (args: Args) => unknown>

/** The default answer to an intent the page does not have: 400, the page's error boundary. */
function unknownIntent(): never {
  throw new Response('Unknown intent', { status: 400 })
}

/**
 * Runs the handler named by the form's `intent` with `args`. An intent the page does not have (none
 * sent, a misspelt one, or a name every object inherits, such as `constructor`) gets `unknown()`
 * instead: by default a thrown 400; a page whose forms show their own errors passes the answer that
 * puts `error.badRequestText` on the form.
 */
export function dispatchIntent<Args, Intents extends Handlers<Args>, Unknown = never>(
  intent: string | undefined,
  intents: Intents,
  args: Args,
  unknown: () => Unknown = unknownIntent,
): ReturnType<Intents[keyof Intents]> | Unknown {
  if (intent === undefined || !Object.hasOwn(intents, intent)) return unknown()
  return intents[intent]!(args) as ReturnType<Intents[keyof Intents]>
}
