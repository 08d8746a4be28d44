#pragma once
// Mail the server sends (invitations): queued for the SMTP sender when an SMTP host is configured,
// otherwise kept in the development outbox, which the secretariat administrator reads in the app
// (GET /api/v1/outbox) -- how tools/run shows the invitation links without a mail server.
// The sender (mail/mail_sender.hpp) polls the queue: a wake-up from here would come before the
// request commits, when the new row is not yet visible to it.

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "repositories/mail_repository.hpp"

namespace mimamori::services {

struct OutgoingMail {
    std::string to;
    std::string subject;
    std::string body;
    // What replaces the body once delivered: the body without its one-time link.
    std::string delivered_body;
};

class Outbox {
public:
    // `deliver`: an SMTP host is configured. `from`: the sender address (its domain names the
    // Message-IDs).
    Outbox(bool deliver, std::string from) : m_deliver(deliver), m_from(std::move(from)) {}

    // Stores the mail in the request's transaction, so it goes out only if the request commits.
    std::int64_t queue(db::Tx& tx, const OutgoingMail& mail) const;
    // Newest first.
    std::vector<repositories::OutboxMail> list(db::Tx& tx, std::int64_t limit) const;

    bool delivers() const { return m_deliver; }

private:
    bool m_deliver;
    std::string m_from;
};

} // namespace mimamori::services
