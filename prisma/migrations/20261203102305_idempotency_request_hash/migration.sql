-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "requestHash" TEXT;
