// What a report may say: the reasons people choose from (the form's options, the schema's allowed
// values and the column's type all come from this list). Browser-safe.
export const reportReasons = ['spam', 'offensive', 'off-topic', 'personal-data', 'other'] as const
export type ReportReason = (typeof reportReasons)[number]
