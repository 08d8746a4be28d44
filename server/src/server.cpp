#include "server.hpp"

#include <filesystem>

#include "api/routes.hpp"
#include "db/migrations.hpp"
#include "http/idempotency_middleware.hpp"
#include "http/session_middleware.hpp"
#include "log.hpp"
#include "services/event_hub.hpp"
#include "services/read_cache.hpp"
#include "services/files.hpp"

namespace mimamori::server {

http::Router make_router(const Config& config) {
    http::Router router;
    api::add_api_routes(router);
    api::add_file_routes(router, {config.max_upload_chunk_bytes ? config.max_upload_chunk_bytes : config.max_upload_bytes});
    if (config.test_routes) api::add_test_routes(router);
    return router;
}

Server::Server(Config config)
    : m_config(std::move(config)), m_database(m_config.database_url), m_static_files(m_config.web_root) {}

Server::~Server() { shutdown(std::chrono::milliseconds(0)); }

Status Server::start() {
    try {
        auto version = db::migrate(m_database, db::embedded_migrations());
        if (!version) return version.error();
        log::info("database schema at version " + std::to_string(*version));
    } catch (const std::exception& e) {
        return Error::make(ErrorCode::Unavailable, std::string("cannot prepare the database: ") + e.what());
    }
    if (!std::filesystem::is_directory(m_config.web_root))
        log::warning("no web bundle at " + m_config.web_root.string() + ": only the API is served");
    if (m_config.test_routes) log::warning("test routes are enabled (MIMAMORI_TEST_ROUTES=1): never in production");

    if (auto made = make_services(); !made) return made.error();

    // Sessions first: idempotency keys are scoped by the signed-in account.
    std::vector<std::shared_ptr<http::Middleware>> middleware{std::make_shared<http::SessionMiddleware>(),
                                                              std::make_shared<http::IdempotencyMiddleware>(m_idempotency)};
    m_dispatcher = std::make_unique<http::Dispatcher>(make_router(m_config), std::move(middleware), m_database,
                                                      m_static_files, m_activity, m_services.get());
    http::ListenerOptions options;
    options.address = m_config.address;
    options.port = m_config.port;
    options.threads = m_config.threads;
    options.connection.limits.max_body_bytes = m_config.max_body_bytes;
    options.connection.header_timeout = m_config.header_timeout;
    options.connection.body_timeout = m_config.body_timeout;
    options.connection.idle_timeout = m_config.keepalive_timeout;
    m_listener = std::make_unique<http::Listener>(options, *m_dispatcher, m_activity);
    try {
        m_listener->start();
    } catch (const std::exception& e) {
        m_listener.reset();
        return Error::make(ErrorCode::Unavailable, "cannot listen on " + m_config.address + ":" +
                                                       std::to_string(m_config.port) + ": " + e.what());
    }
    if (auto started = start_mail_and_demo(); !started) {
        shutdown(std::chrono::milliseconds(0));
        return started.error();
    }
    return {};
}

Status Server::make_services() {
    std::optional<services::SecretKey> key;
    if (m_config.secret_key_file.empty()) {
        log::warning("no --secret-key-file: two-factor secrets and recovery codes enrolled now stop working when "
                     "this process ends (set it for any server people use)");
        key = services::SecretKey::ephemeral();
    } else {
        auto loaded = services::SecretKey::load_or_create(m_config.secret_key_file);
        if (!loaded) return loaded.error();
        key = std::move(*loaded);
    }
    if (m_config.password_hash_limits == "minimum")
        log::warning("--password-hash-limits minimum: password hashes are weak (for tests only)");
    services::SessionPolicy sessions{m_config.session_idle_timeout, m_config.kiosk_idle_timeout,
                                     m_config.session_lifetime};
    services::SignInPolicy sign_in{m_config.sign_in_lock, m_config.sign_in_max_failures,
                                   m_config.sign_in_address_failures};
    services::MailSettings mail{!m_config.smtp_host.empty(), m_config.mail_from, m_config.public_url,
                                m_config.invitation_lifetime};
    m_services = std::make_unique<services::Services>(m_database, std::move(*key), m_config.password_hash_limits,
                                                      sessions, sign_in, mail);
    services::EventHubSettings events;
    events.heartbeat = m_config.event_heartbeat;
    events.max_queued_bytes = m_config.event_queue_bytes;
    m_services->events = std::make_shared<services::EventHub>(
        m_config.events_database_url.empty() ? m_config.database_url : m_config.events_database_url, sessions, events);
    services::ReadCacheSettings cache;
    cache.max_page_bytes = m_config.read_cache_bytes;
    cache.reconnect_delay = m_config.read_cache_reconnect;
    m_services->read_cache = std::make_shared<services::ReadCache>(
        m_config.events_database_url.empty() ? m_config.database_url : m_config.events_database_url, cache);
    return make_file_store();
}

Status Server::make_file_store() {
    services::FileSettings settings;
    settings.max_upload_bytes = m_config.max_upload_bytes;
    auto accepted = files::AcceptList::parse(m_config.accepted_file_types, "--accepted-file-types");
    if (!accepted) return accepted.error();
    settings.accepted = std::move(*accepted);
    settings.soffice = m_config.soffice == "auto"   ? files::find_soffice()
                       : m_config.soffice == "none" ? std::string()
                                                    : m_config.soffice;
    log::info(settings.soffice.empty() ? std::string("no LibreOffice: Office files get no PDF preview")
                                       : "PDF previews of Office files by " + settings.soffice);
    m_services->files = std::make_shared<services::Files>(m_database, std::move(settings));
    return {};
}

std::uint16_t Server::port() const { return m_listener ? m_listener->port() : 0; }

std::string Server::url() const {
    bool v6 = m_config.address.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + m_config.address + "]" : m_config.address) + ":" + std::to_string(port());
}

void Server::start_draining() {
    m_activity.start_draining();
    if (m_listener) m_listener->close_idle_connections();
}

void Server::shutdown(std::chrono::milliseconds grace) {
    if (m_mail_sender) m_mail_sender->stop();
    if (!m_listener) return;
    start_draining();
    if (!m_activity.wait_for_no_requests(grace))
        log::warning(std::to_string(m_activity.requests_in_flight()) + " requests still running: stopping anyway");
    m_listener->stop(std::chrono::milliseconds(3000));
    m_listener.reset();
}

} // namespace mimamori::server
