import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseAllowedHosts } from '../modules/webhooks/webhook-target.js';

export const PROCESS_ROLES = ['api', 'worker', 'all'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The environment as read and checked once at boot. Nothing else reads `process.env`. */
export class EnvVars {
  /** `production` requires ADMIT_SECRET and turns off the development owner and demo data. */
  @IsIn(['development', 'test', 'production']) NODE_ENV: 'development' | 'test' | 'production' =
    'development';
  /** HTTP port (a worker answers only /metrics and /health/live there, with METRICS_TOKEN set). */
  @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  /** Address to listen on. */
  @IsString() HOST = '0.0.0.0';
  /** `api` (HTTP only), `worker` (queue processors and the outbox relay), or `all`. */
  @IsIn(PROCESS_ROLES) ADMIT_ROLE: ProcessRole = 'all';
  /** PostgreSQL; the one database everything that matters is in. */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/admit';
  /** Connections of the ORM's pool and of the redemption pool, each. */
  @Type(() => Number) @IsInt() @Min(1) @Max(100) DATABASE_POOL_MAX = 10;
  /** Connections for console/API list, count and search reads: their own budget, apart from redemptions'. */
  @Type(() => Number) @IsInt() @Min(1) @Max(100) DATABASE_READ_POOL_MAX = 4;
  /** Statement timeout of those reads (ms). */
  @Type(() => Number) @IsInt() @Min(100) @Max(3_600_000) READ_STATEMENT_TIMEOUT_MS = 10_000;
  /** Statement timeout of a streamed CSV export (ms). */
  @Type(() => Number) @IsInt() @Min(1000) @Max(86_400_000) EXPORT_STATEMENT_TIMEOUT_MS = 1_800_000;
  /** Longest wait for a PostgreSQL connection; then the call answers 503 dependency_unavailable. */
  @Type(() => Number) @IsInt() @Min(100) @Max(60_000) DATABASE_CONNECT_TIMEOUT_MS = 1500;
  /** Redis: BullMQ queues and the rate-limit budgets. */
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false }) REDIS_URL = 'redis://127.0.0.1:6379';
  /** Prefix of every Redis key (queues, budgets), so installations can share a Redis. */
  @IsString() @MinLength(1) QUEUE_PREFIX = 'admit';
  /** Outgoing mail server. */
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false }) SMTP_URL = 'smtp://127.0.0.1:1025';
  /** Sender of the codes emails. */
  @IsString() MAIL_FROM = 'Admit <no-reply@admit.local>';
  /** Base of links in emails and of the queue dashboard's origin check; https turns on HSTS and Secure cookies. Default `http://localhost:$PORT`. */
  @IsOptional() @IsUrl({ require_tld: false }) PUBLIC_URL?: string;
  /**
   * On SIGTERM the API answers /health/ready with 503 and keeps serving this long before it stops
   * listening, so a load balancer takes it out first: set it above the balancer's health check
   * interval × failures (0: stop listening at once; in-flight requests finish either way).
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(120_000) SHUTDOWN_DELAY_MS = 0;
  /** Bearer token a Prometheus scraper sends to /metrics; without it /metrics answers 403. */
  @IsOptional() @IsString() @MinLength(16) METRICS_TOKEN?: string;
  /** The tenant whose project owners may open the queue dashboard (it shows every tenant's jobs). Default: the tenant created first, the installation's own. */
  @IsOptional() @IsUUID() OPERATOR_TENANT_ID?: string;
  /** JSON logs on stdout at this level. */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  /** Lifetime of a console session. */
  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 30) SESSION_TTL_HOURS = 12;
  /** Wrong passwords before a lockout: per account and address, per address, per account (see docs/security.md). */
  @Type(() => Number) @IsInt() @Min(1) LOGIN_FAILURES_PER_ACCOUNT_ADDRESS = 10;
  /** Wrong passwords from one address (any account) before a lockout. */
  @Type(() => Number) @IsInt() @Min(1) LOGIN_FAILURES_PER_ADDRESS = 30;
  /** Wrong passwords against one account (any address) before each address locks on its first failure. */
  @Type(() => Number) @IsInt() @Min(1) LOGIN_FAILURES_PER_ACCOUNT = 50;
  /** First owner created by `cli.js seed` (development default admin@admit.local). */
  @IsOptional() @IsEmail({ require_tld: false }) ADMIN_EMAIL?: string;
  /** Password of that first owner (development default admit-console-dev). */
  @IsOptional() @IsString() @MinLength(12) ADMIN_PASSWORD?: string;
  /** The built console served at `/`. */
  @IsString() ADMIT_UI_DIST = path.join(REPO_ROOT, 'admin-ui/dist');
  /** `cli.js seed` also creates the demo project (never in production). */
  @Transform(({ value }) => value === true || value === 'true' || value === '1') SEED_DEMO = true;
  /** First webhook retry delay; each further retry doubles it (BullMQ exponential backoff). */
  @Type(() => Number) @IsInt() @Min(1) WEBHOOK_RETRY_BASE_MS = 10_000;
  /** Attempts of a webhook delivery before it is marked failed. */
  @Type(() => Number) @IsInt() @Min(1) @Max(30) WEBHOOK_MAX_ATTEMPTS = 12;
  /** Webhook URLs may use plain http (default: https only). */
  @Transform(({ value }) => value === true || value === 'true' || value === '1') WEBHOOK_ALLOW_HTTP = false;
  /**
   * Internal receivers webhooks may reach although their address is not public: a comma list of
   * host names, addresses and CIDRs (`hooks.internal,10.20.0.0/16`). Empty by default.
   */
  @IsString() WEBHOOK_ALLOWED_HOSTS = '';
  /** Signs download links in emails; required in production. */
  @IsOptional() @IsString() @MinLength(16) ADMIT_SECRET?: string;
  /**
   * Whom to believe about the client address in X-Forwarded-For: `false` (default: the socket's
   * peer), `true` (any proxy; only behind a proxy that overwrites the header), or a comma list of
   * proxy addresses/CIDRs. Rate limits per address depend on it.
   */
  @IsString() TRUST_PROXY = 'false';
  /** Codes written per committed chunk of a bulk batch. */
  @Type(() => Number) @IsInt() @Min(100) @Max(200_000) BATCH_CHUNK_SIZE = 20_000;
  /** How long a worker holds a job before another worker may take it over (stall detection). */
  @Type(() => Number) @IsInt() @Min(1000) @Max(600_000) WORKER_LOCK_MS = 30_000;
  /** Chunk jobs of bulk batches one worker process runs at once (more workers: more processes). */
  @Type(() => Number) @IsInt() @Min(1) @Max(16) BATCH_WORKER_CONCURRENCY = 1;
}

export interface AppConfig {
  env: EnvVars['NODE_ENV'];
  role: ProcessRole;
  http: {
    port: number;
    host: string;
    publicUrl: string;
    uiDist: string;
    trustProxy: boolean | string[];
    metricsToken: string | undefined;
    /** The tenant whose owners may open the queue dashboard; unset: the tenant created first. */
    operatorTenantId: string | undefined;
    /** SHUTDOWN_DELAY_MS: not ready but still serving, between SIGTERM and closing the listener. */
    shutdownDelayMs: number;
  };
  db: {
    url: string;
    poolMax: number;
    readPoolMax: number;
    readStatementTimeoutMs: number;
    exportStatementTimeoutMs: number;
    connectTimeoutMs: number;
  };
  redis: { url: string };
  queue: { prefix: string };
  mail: { smtpUrl: string; from: string };
  auth: {
    sessionTtlHours: number;
    loginFailures: { perAccountAddress: number; perAddress: number; perAccount: number };
  };
  seed: { adminEmail: string | undefined; adminPassword: string | undefined; demo: boolean };
  log: { level: string };
  webhooks: { retryBaseDelayMs: number; maxAttempts: number; allowHttp: boolean; allowedHosts: string[] };
  /** Signs expiring download links (bulk batch emails). */
  secret: string;
  batches: { chunkSize: number; workerLockMs: number; workerConcurrency: number };
}

export const DEV_ADMIN_EMAIL = 'admin@admit.local';
export const DEV_ADMIN_PASSWORD = 'admit-console-dev';

export class ConfigError extends Error {}

const DEV_SECRET = 'admit-development-secret-not-for-production';

function parseTrustProxy(value: string): boolean | string[] {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Reads and validates the environment; throws one error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const vars = plainToInstance(EnvVars, defined, { exposeDefaultValues: true });
  const errors = validateSync(vars, { whitelist: false });
  if (errors.length) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const allowedHosts = vars.WEBHOOK_ALLOWED_HOSTS.split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  try {
    parseAllowedHosts(allowedHosts);
  } catch {
    throw new ConfigError(
      'Invalid configuration:\n  WEBHOOK_ALLOWED_HOSTS: host names, addresses or CIDRs, comma-separated',
    );
  }
  const isProd = vars.NODE_ENV === 'production';
  if (isProd && !vars.ADMIT_SECRET)
    throw new ConfigError('Invalid configuration:\n  ADMIT_SECRET: required in production (16+ characters)');
  return {
    env: vars.NODE_ENV,
    role: vars.ADMIT_ROLE,
    http: {
      port: vars.PORT,
      host: vars.HOST,
      publicUrl: (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/$/, ''),
      uiDist: vars.ADMIT_UI_DIST,
      trustProxy: parseTrustProxy(vars.TRUST_PROXY),
      metricsToken: vars.METRICS_TOKEN,
      operatorTenantId: vars.OPERATOR_TENANT_ID,
      shutdownDelayMs: vars.SHUTDOWN_DELAY_MS,
    },
    db: {
      url: vars.DATABASE_URL,
      poolMax: vars.DATABASE_POOL_MAX,
      readPoolMax: vars.DATABASE_READ_POOL_MAX,
      readStatementTimeoutMs: vars.READ_STATEMENT_TIMEOUT_MS,
      exportStatementTimeoutMs: vars.EXPORT_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: vars.DATABASE_CONNECT_TIMEOUT_MS,
    },
    redis: { url: vars.REDIS_URL },
    queue: { prefix: vars.QUEUE_PREFIX },
    mail: { smtpUrl: vars.SMTP_URL, from: vars.MAIL_FROM },
    auth: {
      sessionTtlHours: vars.SESSION_TTL_HOURS,
      loginFailures: {
        perAccountAddress: vars.LOGIN_FAILURES_PER_ACCOUNT_ADDRESS,
        perAddress: vars.LOGIN_FAILURES_PER_ADDRESS,
        perAccount: vars.LOGIN_FAILURES_PER_ACCOUNT,
      },
    },
    seed: {
      adminEmail: vars.ADMIN_EMAIL ?? (isProd ? undefined : DEV_ADMIN_EMAIL),
      adminPassword: vars.ADMIN_PASSWORD ?? (isProd ? undefined : DEV_ADMIN_PASSWORD),
      demo: vars.SEED_DEMO && !isProd,
    },
    log: { level: vars.LOG_LEVEL },
    webhooks: {
      retryBaseDelayMs: vars.WEBHOOK_RETRY_BASE_MS,
      maxAttempts: vars.WEBHOOK_MAX_ATTEMPTS,
      allowHttp: vars.WEBHOOK_ALLOW_HTTP,
      allowedHosts,
    },
    secret: vars.ADMIT_SECRET ?? DEV_SECRET,
    batches: {
      chunkSize: vars.BATCH_CHUNK_SIZE,
      workerLockMs: vars.WORKER_LOCK_MS,
      workerConcurrency: vars.BATCH_WORKER_CONCURRENCY,
    },
  };
}
