-- CreateIndex
CREATE INDEX "Deadline_kind_startDate_idx" ON "Deadline"("kind", "startDate");
