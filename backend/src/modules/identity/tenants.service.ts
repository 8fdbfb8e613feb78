import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Tenant } from './tenant.entity.js';

/** Tenants as other modules need them. */
@Injectable()
export class TenantsService {
  /** `OPERATOR_TENANT_ID`, or the first tenant once looked up. */
  private operatorTenantId: string | undefined;

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // A UUID (validated at boot), compared as PostgreSQL prints it.
    this.operatorTenantId = config.http.operatorTenantId?.toLowerCase();
  }

  /**
   * Whether the tenant is the installation's own: `OPERATOR_TENANT_ID`, by default the tenant
   * created first. No query when the variable is set; otherwise one read, the first time.
   */
  async isOperatorTenant(tenantId: string): Promise<boolean> {
    if (this.operatorTenantId === undefined) {
      // The first tenant stays the first: looked up once, on the first check that finds one.
      const [first] = await this.em
        .fork()
        .find(Tenant, {}, { fields: ['id'], orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1 });
      if (!first) return false;
      this.operatorTenantId = first.id;
    }
    return tenantId === this.operatorTenantId;
  }
}
