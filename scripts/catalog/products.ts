// Data the generator adds to Twilio's descriptions per product: people's names for the
// products, and the credential-field table (fields whose values are account credentials,
// redacted in outputs unless a node asks for them; docs/catalog.md, "Credential fields").

/** A product's name for people, by domain (the host's first label). */
export const PRODUCT_NAMES: Record<string, string> = {
  api: 'Core API', accounts: 'Accounts', assistants: 'AI Assistants', bulkexports: 'Bulk Exports', chat: 'Chat',
  content: 'Content', conversations: 'Conversations', events: 'Event Streams', 'flex-api': 'Flex',
  'frontline-api': 'Frontline', iam: 'IAM', insights: 'Voice Insights', intelligence: 'Conversational Intelligence',
  'ip-messaging': 'IP Messaging', lookups: 'Lookup', marketplace: 'Marketplace', messaging: 'Messaging',
  monitor: 'Monitor', notify: 'Notify', numbers: 'Numbers', preview: 'Preview', pricing: 'Pricing',
  proxy: 'Proxy', routes: 'Routes', serverless: 'Serverless', studio: 'Studio', supersim: 'Super SIM',
  sync: 'Sync', taskrouter: 'TaskRouter', trunking: 'Elastic SIP Trunking', trusthub: 'Trust Hub',
  verify: 'Verify', video: 'Video', voice: 'Voice', wireless: 'Programmable Wireless',
};

/**
 * Credential fields, keyed by object id then field name: secrets Twilio hands out on every read,
 * redacted in every output unless the node reveals credentials (docs/reliability.md). A secret
 * Twilio shows once on purpose (a new API key's `secret`) is the user's data and is not listed.
 */
export const CREDENTIAL_FIELDS: Record<string, string[]> = {
  'api.v2010.Accounts': ['auth_token'],
  'accounts.v1.AuthTokens.Promote': ['auth_token'],
  'accounts.v1.AuthTokens.Secondary': ['secondary_auth_token'],
};

export function productLabel(domain: string, version: string | undefined): string {
  const name = PRODUCT_NAMES[domain] || domain;
  return version ? `${name} ${version}` : name;
}
