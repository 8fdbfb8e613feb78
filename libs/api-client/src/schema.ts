// Generated from openapi.json by libs/api-client/generate.mjs. Do not edit.
/* eslint-disable */
export interface paths {
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password
         * @description Answers the session token for API clients (`Authorization: Bearer`). With `X-Requested-With: admit-console` (the console) it also sets the session as an HttpOnly, SameSite=Strict cookie; the console then sends that header on every unsafe request.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Logout */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/codes/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a code of the key’s project and its latest redemptions */
        get: operations["getCodeByValue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get me */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List notifications */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read notification */
        post: operations["readNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read all notifications */
        post: operations["readAllNotifications"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List projects */
        get: operations["listProjects"];
        put?: never;
        /** Create project */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get project */
        get: operations["getProject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update project */
        patch: operations["updateProject"];
        trace?: never;
    };
    "/api/v1/projects/{projectId}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List api keys */
        get: operations["listApiKeys"];
        put?: never;
        /** Create api key */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete api key */
        delete: operations["deleteApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List batches */
        get: operations["listBatches"];
        put?: never;
        /** Create batch */
        post: operations["createBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/batches/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get batch */
        get: operations["getBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/batches/{batchId}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-activate every deactivated code of the batch */
        post: operations["activateBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/batches/{batchId}/codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The codes of a batch in the order they were made (Custom Name: by number) */
        get: operations["listBatchCodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/batches/{batchId}/codes.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download batch CSV */
        get: operations["downloadBatchCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/batches/{batchId}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deactivate batch */
        post: operations["deactivateBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/batches/{batchId}/resend-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the batch’s codes email again (queued), to its address or another */
        post: operations["resendBatchEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List codes */
        get: operations["listCodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/codes/{codeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get code */
        get: operations["getCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update code */
        patch: operations["updateCode"];
        trace?: never;
    };
    "/api/v1/projects/{projectId}/codes/{codeId}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Activate code */
        post: operations["activateCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/codes/{codeId}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deactivate code */
        post: operations["deactivateCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/codes/{codeId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get code history */
        get: operations["getCodeHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/codes/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export codes */
        get: operations["exportCodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List members */
        get: operations["listMembers"];
        put?: never;
        /** Add member */
        post: operations["addMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove member */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /** Update member */
        patch: operations["updateMember"];
        trace?: never;
    };
    "/api/v1/projects/{projectId}/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List products */
        get: operations["listProducts"];
        put?: never;
        /** Create product */
        post: operations["createProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/products/{productId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get product */
        get: operations["getProduct"];
        put?: never;
        post?: never;
        /** Delete product */
        delete: operations["deleteProduct"];
        options?: never;
        head?: never;
        /** Update product */
        patch: operations["updateProduct"];
        trace?: never;
    };
    "/api/v1/projects/{projectId}/products/{productId}/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List plans */
        get: operations["listPlans"];
        put?: never;
        /** Create plan */
        post: operations["createPlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/products/{productId}/plans/{planId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete plan */
        delete: operations["deletePlan"];
        options?: never;
        head?: never;
        /** Update plan */
        patch: operations["updatePlan"];
        trace?: never;
    };
    "/api/v1/projects/{projectId}/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The redemption log, newest first, in keyset pages */
        get: operations["listRedemptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/redemptions/{redemptionId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a redemption with a reason; frees the code’s use */
        post: operations["revokeRedemption"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/redemptions/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The filtered redemption log as CSV, streamed */
        get: operations["exportRedemptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/redemptions/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Issued and redeemed codes per day or week, every bucket of the range (empty ones as zeros) */
        get: operations["getRedemptionStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks */
        get: operations["listWebhooks"];
        put?: never;
        /** Create webhook */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete webhook */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook deliveries */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/{projectSlug}/codes/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Product and plan of a code that can be redeemed now
         * @description A refusal is problem+json with the refusal `code`; `code_not_yet_valid` carries `validFrom`, `code_expired` `validTill`, `code_exhausted` `maxRedemptions`.
         */
        get: operations["getActivationCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/{projectSlug}/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeem a code on the activation page with the learner’s name and email
         * @description Refusals as for the look-up; `already_redeemed_by_learner` carries `redeemedAt`, when this email activated the code.
         */
        post: operations["redeemOnActivationPage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/batches/{batchId}/codes.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download signed batch CSV */
        get: operations["downloadSignedBatchCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeem a code for a learner
         * @description Refusals are problem+json with a stable code: 404 code_not_found, 400 code_mistyped, 422 code_inactive / code_not_yet_valid / code_expired, 409 code_already_redeemed / code_exhausted / already_redeemed_by_learner, 429 rate_limited (Retry-After).
         */
        post: operations["redeemCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/redemptions/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a code as a redemption would, without redeeming it */
        post: operations["validateCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AccessCodeDto: {
            active: boolean;
            /** Format: uuid */
            batchId: string;
            /** @description Normalised form, what is stored and matched */
            code: string;
            /** Format: date-time */
            createdAt: string;
            /** @description Grouped form for people, e.g. 7K2Q-M3XA-9PTR */
            display: string;
            expired: boolean;
            /** Format: uuid */
            id: string;
            /** @description 1 for single-use; null = no limit */
            maxRedemptions: number | null;
            /** Format: uuid */
            planId: string;
            planName: string;
            /** Format: uuid */
            productId: string;
            productName: string;
            redeemedBy: components["schemas"]["RedeemerDto"][];
            redemptionCount: number;
            /** @enum {string} */
            status: "unused" | "used" | "exhausted";
            /** Format: date-time */
            updatedAt: string | null;
            /** @enum {string} */
            usageType: "single" | "multiple";
            /** Format: date-time */
            validFrom: string | null;
            /** Format: date-time */
            validTill: string | null;
        };
        AccessCodeListDto: {
            counts?: components["schemas"]["CodeCountsDto"];
            items: components["schemas"]["AccessCodeDto"][];
            nextCursor: string | null;
        };
        AddMemberDto: {
            email: string;
            /** @description Needed when the email has no account yet */
            name?: string;
            /** @description Initial password when the email has no account yet: at least 12 characters, not a common password, not close to the email (a 400 names the field with code too_short, too_common or too_similar) */
            password?: string;
            /** @enum {string} */
            role: "owner" | "admin" | "support";
        };
        ApiKeyDto: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastUsedAt?: string | null;
            name: string;
            /** @description Public part of the key, shown to tell keys apart */
            prefix: string;
            scopes: ("codes:read" | "redemptions:write")[];
        };
        ApiKeyListDto: {
            items: components["schemas"]["ApiKeyDto"][];
            nextCursor: string | null;
        };
        BatchDto: {
            /** @description Codes the batch has now (from its counters) */
            codeCount?: number;
            /** Format: date-time */
            completedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            createdBy: string | null;
            createdByName: string | null;
            customName: string | null;
            /** Format: date-time */
            deactivatedAt: string | null;
            error: string | null;
            format: components["schemas"]["BatchFormatDto"];
            generatedCount: number;
            /** Format: uuid */
            id: string;
            maxRedemptions: number | null;
            /** @enum {string} */
            mode: "standard" | "bulk";
            notify: boolean;
            notifyEmail: string | null;
            /** Format: uuid */
            planId: string;
            planName: string;
            /** Format: uuid */
            productId: string;
            productName: string;
            /** Format: uuid */
            projectId: string;
            /** @description Codes of the batch redeemed at least once (from its counters) */
            redeemedCount?: number;
            requestedCount: number;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed";
            /** @enum {string} */
            usageType: "single" | "multiple";
            /** Format: date-time */
            validFrom: string | null;
            /** Format: date-time */
            validTill: string | null;
            /** @description Present when the guessable Custom Name format was used */
            warning?: string;
        };
        BatchFormatDto: {
            checkChar: boolean;
            groupSize: number;
            /** @enum {string} */
            kind: "random" | "custom" | "prefixed";
            length: number;
            prefix?: string;
        };
        BatchFormatInputDto: {
            checkChar?: boolean;
            groupSize?: number;
            /**
             * @default random
             * @enum {string}
             */
            kind: "random" | "prefixed";
            length?: number;
            /** @description For kind prefixed: letters and digits, e.g. MATHS */
            prefix?: string;
        };
        BatchListDto: {
            items: components["schemas"]["BatchDto"][];
            nextCursor: string | null;
        };
        CodeCountsDto: {
            all: number;
            unused: number;
            used: number;
        };
        CodeFormatDto: {
            checkChar: boolean;
            /** @example 4 */
            groupSize: number;
            /**
             * @description random, or prefixed (prefix + random); Custom Name is chosen per batch
             * @default random
             * @enum {string}
             */
            kind: "random" | "prefixed";
            /** @example 12 */
            length: number;
            /** @description For kind prefixed: 1–16 letters and digits, e.g. MATHS */
            prefix?: string;
        };
        CodeHistoryDto: {
            items: components["schemas"]["CodeHistoryEntryDto"][];
        };
        CodeHistoryEntryDto: {
            actorName: string | null;
            /** @enum {string} */
            actorType: "user" | "api_key" | "learner" | "system";
            /** Format: date-time */
            at: string;
            data: {
                [key: string]: unknown;
            } | null;
            /** @enum {string} */
            type: "created" | "edited" | "deactivated" | "activated" | "redeemed" | "revoked";
        };
        CodeValidationDto: {
            /** @description A sentence for the learner */
            message?: string;
            plan?: components["schemas"]["RedemptionPlanDto"];
            product?: components["schemas"]["RedemptionProductDto"];
            /**
             * @description Why the code cannot be redeemed
             * @enum {string}
             */
            reason?: "code_not_found" | "code_mistyped" | "code_inactive" | "code_not_yet_valid" | "code_expired" | "code_already_redeemed" | "code_exhausted" | "already_redeemed_by_learner";
            valid: boolean;
        };
        CodeWithRedemptionsDto: {
            code: components["schemas"]["ServiceCodeDto"];
            /** @description The latest 100 redemptions, revoked ones included */
            redemptions: components["schemas"]["RedemptionDto"][];
        };
        CreateApiKeyDto: {
            /** @example LMS integration */
            name: string;
            scopes: ("codes:read" | "redemptions:write")[];
        };
        CreateBatchDto: {
            /** @example 100 */
            count: number;
            /** @description Custom Name: codes become MATHS1, MATHS2, … (guessable) */
            customName?: string;
            format?: components["schemas"]["BatchFormatInputDto"];
            /** @description For multiple: how many learners may redeem each code; empty = no limit */
            maxRedemptions?: number;
            /**
             * @description Send Notification: email the codes
             * @default false
             */
            notify: boolean;
            /** @description Where to send them; default the requesting admin */
            notifyEmail?: string;
            /** Format: uuid */
            planId: string;
            /** Format: uuid */
            productId: string;
            /**
             * @default single
             * @enum {string}
             */
            usageType: "single" | "multiple";
            /** Format: date-time */
            validFrom?: string;
            /** Format: date-time */
            validTill?: string;
        };
        CreateBatchResponseDto: {
            batch: components["schemas"]["BatchDto"];
            /** @description Standard batches only (201) */
            codes?: components["schemas"]["AccessCodeDto"][];
        };
        CreatedApiKeyDto: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastUsedAt?: string | null;
            name: string;
            /** @description Public part of the key, shown to tell keys apart */
            prefix: string;
            scopes: ("codes:read" | "redemptions:write")[];
            /** @description The whole key. Shown only in this answer; store it now. */
            secret: string;
        };
        CreatedWebhookDto: {
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            events: ("code.redeemed" | "redemption.revoked" | "batch.completed")[];
            /** Format: uuid */
            id: string;
            /** @description HMAC-SHA256 key of X-Admit-Signature (sha256=<hex of the raw body>). Shown only in this answer. */
            secret: string;
            url: string;
        };
        CreatePlanDto: {
            accessDays?: number | null;
            name: string;
        };
        CreateProductDto: {
            description?: string;
            name: string;
        };
        CreateProjectDto: {
            /** @example Maths academy */
            name: string;
            /**
             * @description Lower-case letters, digits and dashes
             * @example maths-academy
             */
            slug?: string;
        };
        CreateWebhookDto: {
            events: ("code.redeemed" | "redemption.revoked" | "batch.completed")[];
            /** @example https://lms.example.com/hooks/admit */
            url: string;
        };
        DeliverySubjectDto: {
            /** @description The code (normalised form) for code and redemption subjects */
            code?: string;
            /** @description Codes in the batch, for batch subjects */
            count?: number;
            /**
             * Format: uuid
             * @description The redemption id (code and redemption) or the batch id
             */
            id: string;
            /** @description The learner of a redemption */
            learnerExternalId?: string | null;
            /** @enum {string} */
            type: "code" | "redemption" | "batch";
        };
        FieldError: {
            /** @enum {string} */
            code: "required" | "invalid" | "invalid_type" | "invalid_format" | "invalid_email" | "invalid_url" | "invalid_uuid" | "invalid_date" | "too_short" | "too_long" | "too_small" | "too_large" | "too_deep" | "too_common" | "too_similar" | "not_allowed_value" | "not_allowed_character" | "not_unique" | "unknown_field" | "in_the_past" | "before_start" | "taken" | "scheme_not_allowed" | "credentials_not_allowed" | "address_not_allowed";
            /**
             * @description Path of the field, e.g. `learner.email`
             * @example count
             */
            field: string;
            /** @description English default; map `code` to your own words */
            message: string;
        };
        LoginDto: {
            /** @example admin@admit.local */
            email: string;
            /** @example admit-console-dev */
            password: string;
        };
        LoginResponseDto: {
            accessToken: string;
            /** Format: date-time */
            expiresAt: string;
            user: components["schemas"]["UserDto"];
        };
        MemberDto: {
            /** Format: date-time */
            createdAt: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "support";
            /** Format: uuid */
            userId: string;
        };
        MemberListDto: {
            items: components["schemas"]["MemberDto"][];
            nextCursor: string | null;
        };
        MeResponseDto: {
            email: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** @description Whether this user may open the queue dashboard at /admin/queues: an owner of a project of the operator tenant */
            queueDashboard: boolean;
            /** Format: uuid */
            tenantId: string;
        };
        NotificationDto: {
            body: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** @description A console path, e.g. the batch’s codes */
            link: string | null;
            /** Format: uuid */
            projectId: string | null;
            /** Format: date-time */
            readAt: string | null;
            title: string;
            /** @example batch.completed */
            type: string;
        };
        NotificationListDto: {
            items: components["schemas"]["NotificationDto"][];
            unreadCount: number;
        };
        PlanDto: {
            /** @description Days of access from redemption; null = lifetime */
            accessDays: number | null;
            archived: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: uuid */
            productId: string;
        };
        PlanListDto: {
            items: components["schemas"]["PlanDto"][];
            nextCursor: string | null;
        };
        /** @description Every error answer: `application/problem+json` (RFC 9457) with a stable `code`. */
        Problem: {
            /** @enum {string} */
            code: "validation_failed" | "unsupported_media_type" | "payload_too_large" | "uri_too_long" | "not_found" | "unauthorized" | "forbidden" | "conflict" | "rate_limited" | "idempotency_key_reused" | "internal_error" | "dependency_unavailable" | "invalid_credentials" | "batch_too_large" | "keyspace_exhausted" | "plan_in_use" | "code_not_found" | "code_inactive" | "code_not_yet_valid" | "code_expired" | "code_already_redeemed" | "code_exhausted" | "code_mistyped" | "already_redeemed_by_learner" | "query_timeout";
            detail: string;
            errors?: components["schemas"]["FieldError"][];
            /** @description `batch_too_large`: this project's batch cap */
            maxBatchSize?: number;
            /** @description `code_exhausted`: redemptions the code allows */
            maxRedemptions?: number;
            /**
             * Format: date-time
             * @description `already_redeemed_by_learner` on the activation page: this learner's redemption
             */
            redeemedAt?: string;
            /** @description Also in the `X-Request-Id` header; quote it to support */
            requestId: string;
            /** @example 400 */
            status: number;
            /** @example Bad Request */
            title: string;
            /** @example https://admit.dev/problems/validation-failed */
            type: string;
            /**
             * Format: date-time
             * @description `code_not_yet_valid`: from when
             */
            validFrom?: string;
            /**
             * Format: date-time
             * @description `code_expired`: until when
             */
            validTill?: string;
        };
        ProductDto: {
            archived: boolean;
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            /** Format: uuid */
            id: string;
            name: string;
            plans: components["schemas"]["PlanDto"][];
        };
        ProductListDto: {
            items: components["schemas"]["ProductDto"][];
            nextCursor: string | null;
        };
        ProjectDto: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "support";
            settings: components["schemas"]["ProjectSettingsDto"];
            slug: string;
        };
        ProjectListDto: {
            items: components["schemas"]["ProjectDto"][];
            nextCursor: string | null;
        };
        ProjectSettingsDto: {
            /** @example 150 */
            bulkThreshold: number;
            codeFormat: components["schemas"]["CodeFormatDto"];
            /** @example 2000 */
            maxBatchSize: number;
            /**
             * @description The operator's ceiling: the largest batch cap this server allows (read-only)
             * @example 10000000
             */
            maxBatchSizeLimit: number;
        };
        PublicCodeDto: {
            /** @description null = lifetime access */
            accessDays: number | null;
            /** @description Normalised form */
            code: string;
            /** @description Grouped for people */
            display: string;
            planName: string;
            productName: string;
            projectName: string;
        };
        PublicRedeemDto: {
            /** @example 7K2Q-M3XA-9PTR */
            code: string;
            /**
             * @description Also the learner id on this page (lower-cased)
             * @example ada@example.com
             */
            email: string;
            /** @example Ada Lovelace */
            name: string;
        };
        RedeemCodeDto: {
            /**
             * @description As typed: case, spaces and dashes are ignored
             * @example 7K2Q-M3XA-9PTR
             */
            code: string;
            learner: components["schemas"]["RedeemLearnerDto"];
        };
        RedeemerDto: {
            email: string | null;
            externalId: string;
            name: string | null;
            /** Format: date-time */
            redeemedAt: string;
        };
        RedeemLearnerDto: {
            /** @example ada@example.com */
            email?: string;
            /** @description Your id for the learner; one live redemption per learner and code */
            externalId: string;
            /** @example Ada Lovelace */
            name?: string;
        };
        RedemptionDto: {
            /**
             * Format: date-time
             * @description End of the granted access; null = lifetime
             */
            accessUntil: string | null;
            /** @enum {string} */
            channel: "api" | "activation_page" | "console";
            /** @description The code, normalised */
            code: string;
            /** Format: uuid */
            id: string;
            learner: components["schemas"]["RedemptionLearnerDto"];
            plan: components["schemas"]["RedemptionPlanDto"];
            product: components["schemas"]["RedemptionProductDto"];
            /** Format: date-time */
            redeemedAt: string;
            /** Format: date-time */
            revokedAt: string | null;
            revokeReason: string | null;
        };
        RedemptionLearnerDto: {
            email: string | null;
            externalId: string;
            name: string | null;
        };
        RedemptionListDto: {
            items: components["schemas"]["RedemptionLogItemDto"][];
            nextCursor: string | null;
        };
        RedemptionLogItemDto: {
            /**
             * Format: date-time
             * @description End of the granted access; null = lifetime
             */
            accessUntil: string | null;
            /** @description The API key it came through (channel api) */
            apiKeyName: string | null;
            /** Format: uuid */
            batchId: string;
            /** @enum {string} */
            channel: "api" | "activation_page" | "console";
            /** @description The code, normalised */
            code: string;
            /** Format: uuid */
            codeId: string;
            /** @description The code grouped for people, as the codes list shows it */
            display: string;
            /** Format: uuid */
            id: string;
            ip: string | null;
            learner: components["schemas"]["RedemptionLearnerDto"];
            plan: components["schemas"]["RedemptionPlanDto"];
            product: components["schemas"]["RedemptionProductDto"];
            /** Format: date-time */
            redeemedAt: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** Format: uuid */
            revokedById: string | null;
            revokeReason: string | null;
            userAgent: string | null;
        };
        RedemptionPlanDto: {
            /** @description null = lifetime access */
            accessDays: number | null;
            /** Format: uuid */
            id: string;
            name: string;
        };
        RedemptionProductDto: {
            /** Format: uuid */
            id: string;
            name: string;
        };
        RedemptionResponseDto: {
            redemption: components["schemas"]["RedemptionDto"];
        };
        RedemptionStatsBucketDto: {
            /** @description Codes generated in batches created in this bucket */
            issued: number;
            /** @description Redemptions made in this bucket and not revoked */
            redeemed: number;
            /**
             * Format: date
             * @description First day of the bucket, in the time zone asked for
             */
            start: string;
        };
        RedemptionStatsDto: {
            /** @enum {string} */
            bucket: "day" | "week";
            /** @description Every bucket of the range, empty ones too */
            buckets: components["schemas"]["RedemptionStatsBucketDto"][];
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            totals: components["schemas"]["RedemptionStatsTotalsDto"];
            tz: string;
        };
        RedemptionStatsTotalsDto: {
            issued: number;
            redeemed: number;
        };
        ResendBatchEmailDto: {
            /**
             * @description Where to send it; default: the address named when the batch was made, else yours
             * @example teacher@example.com
             */
            email?: string;
        };
        ResendBatchEmailResponseDto: {
            /**
             * Format: uuid
             * @description The email, as recorded in the mail log
             */
            mailId: string;
            recipient: string;
        };
        RevokeRedemptionDto: {
            /** @example Redeemed for the wrong learner */
            reason: string;
        };
        ServiceCodeDto: {
            active: boolean;
            /** Format: uuid */
            batchId: string;
            /** @description Normalised form */
            code: string;
            /** Format: date-time */
            createdAt: string;
            /** @description Grouped for people, e.g. 7K2Q-M3XA-9PTR */
            display: string;
            expired: boolean;
            /** Format: uuid */
            id: string;
            maxRedemptions: number | null;
            plan: components["schemas"]["RedemptionPlanDto"];
            /** Format: uuid */
            planId: string;
            product: components["schemas"]["RedemptionProductDto"];
            /** Format: uuid */
            productId: string;
            /** @description Live redemptions, newest first */
            redeemedBy: components["schemas"]["ServiceCodeRedeemerDto"][];
            redemptionCount: number;
            /** @enum {string} */
            status: "unused" | "used" | "exhausted";
            /** @enum {string} */
            usageType: "single" | "multiple";
            /** Format: date-time */
            validFrom: string | null;
            /** Format: date-time */
            validTill: string | null;
        };
        ServiceCodeRedeemerDto: {
            email: string | null;
            externalId: string;
            name: string | null;
            /** Format: date-time */
            redeemedAt: string;
        };
        UpdateAccessCodeDto: {
            /** @description New code text; normalised, unique in the project */
            code?: string;
            maxRedemptions?: number | null;
            /** @enum {string} */
            usageType?: "single" | "multiple";
            /** Format: date-time */
            validFrom?: string | null;
            /** Format: date-time */
            validTill?: string | null;
        };
        UpdateMemberDto: {
            /** @enum {string} */
            role: "owner" | "admin" | "support";
        };
        UpdatePlanDto: {
            accessDays?: number | null;
            archived?: boolean;
            name?: string;
        };
        UpdateProductDto: {
            archived?: boolean;
            description?: string | null;
            name?: string;
        };
        UpdateProjectDto: {
            name?: string;
            settings?: components["schemas"]["UpdateProjectSettingsDto"];
        };
        UpdateProjectSettingsDto: {
            bulkThreshold?: number;
            codeFormat?: components["schemas"]["CodeFormatDto"];
            maxBatchSize?: number;
        };
        UserDto: {
            email: string;
            /** Format: uuid */
            id: string;
            name: string;
        };
        ValidateCodeDto: {
            /** @example 7K2Q-M3XA-9PTR */
            code: string;
            /** @description Also check that this learner has not redeemed the code already */
            learner?: components["schemas"]["RedeemLearnerDto"];
        };
        WebhookDeliveryDto: {
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deliveredAt: string | null;
            /** @enum {string} */
            event: "code.redeemed" | "redemption.revoked" | "batch.completed";
            /**
             * Format: uuid
             * @description The body’s id; receivers de-duplicate on it
             */
            eventId: string;
            /**
             * Format: uuid
             * @description Sent as X-Admit-Delivery
             */
            id: string;
            /** Format: date-time */
            lastAttemptAt: string | null;
            lastError: string | null;
            lastStatusCode: number | null;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            /** @description code.redeemed: the code; redemption.revoked: the redemption; batch.completed: the batch */
            subject: components["schemas"]["DeliverySubjectDto"] | null;
            /** Format: uuid */
            webhookId: string;
        };
        WebhookDeliveryListDto: {
            items: components["schemas"]["WebhookDeliveryDto"][];
            nextCursor: string | null;
        };
        WebhookDto: {
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            events: ("code.redeemed" | "redemption.revoked" | "batch.completed")[];
            /** Format: uuid */
            id: string;
            url: string;
        };
        WebhookListDto: {
            items: components["schemas"]["WebhookDto"][];
            nextCursor: string | null;
        };
    };
    responses: {
        /** @description Bad request: a field is missing or wrong (`errors` names each one). `code`: `validation_failed` */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Conflicts with the current state. `code`: `conflict` */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The credentials do not allow this. `code`: `forbidden` */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Well-formed, but refused. `code`: `idempotency_key_reused` */
        IdempotencyKeyReused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unexpected error, logged with the request id. `code`: `internal_error` */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not found, or not visible to the caller. `code`: `not_found` */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Body larger than the limit. `code`: `payload_too_large` */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many attempts; wait for `Retry-After` seconds. `code`: `rate_limited` */
        RateLimited: {
            headers: {
                /** @description Seconds to wait */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A dependency (PostgreSQL, Redis) is out of reach, or a read ran out of time; retry after `Retry-After`. `code`: `dependency_unavailable`, `query_timeout` */
        ReadUnavailable: {
            headers: {
                /** @description Seconds to wait */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A dependency (PostgreSQL, Redis) is out of reach, or a read ran out of time; retry after `Retry-After`. `code`: `dependency_unavailable` */
        ServiceUnavailable: {
            headers: {
                /** @description Seconds to wait */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No valid credentials. `code`: `unauthorized` */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Body is not JSON. `code`: `unsupported_media_type` */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    login: {
        parameters: {
            query?: never;
            header?: {
                /** @description admit-console */
                "X-Requested-With"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description No valid credentials. `code`: `invalid_credentials` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getCodeByValue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodeWithRedemptionsDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Not found, or not visible to the caller. `code`: `not_found`, `code_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeResponseDto"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationListDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    readNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    readAllNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listProjects: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectListDto"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProjectDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    updateProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProjectDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyListDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listBatches: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchListDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    createBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key returns the first answer */
                "Idempotency-Key"?: string;
            };
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBatchDto"];
            };
        };
        responses: {
            /** @description Standard batch: made now, with its codes */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateBatchResponseDto"];
                };
            };
            /** @description Bulk batch: queued; poll it or wait for the notification */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateBatchResponseDto"];
                };
            };
            /** @description Bad request: a field is missing or wrong (`errors` names each one). `code`: `validation_failed`, `batch_too_large`, `keyspace_exhausted` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    activateBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listBatchCodes: {
        parameters: {
            query?: {
                active?: boolean;
                batchId?: string;
                /** @description Also count all/used/unused codes under the other filters */
                counts?: boolean;
                cursor?: string;
                expired?: boolean;
                limit?: number;
                planId?: string;
                productId?: string;
                /** @description Start of a code, or a redeemer’s email, name or learner id */
                q?: string;
                status?: "used" | "unused";
            };
            header?: never;
            path: {
                batchId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessCodeListDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    downloadBatchCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Download CSV: every code of the batch */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    deactivateBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    resendBatchEmail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResendBatchEmailDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResendBatchEmailResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listCodes: {
        parameters: {
            query?: {
                active?: boolean;
                batchId?: string;
                /** @description Also count all/used/unused codes under the other filters */
                counts?: boolean;
                cursor?: string;
                expired?: boolean;
                limit?: number;
                planId?: string;
                productId?: string;
                /** @description Start of a code, or a redeemer’s email, name or learner id */
                q?: string;
                status?: "used" | "unused";
            };
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessCodeListDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                codeId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessCodeDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    updateCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                codeId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAccessCodeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessCodeDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    activateCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                codeId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessCodeDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deactivateCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                codeId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessCodeDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getCodeHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                codeId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodeHistoryDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    exportCodes: {
        parameters: {
            query?: {
                active?: boolean;
                batchId?: string;
                expired?: boolean;
                planId?: string;
                productId?: string;
                /** @description Start of a code, or a redeemer’s email, name or learner id */
                q?: string;
                status?: "used" | "unused";
            };
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CSV of the filtered codes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    listMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberListDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    addMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddMemberDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: unknown;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: unknown;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMemberDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listProducts: {
        parameters: {
            query?: {
                /** @description Also list archived products and plans */
                includeArchived?: boolean;
            };
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductListDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    createProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProductDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                productId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    deleteProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                productId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflicts with the current state. `code`: `plan_in_use` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                productId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProductDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listPlans: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                productId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanListDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    createPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                productId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePlanDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deletePlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                planId: string;
                productId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflicts with the current state. `code`: `plan_in_use` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updatePlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                planId: string;
                productId: string;
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePlanDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listRedemptions: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description Redeemed at or after (inclusive) */
                from?: string;
                limit?: number;
                /** @description The start of a code (as typed), or part of a learner’s email, id or name (3+ characters) */
                q?: string;
                /** @description Redeemed before (exclusive) */
                to?: string;
            };
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedemptionListDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    revokeRedemption: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: unknown;
                redemptionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevokeRedemptionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedemptionResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    exportRedemptions: {
        parameters: {
            query?: {
                from?: string;
                /** @description The start of a code (as typed), or part of a learner’s email, id or name (3+ characters) */
                q?: string;
                to?: string;
            };
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getRedemptionStats: {
        parameters: {
            query?: {
                batchId?: string;
                /** @description Weeks start on Monday */
                bucket?: "day" | "week";
                /** @description First day, in `tz` (inclusive); default: 29 days (day) or 11 weeks (week) before `to` */
                from?: string;
                planId?: string;
                productId?: string;
                /** @description Last day, in `tz` (inclusive); default: today in `tz` */
                to?: string;
                /** @description IANA time zone the days are cut in */
                tz?: string;
            };
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedemptionStatsDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookListDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: unknown;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                projectId: unknown;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryListDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getActivationCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                projectSlug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicCodeDto"];
                };
            };
            /** @description Bad request: a field is missing or wrong (`errors` names each one). `code`: `validation_failed`, `code_mistyped` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller. `code`: `not_found`, `code_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed, but refused. `code`: `code_not_yet_valid`, `code_expired` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    redeemOnActivationPage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectSlug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublicRedeemDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedemptionResponseDto"];
                };
            };
            /** @description Bad request: a field is missing or wrong (`errors` names each one). `code`: `validation_failed`, `code_mistyped` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found, or not visible to the caller. `code`: `not_found`, `code_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. `code`: `already_redeemed_by_learner` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Well-formed, but refused. `code`: `code_not_yet_valid`, `code_expired` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    downloadSignedBatchCsv: {
        parameters: {
            query: {
                expires: number;
                signature: string;
            };
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CSV of the batch */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    redeemCode: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key and body returns the first answer; another body is 422 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RedeemCodeDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "redemption": {
                     *         "id": "3c9d7e1a-4b2f-4a6c-8d5e-9f0a1b2c3d4e",
                     *         "code": "K7QXM2PD9VHT",
                     *         "product": {
                     *           "id": "0b6f2c1e-5d4a-4c8e-9f2a-3e1d7c6b5a49",
                     *           "name": "Algebra course"
                     *         },
                     *         "plan": {
                     *           "id": "7d3e9a2b-1c4f-4e6d-8a5b-2f9c0e1d3b7a",
                     *           "name": "Monthly",
                     *           "accessDays": 30
                     *         },
                     *         "learner": {
                     *           "externalId": "learner-42",
                     *           "email": "ada@example.com",
                     *           "name": "Ada Lovelace"
                     *         },
                     *         "channel": "api",
                     *         "accessUntil": "2026-12-29T10:15:00.000Z",
                     *         "redeemedAt": "2026-11-29T10:15:00.000Z",
                     *         "revokedAt": null,
                     *         "revokeReason": null
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["RedemptionResponseDto"];
                };
            };
            /** @description Bad request: a field is missing or wrong (`errors` names each one). `code`: `validation_failed`, `code_mistyped` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Not found, or not visible to the caller. `code`: `code_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state. `code`: `code_already_redeemed`, `code_exhausted`, `already_redeemed_by_learner` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Well-formed, but refused. `code`: `idempotency_key_reused`, `code_inactive`, `code_not_yet_valid`, `code_expired` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    validateCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ValidateCodeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodeValidationDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Not found, or not visible to the caller. `code`: `code_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
