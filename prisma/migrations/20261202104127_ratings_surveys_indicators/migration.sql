-- CreateEnum
CREATE TYPE "ComplaintOrigin" AS ENUM ('PUBLIC', 'SAMPLING');

-- CreateEnum
CREATE TYPE "RectificationState" AS ENUM ('OPEN', 'DONE');

-- CreateEnum
CREATE TYPE "SurveyQuestionKind" AS ENUM ('LIKERT5', 'YES_NO', 'TEXT');

-- CreateEnum
CREATE TYPE "SurveyQuestionRole" AS ENUM ('OVERALL', 'AWARENESS', 'SUPPORT');

-- CreateEnum
CREATE TYPE "SurveyResponseSource" AS ENUM ('ONLINE', 'IMPORT');

-- CreateEnum
CREATE TYPE "SamplingResult" AS ENUM ('QUALIFIED', 'UNQUALIFIED');

-- AlterEnum
ALTER TYPE "DeadlineKind" ADD VALUE 'RECTIFY';

-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "firstResolvedAt" TIMESTAMP(3),
ADD COLUMN     "origin" "ComplaintOrigin" NOT NULL DEFAULT 'PUBLIC',
ADD COLUMN     "reopenCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Rating" (
    "id" SERIAL NOT NULL,
    "complaintId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "tags" TEXT[],
    "comment" TEXT,
    "userId" INTEGER,
    "byVolunteer" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rectification" (
    "id" SERIAL NOT NULL,
    "complaintId" INTEGER NOT NULL,
    "ratingId" INTEGER NOT NULL,
    "deadlineId" INTEGER NOT NULL,
    "officeId" INTEGER,
    "state" "RectificationState" NOT NULL DEFAULT 'OPEN',
    "openedAt" TIMESTAMP(3) NOT NULL,
    "actionTaken" TEXT,
    "completedAt" TIMESTAMP(3),
    "completedBy" INTEGER,

    CONSTRAINT "Rectification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RectificationCallback" (
    "id" SERIAL NOT NULL,
    "rectificationId" INTEGER NOT NULL,
    "calledAt" TIMESTAMP(3) NOT NULL,
    "byUserId" INTEGER NOT NULL,
    "reached" BOOLEAN NOT NULL,
    "reporterSaid" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RectificationCallback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "from" DATE NOT NULL,
    "to" DATE NOT NULL,
    "streetIds" INTEGER[],
    "minSample" INTEGER NOT NULL DEFAULT 30,
    "target" DOUBLE PRECISION NOT NULL DEFAULT 0.8,
    "createdBy" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyQuestion" (
    "id" SERIAL NOT NULL,
    "surveyId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "kind" "SurveyQuestionKind" NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "role" "SurveyQuestionRole",

    CONSTRAINT "SurveyQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" SERIAL NOT NULL,
    "surveyId" INTEGER NOT NULL,
    "source" "SurveyResponseSource" NOT NULL,
    "identityKey" TEXT,
    "userId" INTEGER,
    "streetId" INTEGER NOT NULL,
    "communityId" INTEGER,
    "ageBand" TEXT NOT NULL,
    "importId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyAnswer" (
    "responseId" INTEGER NOT NULL,
    "questionId" INTEGER NOT NULL,
    "value" INTEGER,
    "text" TEXT,

    CONSTRAINT "SurveyAnswer_pkey" PRIMARY KEY ("responseId","questionId")
);

-- CreateTable
CREATE TABLE "SurveyImport" (
    "id" SERIAL NOT NULL,
    "surveyId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "importedBy" INTEGER,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SamplingBatch" (
    "id" SERIAL NOT NULL,
    "batchNo" TEXT NOT NULL,
    "sampledOn" DATE NOT NULL,
    "businessId" INTEGER NOT NULL,
    "product" TEXT NOT NULL,
    "foodCategory" TEXT NOT NULL,
    "result" "SamplingResult" NOT NULL,
    "failedItem" TEXT,
    "complaintId" INTEGER,
    "recordedBy" INTEGER,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SamplingBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Rating_createdAt_idx" ON "Rating"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Rating_complaintId_round_key" ON "Rating"("complaintId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "Rectification_complaintId_key" ON "Rectification"("complaintId");

-- CreateIndex
CREATE UNIQUE INDEX "Rectification_ratingId_key" ON "Rectification"("ratingId");

-- CreateIndex
CREATE UNIQUE INDEX "Rectification_deadlineId_key" ON "Rectification"("deadlineId");

-- CreateIndex
CREATE INDEX "Rectification_officeId_state_idx" ON "Rectification"("officeId", "state");

-- CreateIndex
CREATE INDEX "Rectification_openedAt_idx" ON "Rectification"("openedAt");

-- CreateIndex
CREATE INDEX "RectificationCallback_rectificationId_idx" ON "RectificationCallback"("rectificationId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyQuestion_surveyId_code_key" ON "SurveyQuestion"("surveyId", "code");

-- CreateIndex
CREATE INDEX "SurveyResponse_surveyId_streetId_idx" ON "SurveyResponse"("surveyId", "streetId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_surveyId_identityKey_key" ON "SurveyResponse"("surveyId", "identityKey");

-- CreateIndex
CREATE INDEX "SurveyAnswer_questionId_idx" ON "SurveyAnswer"("questionId");

-- CreateIndex
CREATE UNIQUE INDEX "SamplingBatch_batchNo_key" ON "SamplingBatch"("batchNo");

-- CreateIndex
CREATE UNIQUE INDEX "SamplingBatch_complaintId_key" ON "SamplingBatch"("complaintId");

-- CreateIndex
CREATE INDEX "SamplingBatch_sampledOn_idx" ON "SamplingBatch"("sampledOn");

-- CreateIndex
CREATE INDEX "SamplingBatch_businessId_idx" ON "SamplingBatch"("businessId");

-- CreateIndex
CREATE INDEX "Complaint_receivedAt_idx" ON "Complaint"("receivedAt");

-- CreateIndex
CREATE INDEX "Complaint_firstResolvedAt_idx" ON "Complaint"("firstResolvedAt");

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "Rating"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationCallback" ADD CONSTRAINT "RectificationCallback_rectificationId_fkey" FOREIGN KEY ("rectificationId") REFERENCES "Rectification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyQuestion" ADD CONSTRAINT "SurveyQuestion_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_streetId_fkey" FOREIGN KEY ("streetId") REFERENCES "Street"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_importId_fkey" FOREIGN KEY ("importId") REFERENCES "SurveyImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "SurveyResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "SurveyQuestion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyImport" ADD CONSTRAINT "SurveyImport_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SamplingBatch" ADD CONSTRAINT "SamplingBatch_businessId_fkey" FOREIGN KEY ("businessId") REFERENCES "Business"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SamplingBatch" ADD CONSTRAINT "SamplingBatch_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Complaints resolved before this column existed: their resolution is their first one.
UPDATE "Complaint" SET "firstResolvedAt" = "resolvedAt" WHERE "resolvedAt" IS NOT NULL AND "firstResolvedAt" IS NULL;
