-- Token buckets of the request rate limits, shared by every instance (GCRA state).
-- tat_ns: the bucket's theoretical arrival time in nanoseconds since the epoch; the bucket is full
-- when tat_ns <= now. last_granted: how many tokens the last lease took (read back by RETURNING).
CREATE TABLE rate_limit_buckets (
    bucket       text        PRIMARY KEY,
    tat_ns       bigint      NOT NULL,
    last_granted integer     NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
