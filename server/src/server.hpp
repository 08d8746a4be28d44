#pragma once
// One Mimamori server: the database (migrated at start), the routes, the HTTP layer. main()
// runs one; tests start several in one process, each on its own port and database.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "config.hpp"
#include "db/database.hpp"
#include "http/activity.hpp"
#include "http/dispatcher.hpp"
#include "http/listener.hpp"
#include "http/static_files.hpp"
#include "mail/mail_sender.hpp"
#include "services/idempotency.hpp"
#include "services/services.hpp"

namespace mimamori::server {

// Every route of a server with this configuration (the product's API, plus the test routes when
// config.test_routes).
http::Router make_router(const Config& config);

class Server {
public:
    explicit Server(Config config);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Applies the migrations, then listens. Fails with a message for the operator when the
    // database cannot be reached or has a newer schema, or the address cannot be bound.
    Status start();

    // The bound port (the real one when the configuration asked for 0).
    std::uint16_t port() const;
    // "http://127.0.0.1:8080"
    std::string url() const;

    // Graceful shutdown: new requests are answered 503 with "Connection: close", idle keep-alive
    // connections are closed, the requests in flight finish (waiting at most `grace`), then the
    // connections and threads stop. Idempotent.
    void shutdown(std::chrono::milliseconds grace);
    // Only the first step of shutdown() (tests look at a draining server).
    void start_draining();

    // The services (after start()): tests look at the access log's appender.
    services::Services& services() { return *m_services; }

    // Requests dispatched whose answer is not yet written.
    std::size_t requests_in_flight() const { return m_activity.requests_in_flight(); }
    std::size_t open_connections() const { return m_activity.open_connections(); }

private:
    Status make_services();
    // The file store (issue 7): limits, accepted types, readers, LibreOffice previews.
    Status make_file_store();
    // After listening (server_mail.cpp): invitation links get this server's address unless
    // --public-url says otherwise, demo data is loaded, the SMTP sender starts.
    Status start_mail_and_demo();

    Config m_config;
    db::Database m_database;
    http::Activity m_activity;
    services::Idempotency m_idempotency;
    http::StaticFiles m_static_files;
    std::unique_ptr<services::Services> m_services;
    std::unique_ptr<http::Dispatcher> m_dispatcher;
    std::unique_ptr<http::Listener> m_listener;
    std::unique_ptr<mail::MailSender> m_mail_sender;
};

} // namespace mimamori::server
