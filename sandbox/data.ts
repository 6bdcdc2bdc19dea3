// Small data tables: the few facts the catalog cannot tell. Behaviour stays generic;
// these only supply values (defaults, Sid prefixes, Twilio's error codes).

/** A default value; `$now` is the current time as RFC 2822. */
export type DefaultValue = string | number | boolean | null | Record<string, unknown>;

/**
 * Default field values by response schema, for fields a request did not set.
 * Enum fields not listed get their first enum value; others are typed or null.
 */
export const RECORD_DEFAULTS: Record<string, Record<string, DefaultValue>> = {
  'api.v2010.account': { type: 'Full', status: 'active' },
  'api.v2010.account.message': {
    status: 'queued',
    direction: 'outbound-api',
    num_segments: '1',
    num_media: '0',
    price_unit: 'USD',
    date_sent: '$now',
  },
  'api.v2010.account.call': { status: 'queued', direction: 'outbound-api', price_unit: 'USD' },
  'api.v2010.account.conference': { status: 'init' },
  'api.v2010.account.conference.participant': { status: 'queued', muted: false, hold: false, coaching: false },
  'api.v2010.account.balance': { balance: '0.00', currency: 'USD' },
  'api.v2010.account.queue': { max_size: 100 },
  'api.v2010.account.incoming_phone_number': { address_requirements: 'none', origin: 'twilio', beta: false },
  'api.v2010.account.incoming_phone_number.incoming_phone_number_local': { address_requirements: 'none', origin: 'twilio', beta: false },
  'api.v2010.account.incoming_phone_number.incoming_phone_number_mobile': { address_requirements: 'none', origin: 'twilio', beta: false },
  'api.v2010.account.incoming_phone_number.incoming_phone_number_toll_free': { address_requirements: 'none', origin: 'twilio', beta: false },
  'api.v2010.account.recording': { status: 'completed', source: 'OutboundAPI', channels: 1 },
  'api.v2010.account.call.call_recording': { status: 'in-progress', source: 'StartCallRecordingAPI', channels: 1 },
  'api.v2010.account.conference.conference_recording': { status: 'in-progress', source: 'StartConferenceRecordingAPI', channels: 1 },
};

/**
 * Sid prefixes for records whose instance path has no pattern and whose Sid the
 * catalog names nowhere else (from the spec's response schemas' `sid` patterns).
 */
export const SID_PREFIX_FALLBACK: Record<string, string> = {
  'api.v2010.account.call.siprec': 'SR',
  'api.v2010.account.call.stream': 'MZ',
  'api.v2010.account.call.realtime_transcription': 'GT',
  'api.v2010.account.call.user_defined_message': 'KX',
  'api.v2010.account.call.user_defined_message_subscription': 'ZY',
  'api.v2010.account.call.payments': 'PK',
  'api.v2010.account.address.dependent_phone_number': 'PN',
};

/** Objects that share one record store (a Local number is also an IncomingPhoneNumber). */
export const SHARED_STORE: Record<string, string> = {
  'api.v2010.IncomingPhoneNumbers.Local': 'api.v2010.IncomingPhoneNumbers',
  'api.v2010.IncomingPhoneNumbers.Mobile': 'api.v2010.IncomingPhoneNumbers',
  'api.v2010.IncomingPhoneNumbers.TollFree': 'api.v2010.IncomingPhoneNumbers',
};

export interface CodedMessage {
  code: number;
  message: string;
}

/**
 * Twilio's own codes for a missing required parameter or an unmet "at least one of"
 * group, by operationId. The key is the parameter, or the group joined with `|`.
 * Sources: https://www.twilio.com/docs/api/errors/21604 , /21603 , /21602 , /21201 , /21213 , /21205.
 * Anything else missing answers Twilio's generic 20001 "Missing required parameter X in the post body".
 */
export const MISSING_PARAM_ERRORS: Record<string, Record<string, CodedMessage>> = {
  CreateMessage: {
    To: { code: 21604, message: "A 'To' phone number is required." },
    'From|MessagingServiceSid': { code: 21603, message: "A 'From' phone number is required." },
    'Body|MediaUrl|ContentSid': { code: 21602, message: 'Message body is required.' },
  },
  CreateCall: {
    To: { code: 21201, message: "No 'To' number is specified" },
    From: { code: 21213, message: "No 'From' number is specified" },
    'Url|Twiml|ApplicationSid': { code: 21205, message: 'Url parameter is required.' },
  },
};

/** Codes for a malformed URL parameter (https://www.twilio.com/docs/api/errors/21205 , /21609). */
export const INVALID_URL_ERRORS: Record<string, number> = { Url: 21205, StatusCallback: 21609 };

export interface TestNumberRules {
  /** code for a `To` that is not a valid address */
  invalidTo: number;
  /** code for a `From` that is not a valid address */
  invalidFrom: number;
  to: Record<string, CodedMessage>;
  from: Record<string, CodedMessage>;
}

/**
 * Twilio's magic test numbers, by operationId
 * (https://www.twilio.com/docs/iam/test-credentials#magic-input). `+15005550006` is
 * the valid From; any other well-formed number is accepted.
 */
export const TEST_NUMBERS: Record<string, TestNumberRules> = {
  CreateMessage: {
    invalidTo: 21211,
    invalidFrom: 21212,
    from: {
      '+15005550001': { code: 21212, message: "The 'From' number +15005550001 is not a valid phone number, shortcode, or alphanumeric sender ID." },
      '+15005550007': { code: 21606, message: "The 'From' phone number provided (+15005550007) is not a valid message-capable Twilio phone number for this destination/account." },
      '+15005550008': { code: 21611, message: "This 'From' number (+15005550008) has exceeded the maximum number of queued messages." },
    },
    to: {
      '+15005550001': { code: 21211, message: "The 'To' number +15005550001 is not a valid phone number." },
      '+15005550002': { code: 21612, message: "The 'To' phone number: +15005550002, is not currently reachable using the 'From' phone number via SMS." },
      '+15005550003': { code: 21408, message: 'Permission to send an SMS has not been enabled for the region indicated by the \'To\' number: +15005550003.' },
      '+15005550004': { code: 21610, message: 'Attempt to send to unsubscribed recipient' },
      '+15005550009': { code: 21614, message: "'To' number +15005550009 is not a valid mobile number" },
    },
  },
  CreateCall: {
    invalidTo: 21217,
    invalidFrom: 21212,
    from: {
      '+15005550001': { code: 21212, message: "The 'From' number +15005550001 is not a valid phone number." },
    },
    to: {
      '+15005550001': { code: 21217, message: "The 'To' number +15005550001 is not a valid phone number." },
      '+15005550002': { code: 21214, message: "'To' phone number +15005550002 cannot be reached" },
      '+15005550003': { code: 21215, message: 'Account not authorized to call +15005550003.' },
      '+15005550004': { code: 21216, message: 'Account not allowed to call +15005550004' },
    },
  },
};

/**
 * Query filters whose name is not a record field (AvailablePhoneNumbers searches).
 * `field` is a path into the record; `match` how the value compares.
 */
export interface FilterRule {
  field: string[];
  match: 'eq' | 'prefix' | 'wildcard' | 'not-eq' | 'ignore';
  /** value compared instead of the filter's (for `not-eq` and booleans that exclude) */
  value?: string;
  /** prefix prepended to the filter value (AreaCode 415 → +1415) */
  prefix?: string;
}

export const FILTER_RULES: Record<string, FilterRule> = {
  AreaCode: { field: ['phone_number'], match: 'prefix', prefix: '+1' },
  Contains: { field: ['phone_number'], match: 'wildcard' },
  SmsEnabled: { field: ['capabilities', 'SMS'], match: 'eq' },
  MmsEnabled: { field: ['capabilities', 'MMS'], match: 'eq' },
  VoiceEnabled: { field: ['capabilities', 'voice'], match: 'eq' },
  FaxEnabled: { field: ['capabilities', 'fax'], match: 'eq' },
  ExcludeAllAddressRequired: { field: ['address_requirements'], match: 'not-eq', value: 'any' },
  ExcludeLocalAddressRequired: { field: ['address_requirements'], match: 'not-eq', value: 'local' },
  ExcludeForeignAddressRequired: { field: ['address_requirements'], match: 'not-eq', value: 'foreign' },
  InPostalCode: { field: ['postal_code'], match: 'eq' },
  InRegion: { field: ['region'], match: 'eq' },
  InRateCenter: { field: ['rate_center'], match: 'eq' },
  InLata: { field: ['lata'], match: 'eq' },
  InLocality: { field: ['locality'], match: 'eq' },
  // Geographic proximity and soft-delete/subaccount switches change nothing in the sandbox.
  NearNumber: { field: [], match: 'ignore' },
  NearLatLong: { field: [], match: 'ignore' },
  Distance: { field: [], match: 'ignore' },
  IncludeSoftDeleted: { field: [], match: 'ignore' },
  IncludeSubaccounts: { field: [], match: 'ignore' },
};
