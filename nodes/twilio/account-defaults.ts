// The account node's numeric settings and their defaults, written once: the runtime
// (account-service.ts, twilio-account.ts) and the editor bundle (editor/account-dialog.js,
// bundled by scripts/bundle-editor.ts) both import this table.
export const ACCOUNT_DEFAULTS = { timeout: 30000, maxRetries: 3, retryMaxWait: 60000, maxConcurrent: 10, maxPerSecond: 0 };
