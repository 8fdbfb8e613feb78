import { Injectable } from '@nestjs/common';
import { QueueOperators } from '../identity/queue-operators.types.js';
import { TenantsService } from '../identity/tenants.service.js';
import { ProjectsService } from '../projects/projects.service.js';

/**
 * Whether a console user may open the queue dashboard: an owner of at least one project, in the
 * operator's tenant (`OPERATOR_TENANT_ID`, by default the tenant created first, the
 * installation's own). The dashboard checks it on every request and `GET /me` answers it, so the
 * console links the dashboard only for those it lets in. Two cheap reads at most (none for the
 * tenant when the variable is set), each asked of the table's owner.
 */
@Injectable()
export class OperatorAccessService extends QueueOperators {
  constructor(
    private readonly tenants: TenantsService,
    private readonly projects: ProjectsService,
  ) {
    super();
  }

  async isQueueOperator(user: { userId: string; tenantId: string }): Promise<boolean> {
    return (
      (await this.tenants.isOperatorTenant(user.tenantId)) &&
      (await this.projects.ownsAnyProject(user.userId))
    );
  }
}
