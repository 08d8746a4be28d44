#include "repositories/mail_repository.hpp"

namespace mimamori::repositories {
namespace {

// The columns read() takes, in its order.
#define MAIL_COLUMNS                                                                                  \
    "id, to_address, subject, body, status, attempts, last_error, "                                  \
    "extract(epoch FROM created_at)::bigint, extract(epoch FROM sent_at)::bigint, message_id"

const db::Statement k_insert{"mail_insert", R"sql(
    INSERT INTO mail_outbox (to_address, subject, body, delivered_body, message_id, status)
    VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN 'queued' ELSE 'kept' END)
    RETURNING id)sql"};

const db::Statement k_list{"mail_list", "SELECT " MAIL_COLUMNS " FROM mail_outbox ORDER BY id DESC LIMIT $1"};

const db::Statement k_claim{"mail_claim", "UPDATE mail_outbox SET next_attempt_at = now() + make_interval(secs => $1) "
                                          "WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'queued' "
                                          "AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT $2 "
                                          "FOR UPDATE SKIP LOCKED) RETURNING " MAIL_COLUMNS};

const db::Statement k_sent{"mail_sent", R"sql(
    UPDATE mail_outbox
       SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = '',
           body = coalesce(delivered_body, body), delivered_body = NULL
     WHERE id = $1)sql"};

const db::Statement k_failed{"mail_failed", R"sql(
    UPDATE mail_outbox
       SET attempts = attempts + 1, last_error = $2,
           next_attempt_at = now() + make_interval(secs => $3),
           status = CASE WHEN $4 THEN 'failed' ELSE status END
     WHERE id = $1)sql"};

OutboxMail read(const pqxx::row& row) {
    OutboxMail m;
    m.id = row[0].as<std::int64_t>();
    m.to = row[1].as<std::string>();
    m.subject = row[2].as<std::string>();
    m.body = row[3].as<std::string>();
    m.status = row[4].as<std::string>();
    m.attempts = row[5].as<std::int64_t>();
    m.last_error = row[6].as<std::string>();
    m.created_at = row[7].as<std::int64_t>();
    if (!row[8].is_null()) m.sent_at = row[8].as<std::int64_t>();
    m.message_id = row[9].as<std::string>();
    return m;
}

std::vector<OutboxMail> read_all(const pqxx::result& rows) {
    std::vector<OutboxMail> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(read(row));
    return out;
}

} // namespace

std::int64_t insert_mail(db::Tx& tx, const NewMail& mail) {
    return tx.exec(k_insert, mail.to, mail.subject, mail.body, mail.delivered_body, mail.message_id, mail.queue)[0][0]
        .as<std::int64_t>();
}

std::vector<OutboxMail> list_mail(db::Tx& tx, std::int64_t limit) { return read_all(tx.exec(k_list, limit)); }

std::vector<OutboxMail> claim_due_mail(db::Tx& tx, std::int64_t lease_seconds, std::int64_t limit) {
    return read_all(tx.exec(k_claim, lease_seconds, limit));
}

void mark_mail_sent(db::Tx& tx, std::int64_t id) { tx.exec(k_sent, id); }

void mark_mail_attempt_failed(db::Tx& tx, std::int64_t id, const std::string& error, std::int64_t retry_seconds,
                              bool give_up) {
    tx.exec(k_failed, id, error, retry_seconds, give_up);
}

} // namespace mimamori::repositories

#undef MAIL_COLUMNS
