/**
 * Whether a console user may open the queue dashboard, which `GET /me` (this module) tells the
 * console. The answer needs projects' members, a module above identity, so identity declares the
 * question and the access module, above both, provides the answer (OperatorAccessService).
 */
export abstract class QueueOperators {
  abstract isQueueOperator(user: { userId: string; tenantId: string }): Promise<boolean>;
}
