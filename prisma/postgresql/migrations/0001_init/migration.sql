-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "shop" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "scope" TEXT,
    "shopifyShopId" TEXT,
    "plan" TEXT,
    "primaryDomain" TEXT,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL,
    "senderName" TEXT,
    "replyTo" TEXT,
    "postalAddress" TEXT,
    "logoUrl" TEXT,
    "brandColor" TEXT NOT NULL DEFAULT '#1f5132',
    "quietHoursStart" INTEGER NOT NULL DEFAULT 1260,
    "quietHoursEnd" INTEGER NOT NULL DEFAULT 480,
    "frequencyCapCount" INTEGER NOT NULL DEFAULT 2,
    "frequencyCapDays" INTEGER NOT NULL DEFAULT 7,
    "holdoutPercent" INTEGER NOT NULL DEFAULT 10,
    "dailySendLimit" INTEGER NOT NULL DEFAULT 500,
    "sendTimeOptimisation" BOOLEAN NOT NULL DEFAULT false,
    "attributionWindowDays" INTEGER NOT NULL DEFAULT 5,
    "maxDiscountPercent" INTEGER NOT NULL DEFAULT 15,
    "unapprovedFallback" TEXT NOT NULL DEFAULT 'generic',
    "approvalDigest" TEXT NOT NULL DEFAULT 'off',
    "approvalGraceMinutes" INTEGER NOT NULL DEFAULT 60,
    "aiProvider" TEXT NOT NULL DEFAULT 'auto',
    "aiModel" TEXT NOT NULL DEFAULT 'gpt-4o-mini',
    "onboardingDismissedAt" TIMESTAMP(3),
    "vipThresholdMinor" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "email" TEXT,
    "emailLower" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "locale" TEXT,
    "tags" TEXT NOT NULL DEFAULT '',
    "countryCode" TEXT,
    "timeZone" TEXT,
    "marketingState" TEXT NOT NULL DEFAULT 'NOT_SUBSCRIBED',
    "marketingOptInLevel" TEXT,
    "marketingUpdatedAt" TIMESTAMP(3),
    "ordersCount" INTEGER NOT NULL DEFAULT 0,
    "totalSpentMinor" INTEGER NOT NULL DEFAULT 0,
    "firstOrderAt" TIMESTAMP(3),
    "firstOrderMonthDay" TEXT,
    "lastOrderAt" TIMESTAMP(3),
    "segment" TEXT,
    "categoryAffinity" TEXT,
    "engaged" BOOLEAN NOT NULL DEFAULT false,
    "lastClickAt" TIMESTAMP(3),
    "segmentUpdatedAt" TIMESTAMP(3),
    "sourceUpdatedAt" TIMESTAMP(3),
    "redactedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "name" TEXT,
    "customerShopifyId" TEXT,
    "email" TEXT,
    "checkoutToken" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "subtotalMinor" INTEGER NOT NULL DEFAULT 0,
    "totalMinor" INTEGER NOT NULL DEFAULT 0,
    "refundedMinor" INTEGER NOT NULL DEFAULT 0,
    "financialStatus" TEXT,
    "discountCodes" TEXT NOT NULL DEFAULT '[]',
    "landingSite" TEXT,
    "sourceName" TEXT,
    "processedAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "sourceUpdatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderLine" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shopifyId" TEXT,
    "productShopifyId" TEXT,
    "variantShopifyId" TEXT,
    "title" TEXT NOT NULL,
    "variantTitle" TEXT,
    "sku" TEXT,
    "productType" TEXT,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "priceMinor" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Checkout" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "cartToken" TEXT,
    "customerShopifyId" TEXT,
    "email" TEXT,
    "emailLower" TEXT,
    "abandonedCheckoutUrl" TEXT,
    "buyerAcceptsMarketing" BOOLEAN NOT NULL DEFAULT false,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "totalMinor" INTEGER NOT NULL DEFAULT 0,
    "lines" TEXT NOT NULL DEFAULT '[]',
    "completedAt" TIMESTAMP(3),
    "convertedOrderId" TEXT,
    "sourceCreatedAt" TIMESTAMP(3),
    "sourceUpdatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Checkout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "handle" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "productType" TEXT,
    "vendor" TEXT,
    "tags" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "imageUrl" TEXT,
    "imageAlt" TEXT,
    "variants" TEXT NOT NULL DEFAULT '[]',
    "minPriceMinor" INTEGER NOT NULL DEFAULT 0,
    "contentHash" TEXT,
    "deletedAt" TIMESTAMP(3),
    "sourceUpdatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PixelEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "customerShopifyId" TEXT,
    "productShopifyId" TEXT,
    "variantShopifyId" TEXT,
    "checkoutToken" TEXT,
    "clientId" TEXT,
    "quantity" INTEGER,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PixelEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PixelClient" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "checkoutToken" TEXT,
    "customerShopifyId" TEXT,
    "boundAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PixelClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateCounter" (
    "key" TEXT NOT NULL,
    "window" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateCounter_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "eventId" TEXT,
    "topic" TEXT NOT NULL,
    "apiVersion" TEXT,
    "triggeredAt" TIMESTAMP(3),
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "announcements" TEXT,
    "error" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "contentKey" TEXT,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadLetter" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "topic" TEXT,
    "webhookId" TEXT,
    "payload" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadLetter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackfillJob" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "url" TEXT,
    "linesDone" INTEGER NOT NULL DEFAULT 0,
    "bytesDone" INTEGER NOT NULL DEFAULT 0,
    "bytesTotal" INTEGER,
    "objectCount" INTEGER,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BackfillJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceRecord" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "customerShopifyId" TEXT,
    "email" TEXT,
    "export" TEXT,
    "completedAt" TIMESTAMP(3),
    "downloadedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplianceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowSetting" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "flowKey" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "config" TEXT NOT NULL DEFAULT '{}',
    "segmentSteps" TEXT NOT NULL DEFAULT '{}',
    "enabledAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlowSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowVersion" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "flowKey" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FlowVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowRun" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "flowKey" TEXT NOT NULL,
    "flowVersion" INTEGER NOT NULL,
    "enrollKey" TEXT NOT NULL,
    "customerShopifyId" TEXT,
    "email" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "currentStep" INTEGER NOT NULL DEFAULT 0,
    "nextStepAt" TIMESTAMP(3),
    "holdout" BOOLEAN NOT NULL DEFAULT false,
    "context" TEXT NOT NULL DEFAULT '{}',
    "exitReason" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlowRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DueStep" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DueStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "customerShopifyId" TEXT,
    "email" TEXT,
    "runId" TEXT,
    "flowKey" TEXT,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VoiceGuide" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "examples" TEXT NOT NULL DEFAULT '[]',
    "rules" TEXT NOT NULL DEFAULT '[]',
    "genericSample" TEXT NOT NULL DEFAULT '',
    "voiceSample" TEXT NOT NULL DEFAULT '',
    "bannedWords" TEXT NOT NULL DEFAULT '[]',
    "maxDiscountPercent" INTEGER NOT NULL DEFAULT 15,
    "signOff" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VoiceGuide_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BusinessContext" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "bestCustomers" TEXT NOT NULL DEFAULT '',
    "whatTheyBuy" TEXT NOT NULL DEFAULT '',
    "shopStandsFor" TEXT NOT NULL DEFAULT '',
    "neverSay" TEXT NOT NULL DEFAULT '',
    "seasonalMoments" TEXT NOT NULL DEFAULT '',
    "shippingReturns" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT 'merchant',
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BusinessContext_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Draft" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "flowKey" TEXT NOT NULL,
    "stepKey" TEXT NOT NULL,
    "productShopifyId" TEXT,
    "segment" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "version" INTEGER NOT NULL DEFAULT 1,
    "content" TEXT NOT NULL,
    "findings" TEXT NOT NULL DEFAULT '[]',
    "voiceScore" INTEGER,
    "author" TEXT NOT NULL,
    "promptVersion" TEXT NOT NULL,
    "promptHash" TEXT,
    "voiceVersion" INTEGER,
    "businessContextVersion" INTEGER,
    "productHash" TEXT,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "rejectionReason" TEXT,
    "approvedBy" TEXT,
    "approvedAt" TIMESTAMP(3),
    "previousId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Draft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DraftAudit" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "draftId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DraftAudit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AiCache" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "promptHash" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AiCache_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "flowKey" TEXT NOT NULL,
    "customerShopifyId" TEXT,
    "email" TEXT,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "messageIdHeader" TEXT NOT NULL,
    "draftId" TEXT,
    "subject" TEXT,
    "variant" INTEGER,
    "segment" TEXT,
    "abArm" TEXT,
    "discountCode" TEXT,
    "html" TEXT,
    "text" TEXT,
    "transport" TEXT,
    "providerResponse" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Click" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "count" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Click_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Suppression" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "emailLower" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "source" TEXT,
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shopifySyncedAt" TIMESTAMP(3),

    CONSTRAINT "Suppression_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attribution" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderShopifyId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "flowKey" TEXT NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "variant" INTEGER,
    "via" TEXT NOT NULL,
    "revenueMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "orderedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Attribution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AbDecision" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "flowKey" TEXT NOT NULL,
    "stepIndex" INTEGER,
    "testKind" TEXT NOT NULL,
    "winner" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "results" TEXT NOT NULL,
    "pValue" DOUBLE PRECISION NOT NULL,
    "testStartedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "revertedAt" TIMESTAMP(3),
    "revertedBy" TEXT,
    "activeKey" TEXT,

    CONSTRAINT "AbDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonalisationTest" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "flowKey" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" TIMESTAMP(3),
    "changedBy" TEXT,
    "changedAt" TIMESTAMP(3),

    CONSTRAINT "PersonalisationTest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppState" (
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppState_pkey" PRIMARY KEY ("shop","key")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE INDEX "Customer_shop_emailLower_idx" ON "Customer"("shop", "emailLower");

-- CreateIndex
CREATE INDEX "Customer_shop_lastOrderAt_idx" ON "Customer"("shop", "lastOrderAt");

-- CreateIndex
CREATE INDEX "Customer_shop_firstOrderMonthDay_idx" ON "Customer"("shop", "firstOrderMonthDay");

-- CreateIndex
CREATE INDEX "Customer_shop_segment_idx" ON "Customer"("shop", "segment");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_shop_shopifyId_key" ON "Customer"("shop", "shopifyId");

-- CreateIndex
CREATE INDEX "Order_shop_customerShopifyId_processedAt_idx" ON "Order"("shop", "customerShopifyId", "processedAt");

-- CreateIndex
CREATE INDEX "Order_shop_checkoutToken_idx" ON "Order"("shop", "checkoutToken");

-- CreateIndex
CREATE INDEX "Order_shop_processedAt_idx" ON "Order"("shop", "processedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Order_shop_shopifyId_key" ON "Order"("shop", "shopifyId");

-- CreateIndex
CREATE INDEX "OrderLine_orderId_idx" ON "OrderLine"("orderId");

-- CreateIndex
CREATE INDEX "OrderLine_shop_productShopifyId_idx" ON "OrderLine"("shop", "productShopifyId");

-- CreateIndex
CREATE INDEX "Checkout_shop_emailLower_idx" ON "Checkout"("shop", "emailLower");

-- CreateIndex
CREATE INDEX "Checkout_shop_customerShopifyId_idx" ON "Checkout"("shop", "customerShopifyId");

-- CreateIndex
CREATE UNIQUE INDEX "Checkout_shop_token_key" ON "Checkout"("shop", "token");

-- CreateIndex
CREATE INDEX "Product_shop_status_idx" ON "Product"("shop", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Product_shop_shopifyId_key" ON "Product"("shop", "shopifyId");

-- CreateIndex
CREATE INDEX "PixelEvent_shop_customerShopifyId_occurredAt_idx" ON "PixelEvent"("shop", "customerShopifyId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "PixelEvent_shop_eventId_key" ON "PixelEvent"("shop", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "PixelClient_shop_clientId_key" ON "PixelClient"("shop", "clientId");

-- CreateIndex
CREATE INDEX "WebhookEvent_status_receivedAt_idx" ON "WebhookEvent"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_shop_topic_receivedAt_idx" ON "WebhookEvent"("shop", "topic", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_shop_webhookId_key" ON "WebhookEvent"("shop", "webhookId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_shop_topic_eventId_key" ON "WebhookEvent"("shop", "topic", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_contentKey_key" ON "WebhookEvent"("contentKey");

-- CreateIndex
CREATE INDEX "DeadLetter_shop_receivedAt_idx" ON "DeadLetter"("shop", "receivedAt");

-- CreateIndex
CREATE INDEX "BackfillJob_shop_resource_startedAt_idx" ON "BackfillJob"("shop", "resource", "startedAt");

-- CreateIndex
CREATE INDEX "BackfillJob_bulkOperationId_idx" ON "BackfillJob"("bulkOperationId");

-- CreateIndex
CREATE INDEX "ComplianceRecord_shop_kind_createdAt_idx" ON "ComplianceRecord"("shop", "kind", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FlowSetting_shop_flowKey_key" ON "FlowSetting"("shop", "flowKey");

-- CreateIndex
CREATE UNIQUE INDEX "FlowVersion_shop_flowKey_version_key" ON "FlowVersion"("shop", "flowKey", "version");

-- CreateIndex
CREATE INDEX "FlowRun_shop_flowKey_status_idx" ON "FlowRun"("shop", "flowKey", "status");

-- CreateIndex
CREATE INDEX "FlowRun_shop_customerShopifyId_status_idx" ON "FlowRun"("shop", "customerShopifyId", "status");

-- CreateIndex
CREATE INDEX "FlowRun_shop_email_status_idx" ON "FlowRun"("shop", "email", "status");

-- CreateIndex
CREATE UNIQUE INDEX "FlowRun_shop_enrollKey_key" ON "FlowRun"("shop", "enrollKey");

-- CreateIndex
CREATE INDEX "DueStep_status_dueAt_idx" ON "DueStep"("status", "dueAt");

-- CreateIndex
CREATE INDEX "DueStep_shop_status_dueAt_idx" ON "DueStep"("shop", "status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "DueStep_runId_stepIndex_key" ON "DueStep"("runId", "stepIndex");

-- CreateIndex
CREATE INDEX "CustomerEvent_shop_customerShopifyId_at_idx" ON "CustomerEvent"("shop", "customerShopifyId", "at");

-- CreateIndex
CREATE INDEX "CustomerEvent_shop_email_at_idx" ON "CustomerEvent"("shop", "email", "at");

-- CreateIndex
CREATE INDEX "CustomerEvent_shop_runId_idx" ON "CustomerEvent"("shop", "runId");

-- CreateIndex
CREATE UNIQUE INDEX "VoiceGuide_shop_version_key" ON "VoiceGuide"("shop", "version");

-- CreateIndex
CREATE UNIQUE INDEX "BusinessContext_shop_version_key" ON "BusinessContext"("shop", "version");

-- CreateIndex
CREATE INDEX "Draft_shop_flowKey_stepKey_productShopifyId_segment_status_idx" ON "Draft"("shop", "flowKey", "stepKey", "productShopifyId", "segment", "status");

-- CreateIndex
CREATE INDEX "Draft_shop_status_createdAt_idx" ON "Draft"("shop", "status", "createdAt");

-- CreateIndex
CREATE INDEX "DraftAudit_shop_draftId_idx" ON "DraftAudit"("shop", "draftId");

-- CreateIndex
CREATE UNIQUE INDEX "AiCache_shop_promptHash_model_key" ON "AiCache"("shop", "promptHash", "model");

-- CreateIndex
CREATE INDEX "Message_shop_status_claimedAt_idx" ON "Message"("shop", "status", "claimedAt");

-- CreateIndex
CREATE INDEX "Message_shop_email_idx" ON "Message"("shop", "email");

-- CreateIndex
CREATE INDEX "Message_shop_customerShopifyId_sentAt_idx" ON "Message"("shop", "customerShopifyId", "sentAt");

-- CreateIndex
CREATE INDEX "Message_shop_discountCode_idx" ON "Message"("shop", "discountCode");

-- CreateIndex
CREATE UNIQUE INDEX "Message_runId_stepIndex_key" ON "Message"("runId", "stepIndex");

-- CreateIndex
CREATE INDEX "Click_shop_messageId_idx" ON "Click"("shop", "messageId");

-- CreateIndex
CREATE UNIQUE INDEX "Click_shop_messageId_url_key" ON "Click"("shop", "messageId", "url");

-- CreateIndex
CREATE UNIQUE INDEX "Suppression_shop_emailLower_key" ON "Suppression"("shop", "emailLower");

-- CreateIndex
CREATE INDEX "Attribution_shop_flowKey_orderedAt_idx" ON "Attribution"("shop", "flowKey", "orderedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Attribution_shop_orderShopifyId_key" ON "Attribution"("shop", "orderShopifyId");

-- CreateIndex
CREATE UNIQUE INDEX "AbDecision_activeKey_key" ON "AbDecision"("activeKey");

-- CreateIndex
CREATE INDEX "AbDecision_shop_flowKey_decidedAt_idx" ON "AbDecision"("shop", "flowKey", "decidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PersonalisationTest_shop_flowKey_key" ON "PersonalisationTest"("shop", "flowKey");

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

