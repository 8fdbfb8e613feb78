export { CROCKFORD_ALPHABET } from './alphabet.js';
export { normalizeCode } from './normalize.js';
export {
  CODE_KINDS,
  CodeFormatError,
  DEFAULT_CODE_FORMAT,
  MAX_AFFIX_LENGTH,
  MAX_CODE_LENGTH,
  MAX_GROUP_SIZE,
  MIN_CODE_LENGTH,
  resolveFormat,
  storedLength,
  storedPrefix,
  storedSuffix,
  type CodeFormat,
  type CodeFormatField,
  type CodeKind,
} from './format.js';
export { formatForDisplay } from './display.js';
export {
  CHECK_CHAR_ALPHABET_SIZES,
  computeCheckChar,
  hasValidCheckChar,
  supportsCheckChar,
} from './check-char.js';
export { checkTyped, type MistypeDetail, type TypedCheck } from './check-typed.js';
export {
  createCodeGenerator,
  MAX_CODES_PER_CALL,
  type CodeGenerator,
  type CodeGeneratorOptions,
  type RandomFill,
} from './generator.js';
export { customNameCode, parseCustomName } from './custom-name.js';
export {
  assessKeyspace,
  GUESS_ATTEMPTS,
  MAX_GUESS_PROBABILITY,
  MAX_OCCUPANCY,
  type KeyspaceAssessment,
} from './keyspace.js';
