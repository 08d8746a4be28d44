#pragma once
// The services of one server, built from its configuration at start and reached by handlers
// through RequestContext::services().

#include <chrono>
#include <cstddef>
#include <memory>

#include "db/database.hpp"
#include "services/audit_log.hpp"
#include "services/invitations.hpp"
#include "services/outbox.hpp"
#include "services/passwords.hpp"
#include "services/read_cache.hpp"
#include "services/secret_key.hpp"
#include "services/sessions.hpp"
#include "services/sign_in.hpp"

namespace mimamori::services {

class Files;    // services/files.hpp
class EventHub; // services/event_hub.hpp

// Mail and invitation links (master maintenance).
struct MailSettings {
    bool smtp = false;              // an SMTP host is configured: queue mail for the sender
    std::string from = "mimamori@localhost";
    std::string public_url;         // "" until the server knows its own address
    std::chrono::seconds invitation_lifetime{7 * 24 * 3600};
};

class Services {
public:
    Services(db::Database& database, SecretKey key, std::string_view password_limits, SessionPolicy session_policy,
             SignInPolicy sign_in_policy, const MailSettings& mail = {})
        : secret_key(std::move(key)), passwords(password_limits), sessions(session_policy),
          sign_in(sign_in_policy), audit_log(database), outbox(mail.smtp, mail.from),
          invitations(mail.public_url, mail.invitation_lifetime) {}

    const SecretKey secret_key;
    const PasswordHasher passwords;
    const Sessions sessions;
    const SignIn sign_in;
    AuditLog audit_log;
    const Outbox outbox;
    InvitationSettings invitations; // its public URL is set once the server listens
    std::shared_ptr<Files> files;   // the file store (issue 7), set by the server at start
    std::shared_ptr<EventHub> events; // live updates (issue 5), set by the server at start
    // Timeline pages, patient facts and sessions read without PostgreSQL (issue 5); the server
    // sets its own at start, this one caches nothing.
    std::shared_ptr<ReadCache> read_cache = std::make_shared<ReadCache>("", ReadCacheSettings{.max_page_bytes = 0});
};

} // namespace mimamori::services
