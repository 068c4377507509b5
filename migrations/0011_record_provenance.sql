-- Who changed what, from what to what: each history entry keeps the fields it changed with their
-- values before and after ([{field, from, to}], from null on a create). Entries written before
-- this keep only changed_fields; their changes stay empty, as nothing recorded the values.
ALTER TABLE interaction_history ADD COLUMN changes jsonb NOT NULL DEFAULT '[]';

-- Who last changed a record, beside who created it. Until now only the history could tell, so a
-- record's creator is the best answer for rows written before this.
--
-- The backfill is an UPDATE, so the sync stamp trigger of 0004 gives every row a new sync_xid and
-- every device pulls every record once more. That is wanted: replication is how devices learn the
-- names of the creator and the last writer, which they never had; without it a record unchanged
-- since would show no names until someone edited it. server_seq stays, so no replica sees a conflict.
ALTER TABLE interactions ADD COLUMN updated_by uuid REFERENCES users (id);
UPDATE interactions SET updated_by = created_by;
ALTER TABLE interactions ALTER COLUMN updated_by SET NOT NULL;
