#pragma once
// SQL of mail_outbox (migrations 0002, 0003): mail queued for the SMTP sender, or kept in the
// development outbox when no SMTP host is configured.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace mimamori::repositories {

struct NewMail {
    std::string to;
    std::string subject;
    std::string body;
    std::string delivered_body; // replaces body after delivery (without one-time links)
    std::string message_id;
    bool queue = false;         // 'queued' for the sender, else 'kept' in the development outbox
};

struct OutboxMail {
    std::int64_t id = 0;
    std::string to;
    std::string subject;
    std::string body;
    std::string status;         // queued, sent, failed, kept
    std::int64_t attempts = 0;
    std::string last_error;
    std::int64_t created_at = 0; // Unix seconds
    std::optional<std::int64_t> sent_at;
    std::string message_id;
};

std::int64_t insert_mail(db::Tx& tx, const NewMail& mail);

// Newest first, at most `limit`.
std::vector<OutboxMail> list_mail(db::Tx& tx, std::int64_t limit);

// Takes up to `limit` queued messages that are due, and moves their next attempt `lease_seconds`
// ahead so that no other sender takes them meanwhile (FOR UPDATE SKIP LOCKED).
std::vector<OutboxMail> claim_due_mail(db::Tx& tx, std::int64_t lease_seconds, std::int64_t limit);

// Delivered: status sent, the body replaced by its delivered copy.
void mark_mail_sent(db::Tx& tx, std::int64_t id);
// A failed attempt: tried again after `retry_seconds`, or marked failed when `give_up`.
void mark_mail_attempt_failed(db::Tx& tx, std::int64_t id, const std::string& error, std::int64_t retry_seconds,
                              bool give_up);

} // namespace mimamori::repositories
