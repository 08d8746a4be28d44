-- 0003 mail delivery (issue 3): what the SMTP sender needs beyond 0002's outbox.
--   next_attempt_at  when the sender tries a queued message next: retries back off, and a sender
--                    takes a message by moving it into the future (a lease), so several server
--                    processes never send one message twice at the same time.
--   message_id       chosen once, so that every retry of a message carries the same Message-ID
--                    (a receiver that got it before a lost reply can tell the copies apart).
--   delivered_body   the body that replaces `body` once the relay accepted the message: the same
--                    text without the one-time link, which must not stay readable in the database.
ALTER TABLE mail_outbox
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN message_id      text NOT NULL DEFAULT '',
    ADD COLUMN delivered_body  text;
DROP INDEX mail_outbox_queued;
CREATE INDEX mail_outbox_queued ON mail_outbox (next_attempt_at) WHERE status = 'queued';
