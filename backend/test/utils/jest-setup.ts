// Evaluate the ESM @nestjs/common before any CommonJS plugin (@nestjs-modules/mailer) require()s it;
// otherwise jest-runtime fails with "Cannot require() ES Module … in a cycle".
import '@nestjs/common';
import 'reflect-metadata';

process.env.NODE_ENV ??= 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/admit_test';
process.env.QUEUE_PREFIX ??= 'admit_test';
// Tests stand in for many clients by sending X-Forwarded-For.
process.env.TRUST_PROXY ??= 'true';
