// The parts of Server::start() that come once it listens: invitation links, demo data, the SMTP
// sender (see server.hpp).
#include <chrono>
#include <cstdio>

#include "log.hpp"
#include "server.hpp"
#include "services/demo_data.hpp"

namespace mimamori::server {

Status Server::start_mail_and_demo() {
    // The default public URL is this server's own address, known only now (--port 0).
    if (m_config.public_url.empty()) m_services->invitations.set_public_url(url());

    if (!m_config.demo_data.empty()) {
        services::Inviter inviter{m_services->invitations, m_services->outbox, std::nullopt};
        Result<services::DemoSummary> demo = Error::make(ErrorCode::Internal, "");
        const auto started = std::chrono::steady_clock::now();
        try {
            demo = services::load_demo_data(m_database, m_config.demo_data, m_services->passwords, inviter);
        } catch (const std::exception& e) {
            return Error::make(ErrorCode::Unavailable, std::string("cannot load the demo data: ") + e.what());
        }
        if (!demo) return Error::make(demo.error().code, "demo data in " + m_config.demo_data.string() + ": " +
                                                             demo.error().message);
        if (demo->loaded) {
            char took[32];
            std::snprintf(took, sizeof took, "%.1f s",
                          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
            log::info(std::string("demo data loaded in ") + took + ": " + std::to_string(demo->facilities) + " facilities, " +
                      std::to_string(demo->sign_ins) + " sign-ins, " + std::to_string(demo->invited) + " invited, " +
                      std::to_string(demo->memos) + " memos");
        } else {
            log::info("the database has accounts: demo data not loaded");
        }
    }

    if (!m_config.smtp_host.empty()) {
        mail::SmtpSettings smtp{m_config.smtp_host, m_config.smtp_port, m_config.smtp_timeout, "localhost"};
        mail::SenderPolicy policy;
        policy.from = m_config.mail_from;
        m_mail_sender = std::make_unique<mail::MailSender>(m_database, smtp, policy);
        m_mail_sender->start();
        log::info("mail goes to " + m_config.smtp_host + ":" + std::to_string(m_config.smtp_port));
    } else {
        log::info("no --smtp-host: mail is kept in the development outbox (GET /api/v1/outbox)");
    }
    return {};
}

} // namespace mimamori::server
