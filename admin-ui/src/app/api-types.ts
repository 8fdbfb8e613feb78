/**
 * The console's names for the API's shapes, all from the generated OpenAPI schema
 * (`libs/api-client`), so a change in the backend's DTOs shows up here as a type error rather
 * than at run time.
 */
import type { components } from '@admit/api-client';

type Schemas = components['schemas'];

export type SessionUser = Schemas['UserDto'];
export type LoginBody = Schemas['LoginDto'];
export type LoginResponse = Schemas['LoginResponseDto'];

export type CodeFormat = Schemas['CodeFormatDto'];
export type ProjectSettings = Schemas['ProjectSettingsDto'];
export type Project = Schemas['ProjectDto'];
export type ProjectList = Schemas['ProjectListDto'];
export type CreateProjectBody = Schemas['CreateProjectDto'];
export type UpdateProjectBody = Schemas['UpdateProjectDto'];

export type Member = Schemas['MemberDto'];
export type MemberList = Schemas['MemberListDto'];
export type AddMemberBody = Schemas['AddMemberDto'];

export type ApiKey = Schemas['ApiKeyDto'];
export type ApiKeyList = Schemas['ApiKeyListDto'];
export type CreateApiKeyBody = Schemas['CreateApiKeyDto'];
/** The create answer is the only one that carries `secret`. */
export type CreatedApiKey = Schemas['CreatedApiKeyDto'];

export type Product = Schemas['ProductDto'];
export type Plan = Schemas['PlanDto'];
export type CreateProductBody = Schemas['CreateProductDto'];
export type UpdateProductBody = Schemas['UpdateProductDto'];
export type CreatePlanBody = Schemas['CreatePlanDto'];
export type UpdatePlanBody = Schemas['UpdatePlanDto'];

export type Batch = Schemas['BatchDto'];
export type BatchList = Schemas['BatchListDto'];
export type CreateBatchBody = Schemas['CreateBatchDto'];
export type CreateBatchResponse = Schemas['CreateBatchResponseDto'];

export type AccessCode = Schemas['AccessCodeDto'];
export type AccessCodeList = Schemas['AccessCodeListDto'];
export type CodeCounts = Schemas['CodeCountsDto'];
export type Redeemer = Schemas['RedeemerDto'];
export type UpdateCodeBody = Schemas['UpdateAccessCodeDto'];
export type CodeHistoryEntry = Schemas['CodeHistoryEntryDto'];
export type UsageType = AccessCode['usageType'];
export type CodeStatus = AccessCode['status'];

export type RedemptionStats = Schemas['RedemptionStatsDto'];
export type RedemptionStatsBucket = Schemas['RedemptionStatsBucketDto'];

export type Redemption = Schemas['RedemptionDto'];
export type RedemptionLogItem = Schemas['RedemptionLogItemDto'];
export type RedemptionList = Schemas['RedemptionListDto'];
export type RedemptionChannel = Redemption['channel'];

export type PublicCode = Schemas['PublicCodeDto'];
export type PublicRedeemBody = Schemas['PublicRedeemDto'];

export type Webhook = Schemas['WebhookDto'];
export type CreatedWebhook = Schemas['CreatedWebhookDto'];
export type CreateWebhookBody = Schemas['CreateWebhookDto'];
export type WebhookDelivery = Schemas['WebhookDeliveryDto'];
export type WebhookEvent = Webhook['events'][number];

export type AppNotification = Schemas['NotificationDto'];
export type NotificationList = Schemas['NotificationListDto'];
