import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';

/**
 * Whether a console user may open the queue dashboard: an owner of at least one project, in the
 * operator's tenant (`OPERATOR_TENANT_ID`, by default the tenant created first, the
 * installation's own). One query. The dashboard checks it on every request and `GET /me` answers
 * it, so the console links the dashboard only for those it lets in.
 */
@Injectable()
export class OperatorAccessService {
  private readonly operatorTenantId: string | undefined;

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.operatorTenantId = config.http.operatorTenantId;
  }

  async isQueueOperator(user: { userId: string; tenantId: string }): Promise<boolean> {
    const rows = await this.em.getConnection().execute<{ operator: boolean }[]>(
      `select exists (
         select 1 from project_members
          where user_id = ? and role = 'owner'
            and ?::uuid = coalesce(?::uuid, (select id from tenants order by created_at, id limit 1))
       ) as operator`,
      [user.userId, user.tenantId, this.operatorTenantId ?? null],
    );
    return rows[0]?.operator === true;
  }
}
