import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CurrentProject,
  CurrentUser,
  type ProjectAccess,
  RequireRole,
  type UserPrincipal,
} from '../../common/auth/principal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import {
  ExportRedemptionsQueryDto,
  ListRedemptionsQueryDto,
  RedemptionListDto,
  RedemptionResponseDto,
  RevokeRedemptionDto,
} from './dto/redemption.dto.js';
import { RedemptionStatsDto, RedemptionStatsQueryDto } from './dto/redemption-stats.dto.js';
import { RedemptionStatsService } from './redemption-stats.service.js';
import { RedemptionLogService } from './redemption-log.service.js';
import { RevocationsService } from './revocations.service.js';
import { sendCsv } from '../../common/http/csv-reply.js';
import { ProjectScoped } from '../../common/http/project-param.js';
import { RequestSignal } from '../../common/http/request-signal.js';
import type { FastifyReply } from 'fastify';
import { ProblemResponses } from '../../common/http/openapi-contract.js';

/** The redemption log for support staff: search, export and revoke. */
@ApiTags('redemptions')
@ProjectScoped()
@Controller('projects/:projectId/redemptions')
export class RedemptionLogController {
  constructor(
    private readonly revocations: RevocationsService,
    private readonly log: RedemptionLogService,
    private readonly redemptionStats: RedemptionStatsService,
  ) {}

  @Get()
  @RequireRole('support')
  @ApiOperation({ summary: 'The redemption log, newest first, in keyset pages' })
  @ApiOkResponse({ type: RedemptionListDto })
  async listRedemptions(
    @CurrentProject() access: ProjectAccess,
    @Query() query: ListRedemptionsQueryDto,
    @RequestSignal() signal: AbortSignal,
  ): Promise<RedemptionListDto> {
    return this.log.list(access.projectId, query, signal);
  }

  @Get('stats')
  @RequireRole('support')
  @ApiOperation({
    summary: 'Issued and redeemed codes per day or week, every bucket of the range (empty ones as zeros)',
  })
  @ApiOkResponse({ type: RedemptionStatsDto })
  async getRedemptionStats(
    @CurrentProject() access: ProjectAccess,
    @Query() query: RedemptionStatsQueryDto,
    @RequestSignal() signal: AbortSignal,
  ): Promise<RedemptionStatsDto> {
    return this.redemptionStats.stats(access.projectId, query, signal);
  }

  @Get('export.csv')
  @RequireRole('support')
  @ApiOperation({ summary: 'The filtered redemption log as CSV, streamed' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  async exportRedemptions(
    @CurrentProject() access: ProjectAccess,
    @Query() query: ExportRedemptionsQueryDto,
    @Res() reply: FastifyReply,
  ) {
    return sendCsv(reply, 'redemptions.csv', await this.log.exportCsv(access.projectId, query));
  }

  @Post(':redemptionId/revoke')
  @HttpCode(200)
  @RequireRole('support')
  @ApiOperation({ summary: 'Revoke a redemption with a reason; frees the code’s use' })
  @ApiOkResponse({ type: RedemptionResponseDto })
  @ProblemResponses({ 409: ['conflict'] })
  async revokeRedemption(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: UserPrincipal,
    @Param('redemptionId', new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('Redemption') }))
    redemptionId: string,
    @Body() body: RevokeRedemptionDto,
  ): Promise<RedemptionResponseDto> {
    return this.revocations.revoke(access.projectId, redemptionId, user, body.reason);
  }
}
