#include "services/outbox.hpp"

#include "mail/mail_message.hpp"

namespace mimamori::services {

std::int64_t Outbox::queue(db::Tx& tx, const OutgoingMail& mail) const {
    repositories::NewMail row{mail.to,  mail.subject, mail.body, mail.delivered_body, mail::new_message_id(m_from),
                              m_deliver};
    return repositories::insert_mail(tx, row);
}

std::vector<repositories::OutboxMail> Outbox::list(db::Tx& tx, std::int64_t limit) const {
    return repositories::list_mail(tx, limit);
}

} // namespace mimamori::services
