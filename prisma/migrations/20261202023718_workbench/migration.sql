-- CreateEnum
CREATE TYPE "DeadlineUnit" AS ENUM ('WORKING_DAYS', 'CALENDAR_DAYS');

-- CreateEnum
CREATE TYPE "PenaltyDecisionType" AS ENUM ('PENALTY', 'NO_PENALTY');

-- CreateEnum
CREATE TYPE "PartyKind" AS ENUM ('NATURAL_PERSON', 'ORGANISATION');

-- CreateEnum
CREATE TYPE "FollowUpKind" AS ENUM ('VISITED', 'URGED', 'NOTE');

-- AlterEnum
ALTER TYPE "ComplaintStatus" ADD VALUE 'CASE_DECIDED';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "DeadlineKind" ADD VALUE 'TERMINATION_NOTICE';
ALTER TYPE "DeadlineKind" ADD VALUE 'CASE_DECISION';

-- AlterTable
ALTER TABLE "CommitmentLetter" ADD COLUMN     "photoUploadId" TEXT,
ADD COLUMN     "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "byVolunteer" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "caseExtended" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reporterAddressEnc" TEXT;

-- AlterTable
ALTER TABLE "Deadline" ADD COLUMN     "unit" "DeadlineUnit" NOT NULL DEFAULT 'WORKING_DAYS';

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "User" DROP COLUMN "failedLogins",
DROP COLUMN "lockedUntil",
ADD COLUMN     "wechatBoundAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "LoginFailure" (
    "userId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("userId","source")
);

-- CreateTable
CREATE TABLE "PenaltyDecision" (
    "id" SERIAL NOT NULL,
    "complaintId" INTEGER NOT NULL,
    "businessId" INTEGER,
    "type" "PenaltyDecisionType" NOT NULL,
    "decisionNo" TEXT NOT NULL,
    "partyKind" "PartyKind" NOT NULL,
    "partyName" TEXT NOT NULL,
    "partyCreditCode" TEXT,
    "partyIdNoEnc" TEXT,
    "violationType" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "penaltyContent" TEXT NOT NULL,
    "penaltyKinds" TEXT[],
    "fineAmount" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "confiscationAmount" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "authority" TEXT NOT NULL,
    "decisionDate" DATE NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedBy" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PenaltyDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" SERIAL NOT NULL,
    "complaintId" INTEGER NOT NULL,
    "cadreId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "kind" "FollowUpKind" NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpPhoto" (
    "followUpId" INTEGER NOT NULL,
    "uploadId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "FollowUpPhoto_pkey" PRIMARY KEY ("followUpId","uploadId")
);

-- CreateIndex
CREATE UNIQUE INDEX "PenaltyDecision_complaintId_key" ON "PenaltyDecision"("complaintId");

-- CreateIndex
CREATE UNIQUE INDEX "PenaltyDecision_decisionNo_key" ON "PenaltyDecision"("decisionNo");

-- CreateIndex
CREATE INDEX "FollowUp_complaintId_idx" ON "FollowUp"("complaintId");

-- AddForeignKey
ALTER TABLE "LoginFailure" ADD CONSTRAINT "LoginFailure_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PenaltyDecision" ADD CONSTRAINT "PenaltyDecision_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpPhoto" ADD CONSTRAINT "FollowUpPhoto_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "FollowUp"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpPhoto" ADD CONSTRAINT "FollowUpPhoto_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
