-- 0011 the access log's time filter by id (issue 5): every page appends an entry, and each entry
-- cost four index inserts. The B-tree on `at` served GET /api/v1/audit's `from`/`to` filters, and
-- badly at that: on a log of millions the planner preferred the primary key's backward scan,
-- filtering every entry newer than `to` (seconds). Times follow ids -- the appender gives ids and
-- times under the chain's lock, and never a time before its predecessor's
-- (repositories/audit_repository.cpp) -- so a time is an id: the search asks this function for
-- the id range and walks the primary key.
DROP INDEX audit_log_at;

-- The first id whose entry is at or after `t` (one more than the last id when there is none; 0
-- when the log is empty): a binary search over the primary key, ~log2(entries) probes. Relies
-- on times never decreasing along the ids; where an older log broke that (a clock set back), the
-- bound may leave out entries next to the break (the search's own condition on `at` still keeps
-- every entry it returns inside the range).
CREATE FUNCTION audit_first_id_at(t timestamptz) RETURNS bigint LANGUAGE plpgsql STABLE STRICT AS $$
DECLARE
    lo bigint := 0;
    hi bigint;
    mid bigint;
    next_id bigint;
    next_at timestamptz;
BEGIN
    SELECT id + 1 INTO hi FROM audit_log ORDER BY id DESC LIMIT 1;
    IF hi IS NULL THEN
        RETURN 0;
    END IF;
    -- Every entry below lo is before t; every entry from hi on is at or after it.
    WHILE lo < hi LOOP
        mid := lo + (hi - lo) / 2;
        SELECT id, at INTO next_id, next_at FROM audit_log WHERE id >= mid ORDER BY id LIMIT 1;
        IF next_id IS NULL OR next_id >= hi OR next_at >= t THEN
            hi := mid; -- none in [mid, next_id), and from next_id on all at or after t
        ELSE
            lo := next_id + 1;
        END IF;
    END LOOP;
    RETURN lo;
END;
$$;
