import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { Public } from '../../common/auth/principal.js';
import { REDIS } from '../../common/queue/redis.module.js';

type Status = 'up' | 'down';

/** Each probe gets 1.5 s, so the whole answer comes within 2 s however the dependency fails. */
const PROBE_TIMEOUT_MS = 1500;

async function check(name: string, probe: () => Promise<unknown>, logger: Logger): Promise<Status> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return 'up';
  } catch (err) {
    // The reason (addresses, driver messages) is for operators, not for an unauthenticated caller.
    logger.warn({ err, dependency: name }, `Readiness: ${name} is down`);
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly em: EntityManager,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [postgres, redis] = await Promise.all([
      check('postgres', () => this.em.getConnection().execute('select 1'), this.logger),
      check('redis', () => this.redis.ping(), this.logger),
    ]);
    const ok = postgres === 'up' && redis === 'up';
    reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, redis } };
  }
}
