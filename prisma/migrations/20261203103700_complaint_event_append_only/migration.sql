-- The audit trail is append-only in the database itself: whatever the application does, an UPDATE or DELETE of a
-- ComplaintEvent row is refused (TRUNCATE, an administrator's whole-table operation, is not a row change).
CREATE FUNCTION "complaint_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ComplaintEvent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "ComplaintEvent_append_only"
  BEFORE UPDATE OR DELETE ON "ComplaintEvent"
  FOR EACH ROW EXECUTE FUNCTION "complaint_event_append_only"();
