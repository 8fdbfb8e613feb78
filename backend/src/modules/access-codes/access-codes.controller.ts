import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  CurrentProject,
  CurrentUser,
  type ProjectAccess,
  RequireRole,
  type UserPrincipal,
} from '../../common/auth/principal.js';
import { sendCsv } from '../../common/http/csv-reply.js';
import { ProjectScoped } from '../../common/http/project-param.js';
import { RequestSignal } from '../../common/http/request-signal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { AccessCodesService } from './access-codes.service.js';
import { CodeListService } from './code-list.service.js';
import {
  AccessCodeDto,
  AccessCodeListDto,
  CodeFiltersDto,
  CodeHistoryDto,
  ListCodesQueryDto,
  UpdateAccessCodeDto,
} from './dto/access-code.dto.js';
import { ProblemResponses } from '../../common/http/openapi-contract.js';

const codeIdPipe = new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('Code') });

@ApiTags('access-codes')
@ProjectScoped()
@Controller('projects/:projectId/codes')
export class AccessCodesController {
  constructor(
    private readonly codes: AccessCodesService,
    private readonly codeList: CodeListService,
  ) {}

  @Get()
  @RequireRole('support')
  @ApiOkResponse({ type: AccessCodeListDto })
  listCodes(
    @CurrentProject() access: ProjectAccess,
    @Query() query: ListCodesQueryDto,
    @RequestSignal() signal: AbortSignal,
  ): Promise<AccessCodeListDto> {
    return this.codeList.list(access.projectId, query, signal);
  }

  @Get('export.csv')
  @RequireRole('support')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV of the filtered codes', schema: { type: 'string' } })
  async exportCodes(
    @CurrentProject() access: ProjectAccess,
    @Query() filters: CodeFiltersDto,
    @Res() reply: FastifyReply,
  ) {
    const stream = await this.codeList.exportCsv(access.projectId, filters);
    return sendCsv(reply, `access-codes-${new Date().toISOString().slice(0, 10)}.csv`, stream);
  }

  @Get(':codeId')
  @RequireRole('support')
  @ApiOkResponse({ type: AccessCodeDto })
  getCode(
    @CurrentProject() access: ProjectAccess,
    @Param('codeId', codeIdPipe) codeId: string,
  ): Promise<AccessCodeDto> {
    return this.codes.get(access.projectId, codeId);
  }

  @Patch(':codeId')
  @RequireRole('admin')
  @ApiOkResponse({ type: AccessCodeDto })
  @ProblemResponses({ 409: ['conflict'] })
  updateCode(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: UserPrincipal,
    @Param('codeId', codeIdPipe) codeId: string,
    @Body() body: UpdateAccessCodeDto,
  ): Promise<AccessCodeDto> {
    return this.codes.update(access.projectId, codeId, user, body);
  }

  @Post(':codeId/deactivate')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOkResponse({ type: AccessCodeDto })
  deactivateCode(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: UserPrincipal,
    @Param('codeId', codeIdPipe) codeId: string,
  ): Promise<AccessCodeDto> {
    return this.codes.setActive(access.projectId, codeId, user, false);
  }

  @Post(':codeId/activate')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOkResponse({ type: AccessCodeDto })
  activateCode(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: UserPrincipal,
    @Param('codeId', codeIdPipe) codeId: string,
  ): Promise<AccessCodeDto> {
    return this.codes.setActive(access.projectId, codeId, user, true);
  }

  @Get(':codeId/history')
  @RequireRole('support')
  @ApiOkResponse({ type: CodeHistoryDto })
  async getCodeHistory(
    @CurrentProject() access: ProjectAccess,
    @Param('codeId', codeIdPipe) codeId: string,
  ): Promise<CodeHistoryDto> {
    return { items: await this.codes.history(access.projectId, codeId) };
  }
}
