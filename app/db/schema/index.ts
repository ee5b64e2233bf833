// Every table, for drizzle-kit and for the typed query API.
export * from './accounts'
export * from './ideas'
export * from './rate-limits'
export * from './settings'
export * from './engagement'
export * from './points'
export * from './audit'
