#pragma once
// The thread that delivers queued mail (mail_outbox, status 'queued') through the SMTP relay.
// Each server process runs one when an SMTP host is configured; they share the queue safely (a
// message is leased before it is sent, see mail_repository.hpp). A failed attempt is retried with
// exponential backoff; a refusal (5xx) or too many failures marks the message 'failed', with the
// server's reply kept in last_error for the operator.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "db/database.hpp"
#include "mail/smtp_client.hpp"

namespace mimamori::mail {

struct SenderPolicy {
    std::string from;                               // MAIL FROM and From:
    std::chrono::milliseconds poll_interval{2000};  // how often the queue is looked at
    std::chrono::seconds first_retry{30};           // doubled after each failure...
    std::chrono::seconds max_retry{3600};           // ... up to this
    int max_attempts = 10;                          // then the message is 'failed'
};

class MailSender {
public:
    MailSender(db::Database& database, SmtpSettings smtp, SenderPolicy policy);
    ~MailSender(); // stop()
    MailSender(const MailSender&) = delete;
    MailSender& operator=(const MailSender&) = delete;

    void start();
    // Finishes the message being sent (at most a few SMTP timeouts), then ends the thread.
    void stop();
    // Sends every message that is due now, on the calling thread; how many were delivered.
    int deliver_due();

private:
    void run();
    std::chrono::seconds retry_delay(std::int64_t attempts_before) const;

    db::Database& m_database;
    SmtpSettings m_smtp;
    SenderPolicy m_policy;
    std::mutex m_mutex;
    std::condition_variable m_wakeup;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace mimamori::mail
