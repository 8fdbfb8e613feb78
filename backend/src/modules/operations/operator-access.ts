import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Whether a console user may open the queue dashboard: an owner of at least one project, in the
 * operator's tenant (`OPERATOR_TENANT_ID`, by default the tenant created first, the
 * installation's own). One query. The dashboard checks it on every request and `GET /me` answers
 * it, so the console links the dashboard only for those it lets in.
 */
export async function isQueueOperator(
  em: EntityManager,
  user: { userId: string; tenantId: string },
  operatorTenantId: string | undefined,
): Promise<boolean> {
  const rows = await em.getConnection().execute<{ operator: boolean }[]>(
    `select exists (
       select 1 from project_members
        where user_id = ? and role = 'owner'
          and ?::uuid = coalesce(?::uuid, (select id from tenants order by created_at, id limit 1))
     ) as operator`,
    [user.userId, user.tenantId, operatorTenantId ?? null],
  );
  return rows[0]?.operator === true;
}
