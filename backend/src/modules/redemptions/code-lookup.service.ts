import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { codeFields } from '../access-codes/access-code.types.js';
import { ProjectsService } from '../projects/projects.service.js';
import { Metrics } from '../../common/metrics/metrics.js';
import { BruteForceDefence, type Caller } from './brute-force-defence.js';
import { activationPageProject, refusalOf, typedCode, unknownCode } from './code-state.js';
import {
  type CodeValidationDto,
  type CodeWithRedemptionsDto,
  type PublicCodeDto,
  type ServiceCodeDto,
  toRedemptionDto,
} from './dto/redemption.dto.js';
import { RefusalError, refusal, refusalWithDetail } from './redemptions.errors.js';
import type { LearnerInput } from './redemptions.service.js';
import { type CodeStateRow, type RedemptionRow, RedemptionsRepository } from './redemptions.repository.js';

const CODE_REDEMPTIONS_SHOWN = 100;

/**
 * Reading a code before (or instead of) redeeming it: validate for services, describe for the
 * activation page, look a code up with its redemptions. Guarded by the brute-force defence like
 * a redemption, since each answers whether a code exists.
 */
@Injectable()
export class CodeLookupService {
  @Inject(Metrics) private readonly metrics!: Metrics;

  constructor(
    private readonly em: EntityManager,
    private readonly repo: RedemptionsRepository,
    private readonly defence: BruteForceDefence,
    private readonly projects: ProjectsService,
  ) {}

  /** POST /redemptions/validate: the same checks as a redemption, without redeeming. */
  async validateForService(
    projectId: string,
    request: { code: string; learner?: LearnerInput },
    caller: Caller,
  ): Promise<CodeValidationDto> {
    await this.defence.assertAllowed(caller);
    try {
      const code = typedCode(request.code);
      const em = this.em.fork();
      const state = await this.repo.state(em, projectId, code, request.learner?.externalId ?? null);
      if (!state) throw await unknownCode(this.repo, em, projectId, request.code);
      const product = { id: state.product_id, name: state.product_name ?? '' };
      const plan = { id: state.plan_id, name: state.plan_name ?? '', accessDays: state.access_days };
      const reason = refusalOf(state);
      if (!reason) return { valid: true, product, plan };
      this.metrics.validationRefusals.inc({ code: reason });
      const error = refusal(reason);
      return { valid: false, reason, message: error.message, product, plan };
    } catch (err) {
      if (!(err instanceof RefusalError)) throw err;
      this.metrics.validationRefusals.inc({ code: err.reason });
      await this.defence.recordIfGuess(caller, err);
      // No such code in the key's project (another project's codes included) answers 404, as
      // redeem and read do; a code that exists but cannot be redeemed is a 200 with its reason.
      if (err.reason === 'code_not_found') throw err;
      return { valid: false, reason: err.reason, message: err.message };
    }
  }

  /** GET /public/:slug/codes/:code: what the activation page shows before the learner redeems. */
  async describeForActivationPage(
    projectSlug: string,
    input: string,
    caller: Caller,
  ): Promise<PublicCodeDto> {
    return this.defence.guard(caller, async () => {
      const project = await activationPageProject(this.projects, projectSlug);
      const code = typedCode(input);
      const em = this.em.fork();
      const state = await this.repo.state(em, project.id, code, null);
      if (!state) throw await unknownCode(this.repo, em, project.id, input);
      const reason = refusalOf(state);
      if (reason) throw refusalWithDetail(reason, state);
      return {
        code: state.code,
        display: state.display,
        projectName: project.name,
        productName: state.product_name ?? '',
        planName: state.plan_name ?? '',
        accessDays: state.access_days,
      };
    });
  }

  /** GET /codes/:code: a service reads one of its project's codes and its redemptions. */
  async lookUpCode(projectId: string, input: string, caller: Caller): Promise<CodeWithRedemptionsDto> {
    return this.defence.guard(caller, async () => {
      const code = typedCode(input);
      const em = this.em.fork();
      const state = await this.repo.state(em, projectId, code, null);
      if (!state) throw await unknownCode(this.repo, em, projectId, input);
      const rows = await this.repo.forCode(em, state.id, CODE_REDEMPTIONS_SHOWN);
      return { code: this.toServiceCode(state, rows), redemptions: rows.map(toRedemptionDto) };
    });
  }

  /** A code as a service reads it: the shared fields (codeFields) with its product and plan. */
  private toServiceCode(state: CodeStateRow, rows: RedemptionRow[]): ServiceCodeDto {
    return {
      ...codeFields(
        state,
        rows.filter((r) => !r.revoked_at),
        state.expired,
      ),
      product: { id: state.product_id, name: state.product_name ?? '' },
      plan: { id: state.plan_id, name: state.plan_name ?? '', accessDays: state.access_days },
    };
  }
}
