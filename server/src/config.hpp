#pragma once
// The server's configuration, from command-line flags and MIMAMORI_* environment variables (a
// flag wins over its variable). See usage() for the list.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "mimamori/common/result.hpp"

namespace mimamori::server {

struct Config {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080; // 0: any free port
    std::string database_url;  // required: a libpq URL ("postgresql:///db?host=/socket&user=app")
    std::filesystem::path web_root;
    std::size_t threads = 2;
    std::size_t max_body_bytes = 1024 * 1024;
    std::chrono::milliseconds header_timeout{5000};
    std::chrono::milliseconds body_timeout{30000};
    std::chrono::milliseconds keepalive_timeout{60000};

    // Sign-in (issue 3). The file of the server's 32-byte secret key, which seals two-factor
    // secrets and keys recovery-code hashes; created (mode 0600) when missing. Empty: a key that
    // lives only as long as the process (a warning says so; fine for throwaway test servers).
    std::filesystem::path secret_key_file;
    std::chrono::seconds session_idle_timeout{30 * 60};
    std::chrono::seconds kiosk_idle_timeout{5 * 60};
    std::chrono::seconds session_lifetime{12 * 3600}; // absolute, whatever the activity
    // A login id is locked for this long after sign_in_max_failures consecutive failures; an
    // address is limited after sign_in_address_failures failures within this long.
    std::chrono::seconds sign_in_lock{15 * 60};
    std::size_t sign_in_max_failures = 5;
    std::size_t sign_in_address_failures = 20;
    // Argon2id limits of new password hashes: "interactive" (libsodium's, the default),
    // "moderate", or "minimum", which only tests may use (a warning is logged).
    std::string password_hash_limits = "interactive";

    // Master maintenance (issue 3). Links in mail are {public_url}/#/invite/{token}; empty: this
    // server's own http://ADDRESS:PORT. Without an SMTP host, mail is kept in the development
    // outbox (GET /api/v1/outbox) instead of being sent.
    std::string public_url;
    std::string smtp_host;
    std::uint16_t smtp_port = 25;
    std::string mail_from = "mimamori@localhost";
    std::chrono::milliseconds smtp_timeout{10000};
    std::chrono::seconds invitation_lifetime{7 * 24 * 3600};
    // Loaded into a database without accounts: DIR/region.json and DIR/accounts.json.
    std::filesystem::path demo_data;
    // Files (issue 7). The largest file accepted (Tus-Max-Size), the largest body of one upload
    // PATCH (0: the same; standard tus clients may send a whole file in one PATCH), the accepted
    // types (common/file_types.hpp: codes and groups), and LibreOffice's soffice for PDF previews
    // of Office files ("auto": soffice on PATH if installed; "none": no previews).
    std::uint64_t max_upload_bytes = 2ull << 30;
    std::uint64_t max_upload_chunk_bytes = 0;
    std::string accepted_file_types = "image,video,audio,pdf,office,text";
    std::string soffice = "auto";
    // Live updates (issue 5, services/event_hub.hpp): the heartbeat of event streams (and of the
    // check of their sessions), and how far behind a client may fall before it is cut off.
    std::chrono::milliseconds event_heartbeat{15000};
    std::size_t event_queue_bytes = 1 << 20;
    // The live-update listener's own connection (LISTEN needs a session of its own: behind a
    // transaction-pooling pgbouncer, point this straight at PostgreSQL). Empty: database_url.
    std::string events_database_url;
    // The read cache of timeline pages, patient facts and sessions (services/read_cache.hpp): its
    // pages' memory (0: no cache), and how soon its listener reconnects after losing PostgreSQL
    // (the cache is bypassed meanwhile). It listens on the connection events_database_url names.
    std::size_t read_cache_bytes = 256u << 20;
    std::chrono::milliseconds read_cache_reconnect{1000};
    // Test-only routes (api/routes.hpp). Only the environment turns them on, never a flag, so that
    // no production command line can carry them by accident.
    bool test_routes = false;
};

// The defaults before flags and environment apply (web root from the build, threads from the
// machine).
Config default_config();

struct ParsedArguments {
    Config config;
    bool help = false; // --help: print usage() and exit 0
};

// Looks an environment variable up (std::getenv in the program, a map in tests).
using Environment = std::function<std::optional<std::string>(std::string_view name)>;
Environment process_environment();

// Reads `args` (without the program name) and `env`. An unknown flag, a missing or malformed
// value, or a missing database URL is an InvalidInput error whose message says what to fix.
Result<ParsedArguments> parse_arguments(std::span<const std::string> args, const Environment& env);

std::string usage();

} // namespace mimamori::server
