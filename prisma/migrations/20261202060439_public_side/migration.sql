-- CreateEnum
CREATE TYPE "ArticleCategory" AS ENUM ('WORK_NEWS', 'SCIENCE', 'NOTICE', 'EXPOSURE', 'MODEL_STREET', 'VOLUNTEER');

-- CreateEnum
CREATE TYPE "ArticleStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "SmsPurpose" AS ENUM ('LOGIN', 'LINK');

-- AlterEnum
ALTER TYPE "DeadlineKind" ADD VALUE 'DISCLOSE';

-- AlterTable
ALTER TABLE "Business" ADD COLUMN     "modelStreetId" INTEGER;

-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "contentFlag" TEXT;

-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN     "contentFlag" TEXT;

-- AlterTable
ALTER TABLE "PenaltyDecision" ADD COLUMN     "disclosedAt" TIMESTAMP(3),
ADD COLUMN     "disclosedBy" INTEGER,
ADD COLUMN     "disclosureWithdrawReason" TEXT,
ADD COLUMN     "disclosureWithdrawnAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "checkState" TEXT,
ADD COLUMN     "checkTraceId" TEXT,
ADD COLUMN     "checkedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" DROP COLUMN "phone",
ADD COLUMN     "phoneEnc" TEXT,
ADD COLUMN     "phoneHash" TEXT,
ADD COLUMN     "phoneMasked" TEXT,
ADD COLUMN     "phoneVerifiedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SubscriptionGrant" (
    "userId" INTEGER NOT NULL,
    "templateId" TEXT NOT NULL,
    "remaining" INTEGER NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubscriptionGrant_pkey" PRIMARY KEY ("userId","templateId")
);

-- CreateTable
CREATE TABLE "Article" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "category" "ArticleCategory" NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "coverUploadId" TEXT,
    "status" "ArticleStatus" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "viewCount" INTEGER NOT NULL DEFAULT 0,
    "officeId" INTEGER,
    "authorUserId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleImage" (
    "articleId" INTEGER NOT NULL,
    "uploadId" TEXT NOT NULL,

    CONSTRAINT "ArticleImage_pkey" PRIMARY KEY ("articleId","uploadId")
);

-- CreateTable
CREATE TABLE "ModelStreet" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "streetId" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ModelStreet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsCode" (
    "id" SERIAL NOT NULL,
    "phoneHash" TEXT NOT NULL,
    "purpose" "SmsPurpose" NOT NULL,
    "codeHash" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),
    "voidedAt" TIMESTAMP(3),

    CONSTRAINT "SmsCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Article_status_publishedAt_idx" ON "Article"("status", "publishedAt");

-- CreateIndex
CREATE INDEX "Article_category_status_publishedAt_idx" ON "Article"("category", "status", "publishedAt");

-- CreateIndex
CREATE INDEX "ArticleImage_uploadId_idx" ON "ArticleImage"("uploadId");

-- CreateIndex
CREATE UNIQUE INDEX "ModelStreet_code_key" ON "ModelStreet"("code");

-- CreateIndex
CREATE INDEX "SmsCode_phoneHash_createdAt_idx" ON "SmsCode"("phoneHash", "createdAt");

-- CreateIndex
CREATE INDEX "SmsCode_source_createdAt_idx" ON "SmsCode"("source", "createdAt");

-- CreateIndex
CREATE INDEX "Business_modelStreetId_idx" ON "Business"("modelStreetId");

-- CreateIndex
CREATE INDEX "PenaltyDecision_disclosedAt_idx" ON "PenaltyDecision"("disclosedAt");

-- CreateIndex
CREATE INDEX "PenaltyDecision_businessId_idx" ON "PenaltyDecision"("businessId");

-- CreateIndex
CREATE UNIQUE INDEX "Upload_checkTraceId_key" ON "Upload"("checkTraceId");

-- CreateIndex
CREATE UNIQUE INDEX "User_phoneHash_key" ON "User"("phoneHash");

-- AddForeignKey
ALTER TABLE "Business" ADD CONSTRAINT "Business_modelStreetId_fkey" FOREIGN KEY ("modelStreetId") REFERENCES "ModelStreet"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubscriptionGrant" ADD CONSTRAINT "SubscriptionGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleImage" ADD CONSTRAINT "ArticleImage_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleImage" ADD CONSTRAINT "ArticleImage_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelStreet" ADD CONSTRAINT "ModelStreet_streetId_fkey" FOREIGN KEY ("streetId") REFERENCES "Street"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
