export * from './roles.js';
export * from './error-codes.js';
export * from './event-names.js';
