/**
 * The sentence people read for one field error, chosen by the field's stable `code` (DESIGN §5:
 * `required`, `too_short`, `invalid_email`, `in_the_past`, …), never the server's English
 * `message`, which is written for developers ("name must be longer than or equal to 1
 * characters"). Sentences can depend on the field: an empty name is "Enter a name.", a short
 * password "Use at least 12 characters.".
 */

/** How a field is named in a sentence ("Enter a name."); the last part of `learner.email` counts. */
const FIELD_NOUNS: Record<string, string> = {
  name: 'a name',
  email: 'an email address',
  notifyEmail: 'an email address',
  password: 'a password',
  slug: 'a short name for links',
  code: 'a code',
  customName: 'a Custom Name',
  prefix: 'a prefix',
  reason: 'a reason',
  url: 'the address that receives the events',
  productId: 'a product',
  planId: 'a plan',
  count: 'how many codes to make',
  role: 'a role',
  events: 'at least one event',
  scopes: 'at least one permission',
  validFrom: 'a date and time',
  validTill: 'a date and time',
};

/** Sentences for one field and code, where the generic one would be vague. */
const BY_FIELD: Record<string, Partial<Record<string, string>>> = {
  password: {
    too_short: 'Use at least 12 characters.',
    too_common: 'This password is too common. Choose one that is harder to guess.',
    too_similar: 'This password is too close to the email address. Choose another.',
  },
  validTill: {
    in_the_past: 'Choose a date and time in the future.',
    before_start: 'Valid Till must come after Valid From.',
    invalid: 'Valid Till must come after Valid From.',
  },
  count: {
    too_small: 'Make at least 1 code.',
    too_large: 'This is more codes than one batch may hold.',
  },
  maxRedemptions: {
    too_small: 'Allow at least 1 redemption, or leave it empty for no limit.',
    too_large: 'A single-use code is redeemed once. Choose multiple use for more.',
    invalid: 'The limit cannot be lower than the number of times the code was already redeemed.',
  },
  code: {
    taken: 'Another code in this project already has this text.',
    invalid_format: 'Use letters, digits and spaces only (up to 64).',
    invalid: 'Use letters, digits and spaces only (up to 64).',
  },
  email: {
    taken: 'This person is already a member, or the email belongs to another account.',
  },
  slug: {
    taken: 'This short name is taken. Choose another.',
    invalid_format: 'Use lower-case letters, digits and dashes only.',
  },
  role: { invalid: 'A project keeps at least one owner.' },
  planId: { invalid: 'Choose a plan of this product that is still offered.' },
  customName: {
    invalid: 'Use 1 to 16 letters or digits for the Custom Name.',
    invalid_format: 'Use 1 to 16 letters or digits for the Custom Name.',
  },
  prefix: {
    invalid: 'Use 1 to 16 letters or digits for the prefix.',
    invalid_format: 'Use 1 to 16 letters or digits for the prefix.',
  },
  length: {
    too_small: 'Use at least 6 characters.',
    too_large: 'Use at most 32 characters.',
    too_short: 'Too short for this many codes: they would be easy to guess. Use longer codes.',
    invalid: 'Use 6 to 32 characters.',
  },
  groupSize: {
    too_small: 'Use 0 (no groups) or more.',
    too_large: 'Use groups of at most 8 characters.',
    invalid: 'Use 0 (no groups) to 8.',
  },
  checkChar: { invalid: 'A Custom Name code cannot have a check character.' },
  bulkThreshold: {
    too_small: 'Use 1 or more.',
    too_large: 'This is above the largest batch this server allows.',
  },
  maxBatchSize: {
    too_small: 'Allow at least 1 code per batch.',
    too_large: 'This is above the largest batch this server allows.',
  },
  url: {
    invalid_url: 'Enter a full web address, starting with https://.',
    scheme_not_allowed: 'Use an address that starts with https://.',
    credentials_not_allowed: 'Remove the user name and password from the address.',
    address_not_allowed: 'This address is not on the public internet, so webhooks cannot reach it.',
  },
  cursor: { invalid: 'This list moved on. Reload the page.' },
  scopes: { too_short: 'Choose at least one permission.', required: 'Choose at least one permission.' },
  events: { too_short: 'Choose at least one event.', required: 'Choose at least one event.' },
};

function nounOf(field: string): string | undefined {
  const last = field.split('.').pop() ?? field;
  return FIELD_NOUNS[last];
}

function generic(code: string, field: string): string {
  const noun = nounOf(field);
  switch (code) {
    case 'required':
      return noun ? `Enter ${noun}.` : 'Fill this in.';
    case 'too_short':
      return noun ? `Enter ${noun}; this is too short.` : 'This is too short.';
    case 'too_long':
      return 'This is too long. Shorten it.';
    case 'too_small':
      return 'This number is too small.';
    case 'too_large':
      return 'This number is too large.';
    case 'invalid_email':
      return 'Enter an email address like name@example.com.';
    case 'invalid_date':
      return 'Enter a date and a time.';
    case 'in_the_past':
      return 'Choose a date and time in the future.';
    case 'before_start':
      return 'This must come after the start.';
    case 'invalid_url':
      return 'Enter a full web address, starting with https://.';
    case 'invalid_uuid':
    case 'not_allowed_value':
      return 'Choose one of the options offered.';
    case 'invalid_type':
      return noun ? `Enter ${noun}.` : 'Enter a value of the right kind.';
    case 'invalid_format':
      return 'This is not in the expected form.';
    case 'not_allowed_character':
      return 'Remove the unusual characters (such as invisible control characters).';
    case 'not_unique':
      return 'Each entry may appear once.';
    case 'unknown_field':
      return 'This cannot be set here.';
    case 'too_deep':
      return 'This is nested too deeply.';
    case 'too_common':
      return 'This is too common. Choose something harder to guess.';
    case 'too_similar':
      return 'This is too close to the email address. Choose another.';
    case 'taken':
      return 'This is already taken. Choose another.';
    case 'scheme_not_allowed':
      return 'Use an address that starts with https://.';
    case 'credentials_not_allowed':
      return 'Remove the user name and password from the address.';
    case 'address_not_allowed':
      return 'This address is not on the public internet.';
    default:
      return 'Check this value.';
  }
}

/** The sentence for one field error (`field` as the server names it: `learner.email`, `format.length`). */
export function fieldMessage(
  field: string,
  code: string | undefined,
  problem?: { maxBatchSize?: number },
): string {
  const last = field.split('.').pop() ?? field;
  const key = code ?? 'invalid';
  if (last === 'count' && key === 'too_large' && typeof problem?.maxBatchSize === 'number') {
    return `At most ${problem.maxBatchSize.toLocaleString()} codes per batch.`;
  }
  return BY_FIELD[last]?.[key] ?? generic(key, field);
}

/** How the console names a field in a list ("Valid Till"), from the server's `format.length`. */
const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  notifyEmail: 'Email to',
  password: 'Password',
  slug: 'Short name',
  code: 'Code',
  customName: 'Custom Name',
  prefix: 'Prefix',
  reason: 'Reason',
  url: 'URL',
  productId: 'Product',
  planId: 'Plan',
  count: 'No. of Access Codes',
  usageType: 'Usage type',
  maxRedemptions: 'Max redemptions',
  validFrom: 'Valid From',
  validTill: 'Valid Till',
  notify: 'Send Notification',
  role: 'Role',
  events: 'Events',
  scopes: 'Permissions',
  length: 'Code length',
  groupSize: 'Group size',
  checkChar: 'Check character',
  kind: 'Format',
  bulkThreshold: 'Bulk threshold',
  maxBatchSize: 'Batch cap',
  accessDays: 'Access days',
};

export function fieldLabel(field: string): string {
  const last = field.split('.').pop() ?? field;
  return FIELD_LABELS[last] ?? last.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}
