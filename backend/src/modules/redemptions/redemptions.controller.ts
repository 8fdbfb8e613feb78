import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type ApiKeyPrincipal, ClientIp, CurrentApiKey, RequireScope } from '../../common/auth/principal.js';
import {
  CodeValidationDto,
  CodeWithRedemptionsDto,
  RedeemCodeDto,
  RedemptionResponseDto,
  ValidateCodeDto,
} from './dto/redemption.dto.js';
import {
  REDEEM_BODY_EXAMPLES,
  REDEEMED_EXAMPLE,
  VALIDATE_BODY_EXAMPLES,
  VALIDATION_EXAMPLES,
} from './dto/redemption.examples.js';
import { CodeLookupService } from './code-lookup.service.js';
import { RedemptionsService } from './redemptions.service.js';
import { type ProblemMap, ProblemResponses } from '../../common/http/openapi-contract.js';

/** What a redemption can be refused with, by status (see REFUSAL_STATUS). */
const REDEEM_PROBLEMS = {
  400: ['code_mistyped'],
  404: ['code_not_found'],
  409: ['code_already_redeemed', 'code_exhausted', 'already_redeemed_by_learner'],
  422: ['code_inactive', 'code_not_yet_valid', 'code_expired', 'idempotency_key_reused'],
  429: ['rate_limited'],
} satisfies ProblemMap;

/** The service API: other systems redeem, validate and read codes with a project API key. */
@ApiTags('redemptions')
@ApiBearerAuth()
@Controller()
export class RedemptionsController {
  constructor(
    private readonly redemptions: RedemptionsService,
    private readonly codes: CodeLookupService,
  ) {}

  @Post('redemptions')
  @RequireScope('redemptions:write')
  @ApiOperation({
    summary: 'Redeem a code for a learner',
    description:
      'Refusals are problem+json with a stable code: 404 code_not_found, 400 code_mistyped, ' +
      '422 code_inactive / code_not_yet_valid / code_expired, 409 code_already_redeemed / ' +
      'code_exhausted / already_redeemed_by_learner, 429 rate_limited (Retry-After).',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key and body returns the first answer; another body is 422',
  })
  @ApiBody({ type: RedeemCodeDto, examples: REDEEM_BODY_EXAMPLES })
  @ApiCreatedResponse({ type: RedemptionResponseDto, example: REDEEMED_EXAMPLE })
  @ProblemResponses(REDEEM_PROBLEMS)
  async redeemCode(
    @CurrentApiKey() key: ApiKeyPrincipal,
    @Body() body: RedeemCodeDto,
    @ClientIp() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<RedemptionResponseDto> {
    const result = await this.redemptions.redeemForService(
      key.projectId,
      { code: body.code, learner: { ...body.learner } },
      { channel: 'api', apiKey: { id: key.keyId, name: key.keyName }, ip, userAgent },
      { kind: 'service', ip, apiKeyId: key.keyId },
      idempotencyKey,
    );
    reply.status(result.status);
    if (result.replayed) reply.header('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Post('redemptions/validate')
  @HttpCode(200)
  @RequireScope('redemptions:write')
  @ApiOperation({ summary: 'Check a code as a redemption would, without redeeming it' })
  @ApiBody({ type: ValidateCodeDto, examples: VALIDATE_BODY_EXAMPLES })
  @ApiOkResponse({ type: CodeValidationDto, examples: VALIDATION_EXAMPLES })
  @ProblemResponses({ 404: ['code_not_found'], 429: ['rate_limited'] })
  async validateCode(
    @CurrentApiKey() key: ApiKeyPrincipal,
    @Body() body: ValidateCodeDto,
    @ClientIp() ip: string,
  ): Promise<CodeValidationDto> {
    return this.codes.validateForService(
      key.projectId,
      { code: body.code, learner: body.learner ? { ...body.learner } : undefined },
      { kind: 'service', ip, apiKeyId: key.keyId },
    );
  }

  @Get('codes/:code')
  @RequireScope('codes:read')
  @ApiOperation({ summary: 'Read a code of the key’s project and its latest redemptions' })
  @ApiOkResponse({ type: CodeWithRedemptionsDto })
  @ProblemResponses({ 404: ['code_not_found'], 429: ['rate_limited'] })
  async getCodeByValue(
    @CurrentApiKey() key: ApiKeyPrincipal,
    @Param('code') code: string,
    @ClientIp() ip: string,
  ): Promise<CodeWithRedemptionsDto> {
    return this.codes.lookUpCode(key.projectId, code, { kind: 'service', ip, apiKeyId: key.keyId });
  }
}
