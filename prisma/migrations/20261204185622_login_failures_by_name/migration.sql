-- Failure counts move from the account to the username as typed (an HMAC the server computes, which SQL cannot):
-- the counts kept so far are dropped, so a lock in force when this runs ends early and each pair counts afresh.
DELETE FROM "LoginFailure";

-- DropForeignKey
ALTER TABLE "LoginFailure" DROP CONSTRAINT "LoginFailure_userId_fkey";

-- AlterTable
ALTER TABLE "LoginFailure" DROP CONSTRAINT "LoginFailure_pkey",
DROP COLUMN "userId",
ADD COLUMN     "loginKey" TEXT NOT NULL,
ADD CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("loginKey", "source");
