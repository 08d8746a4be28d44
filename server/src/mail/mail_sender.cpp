#include "mail/mail_sender.hpp"

#include <algorithm>
#include <ctime>

#include "log.hpp"
#include "repositories/mail_repository.hpp"

namespace mimamori::mail {

MailSender::MailSender(db::Database& database, SmtpSettings smtp, SenderPolicy policy)
    : m_database(database), m_smtp(std::move(smtp)), m_policy(std::move(policy)) {}

MailSender::~MailSender() { stop(); }

void MailSender::start() {
    if (m_thread.joinable()) return;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
}

void MailSender::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wakeup.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

std::chrono::seconds MailSender::retry_delay(std::int64_t attempts_before) const {
    auto delay = m_policy.first_retry;
    for (std::int64_t i = 0; i < attempts_before && delay < m_policy.max_retry; ++i) delay *= 2;
    return std::min(delay, m_policy.max_retry);
}

int MailSender::deliver_due() {
    // The lease outlasts the worst case of one batch (a few timeouts per message), so that another
    // process's sender does not take the same message meanwhile.
    constexpr std::int64_t batch = 10;
    const auto per_message = std::chrono::duration_cast<std::chrono::seconds>(m_smtp.timeout * 8).count() + 1;
    auto due = m_database.transact(
        [&](db::Tx& tx) { return repositories::claim_due_mail(tx, per_message * batch, batch); });
    int delivered = 0;
    for (const auto& mail : due) {
        MailMessage message{m_policy.from, mail.to,   mail.subject, mail.body, mail.message_id,
                            static_cast<UnixSeconds>(std::time(nullptr))};
        if (message.message_id.empty()) message.message_id = new_message_id(m_policy.from);
        SmtpOutcome outcome = send_mail(m_smtp, message);
        const bool give_up = !outcome.delivered && (outcome.permanent || mail.attempts + 1 >= m_policy.max_attempts);
        m_database.transact([&](db::Tx& tx) {
            if (outcome.delivered) {
                repositories::mark_mail_sent(tx, mail.id);
            } else {
                repositories::mark_mail_attempt_failed(tx, mail.id, outcome.error, retry_delay(mail.attempts).count(),
                                                       give_up);
            }
        });
        if (outcome.delivered) {
            ++delivered;
        } else {
            // The address is a person's: the log names the message, not the recipient.
            log::warning("mail " + std::to_string(mail.id) + (give_up ? " failed for good: " : " not delivered yet: ") +
                         outcome.error);
        }
    }
    return delivered;
}

void MailSender::run() {
    for (;;) {
        try {
            deliver_due();
        } catch (const std::exception& e) { // the database is away: try again at the next poll
            m_database.drop_connection();
            log::warning(std::string("mail sender: ") + e.what());
        }
        std::unique_lock lock(m_mutex);
        if (m_wakeup.wait_for(lock, m_policy.poll_interval, [this] { return m_stopping; })) break;
    }
    m_database.drop_connection(); // this thread's connection, before the thread ends
}

} // namespace mimamori::mail
