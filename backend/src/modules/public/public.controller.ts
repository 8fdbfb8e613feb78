import { Body, Controller, Get, Headers, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, Public } from '../../common/auth/principal.js';
import { PublicCodeDto, PublicRedeemDto, RedemptionResponseDto } from '../redemptions/dto/redemption.dto.js';
import { CodeLookupService } from '../redemptions/code-lookup.service.js';
import { RedemptionsService } from '../redemptions/redemptions.service.js';
import { type ProblemMap, ProblemResponses } from '../../common/http/openapi-contract.js';

/** The activation page sees inactive, used-up and already-redeemed codes as unknown (no enumeration). */
const PUBLIC_PROBLEMS = {
  400: ['code_mistyped'],
  404: ['code_not_found'],
  422: ['code_not_yet_valid', 'code_expired'],
  429: ['rate_limited'],
} satisfies ProblemMap;

/**
 * The API behind the public activation page (the link in the code emails). No login; failed
 * look-ups (unknown or mistyped codes) count against a per-address budget. A code that exists
 * but cannot be activated says why (`code_inactive`, `code_already_redeemed`, …) with the dates
 * that explain it, so the learner knows what to do next; telling that takes the whole code, which
 * the budget keeps out of a guesser's reach. An unknown project answers like an unknown code.
 */
@ApiTags('public')
@Public()
@Controller('public/:projectSlug')
export class PublicController {
  constructor(
    private readonly redemptions: RedemptionsService,
    private readonly codes: CodeLookupService,
  ) {}

  @Get('codes/:code')
  @ApiOperation({
    summary: 'Product and plan of a code that can be redeemed now',
    description:
      'A refusal is problem+json with the refusal `code`; `code_not_yet_valid` carries `validFrom`, ' +
      '`code_expired` `validTill`, `code_exhausted` `maxRedemptions`.',
  })
  @ApiOkResponse({ type: PublicCodeDto })
  @ProblemResponses(PUBLIC_PROBLEMS)
  async getActivationCode(
    @Param('projectSlug') projectSlug: string,
    @Param('code') code: string,
    @ClientIp() ip: string,
  ): Promise<PublicCodeDto> {
    return this.codes.describeForActivationPage(projectSlug, code, { kind: 'public', ip });
  }

  @Post('redemptions')
  @ApiOperation({
    summary: 'Redeem a code on the activation page with the learner’s name and email',
    description:
      'Refusals as for the look-up; `already_redeemed_by_learner` carries `redeemedAt`, when this ' +
      'email activated the code.',
  })
  @ApiCreatedResponse({ type: RedemptionResponseDto })
  @ProblemResponses({ ...PUBLIC_PROBLEMS, 409: ['already_redeemed_by_learner'] })
  async redeemOnActivationPage(
    @Param('projectSlug') projectSlug: string,
    @Body() body: PublicRedeemDto,
    @ClientIp() ip: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<RedemptionResponseDto> {
    return this.redemptions.redeemOnActivationPage(
      projectSlug,
      { code: body.code, name: body.name, email: body.email },
      { ip, userAgent },
      { kind: 'public', ip },
    );
  }
}
