-- AlterTable
ALTER TABLE "Rating" ADD COLUMN     "contentFlag" TEXT;

-- AlterTable
ALTER TABLE "SurveyResponse" ADD COLUMN     "contentFlag" TEXT;
