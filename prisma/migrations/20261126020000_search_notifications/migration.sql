-- Every change to a cooperative (or to its traits) is announced on the channel
-- "coopdir_cooperative_changed" with the cooperative's id, at commit. Each service instance listens
-- and refreshes its in-memory directory index, whoever made the change (API, import, plain SQL).

CREATE FUNCTION "coopdir_notify_cooperative_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed UUID;
BEGIN
  IF TG_TABLE_NAME = 'cooperative' THEN
    changed := CASE WHEN TG_OP = 'DELETE' THEN OLD."id" ELSE NEW."id" END;
  ELSE
    changed := CASE WHEN TG_OP = 'DELETE' THEN OLD."cooperative_id" ELSE NEW."cooperative_id" END;
  END IF;
  PERFORM pg_notify('coopdir_cooperative_changed', changed::text);
  RETURN NULL;
END $$;

CREATE TRIGGER "cooperative_changed" AFTER INSERT OR UPDATE OR DELETE ON "cooperative"
  FOR EACH ROW EXECUTE FUNCTION "coopdir_notify_cooperative_changed"();

CREATE TRIGGER "cooperative_trait_changed" AFTER INSERT OR UPDATE OR DELETE ON "cooperative_trait"
  FOR EACH ROW EXECUTE FUNCTION "coopdir_notify_cooperative_changed"();
