import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  CurrentProject,
  CurrentUser,
  type ProjectAccess,
  Public,
  RequireRole,
  type UserPrincipal,
} from '../../common/auth/principal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { sendCsv } from '../../common/http/csv-reply.js';
import { ProjectScoped } from '../../common/http/project-param.js';
import { RequestSignal } from '../../common/http/request-signal.js';
import { CodeListService } from '../access-codes/code-list.service.js';
import { AccessCodeListDto, ListCodesQueryDto } from '../access-codes/dto/access-code.dto.js';
import { BatchesService } from './batches.service.js';
import {
  BatchDto,
  BatchListDto,
  CreateBatchDto,
  CreateBatchResponseDto,
  ListBatchesQueryDto,
  ResendBatchEmailDto,
  ResendBatchEmailResponseDto,
  SignedDownloadQueryDto,
} from './dto/batch.dto.js';
import { ProblemResponses } from '../../common/http/openapi-contract.js';

const batchIdPipe = new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('Batch') });

@ApiTags('batches')
@ProjectScoped()
@Controller('projects/:projectId/batches')
export class BatchesController {
  constructor(
    private readonly batches: BatchesService,
    private readonly codes: CodeListService,
  ) {}

  @Post()
  @RequireRole('admin')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key returns the first answer',
  })
  @ApiCreatedResponse({
    type: CreateBatchResponseDto,
    description: 'Standard batch: made now, with its codes',
  })
  @ApiAcceptedResponse({
    type: CreateBatchResponseDto,
    description: 'Bulk batch: queued; poll it or wait for the notification',
  })
  @ProblemResponses({ 400: ['batch_too_large', 'keyspace_exhausted'] })
  async createBatch(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: UserPrincipal,
    @Body() body: CreateBatchDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<CreateBatchResponseDto> {
    const { status, body: response } = await this.batches.create(
      access.projectId,
      user,
      body,
      idempotencyKey,
    );
    reply.status(status);
    return response;
  }

  @Get()
  @RequireRole('support')
  @ApiOkResponse({ type: BatchListDto })
  listBatches(
    @CurrentProject() access: ProjectAccess,
    @Query() query: ListBatchesQueryDto,
  ): Promise<BatchListDto> {
    return this.batches.list(access.projectId, query.limit ?? 50, query.cursor);
  }

  @Get(':batchId')
  @RequireRole('support')
  @ApiOkResponse({ type: BatchDto })
  getBatch(
    @CurrentProject() access: ProjectAccess,
    @Param('batchId', batchIdPipe) batchId: string,
  ): Promise<BatchDto> {
    return this.batches.get(access.projectId, batchId);
  }

  @Get(':batchId/codes')
  @RequireRole('support')
  @ApiOperation({ summary: 'The codes of a batch in the order they were made (Custom Name: by number)' })
  @ApiOkResponse({ type: AccessCodeListDto })
  async listBatchCodes(
    @CurrentProject() access: ProjectAccess,
    @Param('batchId', batchIdPipe) batchId: string,
    @Query() query: ListCodesQueryDto,
    @RequestSignal() signal: AbortSignal,
  ): Promise<AccessCodeListDto> {
    await this.batches.assertExists(access.projectId, batchId);
    return this.codes.listBatch(access.projectId, batchId, query, signal);
  }

  @Get(':batchId/codes.csv')
  @RequireRole('support')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Download CSV: every code of the batch', schema: { type: 'string' } })
  async downloadBatchCsv(
    @CurrentProject() access: ProjectAccess,
    @Param('batchId', batchIdPipe) batchId: string,
    @Res() reply: FastifyReply,
  ) {
    await this.batches.assertExists(access.projectId, batchId);
    return sendCsv(reply, `batch-${batchId}.csv`, await this.codes.exportBatchCsv(access.projectId, batchId));
  }

  @Post(':batchId/deactivate')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOkResponse({ type: BatchDto })
  deactivateBatch(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: UserPrincipal,
    @Param('batchId', batchIdPipe) batchId: string,
  ): Promise<BatchDto> {
    return this.batches.setActive(access.projectId, batchId, user, false);
  }

  @Post(':batchId/activate')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Re-activate every deactivated code of the batch' })
  @ApiOkResponse({ type: BatchDto })
  activateBatch(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: UserPrincipal,
    @Param('batchId', batchIdPipe) batchId: string,
  ): Promise<BatchDto> {
    return this.batches.setActive(access.projectId, batchId, user, true);
  }

  @Post(':batchId/resend-email')
  @HttpCode(202)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Send the batch’s codes email again (queued), to its address or another' })
  @ApiAcceptedResponse({ type: ResendBatchEmailResponseDto })
  resendBatchEmail(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: UserPrincipal,
    @Param('batchId', batchIdPipe) batchId: string,
    @Body() body: ResendBatchEmailDto,
  ): Promise<ResendBatchEmailResponseDto> {
    return this.batches.resendEmail(access.projectId, batchId, user, body.email);
  }
}

/** The signed, expiring link of bulk batch emails: works without signing in. */
@ApiTags('batches')
@Controller('public/batches')
export class SignedBatchDownloadController {
  constructor(
    private readonly batches: BatchesService,
    private readonly codes: CodeListService,
  ) {}

  @Public()
  @Get(':batchId/codes.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV of the batch', schema: { type: 'string' } })
  async downloadSignedBatchCsv(
    @Param('batchId', batchIdPipe) batchId: string,
    @Query() query: SignedDownloadQueryDto,
    @Res() reply: FastifyReply,
  ) {
    this.batches.verifySignedCsv(batchId, query.expires, query.signature);
    const projectId = await this.batches.projectOf(batchId);
    return sendCsv(reply, `batch-${batchId}.csv`, await this.codes.exportBatchCsv(projectId, batchId));
  }
}
