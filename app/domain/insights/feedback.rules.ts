// The words of "Did this help?": a team answer is asked about as an answer, an update as an update,
// in the email and on the page its link opens, before and after it is rated.
import type { FeedbackKind } from '#app/db/schema'
import type { MessageKey } from '#app/utils/i18n/i18n'

export function feedbackWording(kind: FeedbackKind) {
  return kind === 'update'
    ? ({
        question: 'feedback.questionUpdate',
        ratedYes: 'feedback.ratedYesUpdate',
        ratedNo: 'feedback.ratedNoUpdate',
      } as const satisfies Record<string, MessageKey>)
    : ({
        question: 'feedback.question',
        ratedYes: 'feedback.ratedYes',
        ratedNo: 'feedback.ratedNo',
      } as const satisfies Record<string, MessageKey>)
}
