#include "config.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <thread>
#include <vector>

#include "mimamori/common/file_types.hpp"

namespace mimamori::server {
namespace {

struct Option {
    std::string_view flag;
    std::string_view env;
    std::string_view value_name;
    std::string_view help;
    std::function<Status(Config&, std::string_view)> apply;
};

Result<std::uint64_t> parse_whole(std::string_view flag, std::string_view text, std::uint64_t min, std::uint64_t max) {
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || n < min || n > max)
        return Error::invalid(std::string(flag), std::string(flag) + " must be a whole number from " +
                                                     std::to_string(min) + " to " + std::to_string(max) +
                                                     ", not \"" + std::string(text) + "\"");
    return n;
}

template <typename Field>
std::function<Status(Config&, std::string_view)> whole(std::string_view flag, Field Config::*field, std::uint64_t min,
                                                       std::uint64_t max) {
    return [=](Config& c, std::string_view text) -> Status {
        auto n = parse_whole(flag, text, min, max);
        if (!n) return n.error();
        if constexpr (std::is_same_v<Field, std::chrono::milliseconds> || std::is_same_v<Field, std::chrono::seconds>) {
            c.*field = Field(static_cast<std::int64_t>(*n));
        } else {
            c.*field = static_cast<Field>(*n);
        }
        return {};
    };
}

std::function<Status(Config&, std::string_view)> text(std::string_view flag, std::string Config::*field) {
    return [=](Config& c, std::string_view value) -> Status {
        if (value.empty()) return Error::invalid(std::string(flag), std::string(flag) + " must not be empty");
        c.*field = std::string(value);
        return {};
    };
}

std::function<Status(Config&, std::string_view)> path(std::string_view flag, std::filesystem::path Config::*field) {
    return [=](Config& c, std::string_view value) -> Status {
        if (value.empty()) return Error::invalid(std::string(flag), std::string(flag) + " must not be empty");
        c.*field = std::filesystem::path(value);
        return {};
    };
}

const std::vector<Option>& options() {
    constexpr std::uint64_t hour_ms = 3'600'000;
    constexpr std::uint64_t day_s = 86'400;
    static const std::vector<Option> list = {
        {"--address", "MIMAMORI_ADDRESS", "IP", "address to listen on (default 127.0.0.1)",
         text("--address", &Config::address)},
        {"--port", "MIMAMORI_PORT", "N", "TCP port (default 8080; 0 = any free port)",
         whole("--port", &Config::port, 0, 65535)},
        {"--database-url", "MIMAMORI_DATABASE_URL", "URL", "libpq URL of the database (required)",
         text("--database-url", &Config::database_url)},
        {"--web-root", "MIMAMORI_WEB_ROOT", "DIR", "directory of the web bundle (default: the build's web/dist)",
         path("--web-root", &Config::web_root)},
        {"--threads", "MIMAMORI_THREADS", "N", "worker threads (default: 2 per core, 4 to 64)",
         whole("--threads", &Config::threads, 1, 128)},
        {"--max-body-bytes", "MIMAMORI_MAX_BODY_BYTES", "N", "largest request body accepted (default 1048576)",
         whole("--max-body-bytes", &Config::max_body_bytes, 1, 1ull << 31)},
        {"--header-timeout-ms", "MIMAMORI_HEADER_TIMEOUT_MS", "MS", "time for a request's head (default 5000)",
         whole("--header-timeout-ms", &Config::header_timeout, 1, hour_ms)},
        {"--body-timeout-ms", "MIMAMORI_BODY_TIMEOUT_MS", "MS", "time for a request's body (default 30000)",
         whole("--body-timeout-ms", &Config::body_timeout, 1, hour_ms)},
        {"--keepalive-timeout-ms", "MIMAMORI_KEEPALIVE_TIMEOUT_MS", "MS",
         "idle time before a keep-alive connection is closed (default 60000)",
         whole("--keepalive-timeout-ms", &Config::keepalive_timeout, 1, hour_ms)},
        {"--secret-key-file", "MIMAMORI_SECRET_KEY_FILE", "FILE",
         "the server's secret key (32 bytes; created with mode 0600 if missing)",
         path("--secret-key-file", &Config::secret_key_file)},
        {"--session-idle-timeout-s", "MIMAMORI_SESSION_IDLE_TIMEOUT_S", "S",
         "a session ends after this much idle time (default 1800)",
         whole("--session-idle-timeout-s", &Config::session_idle_timeout, 60, day_s)},
        {"--kiosk-idle-timeout-s", "MIMAMORI_KIOSK_IDLE_TIMEOUT_S", "S",
         "the same for sessions on a shared terminal (default 300)",
         whole("--kiosk-idle-timeout-s", &Config::kiosk_idle_timeout, 60, day_s)},
        {"--session-lifetime-s", "MIMAMORI_SESSION_LIFETIME_S", "S",
         "a session ends this long after sign-in, active or not (default 43200)",
         whole("--session-lifetime-s", &Config::session_lifetime, 60, 7 * day_s)},
        {"--sign-in-lock-s", "MIMAMORI_SIGN_IN_LOCK_S", "S",
         "lock time after repeated failed sign-ins, and the window of the per-address limit (default 900)",
         whole("--sign-in-lock-s", &Config::sign_in_lock, 1, day_s)},
        {"--sign-in-max-failures", "MIMAMORI_SIGN_IN_MAX_FAILURES", "N",
         "consecutive failures that lock a login id (default 5)",
         whole("--sign-in-max-failures", &Config::sign_in_max_failures, 1, 100)},
        {"--sign-in-address-failures", "MIMAMORI_SIGN_IN_ADDRESS_FAILURES", "N",
         "failures from one address within the lock time that limit it (default 20)",
         whole("--sign-in-address-failures", &Config::sign_in_address_failures, 1, 10000)},
        {"--password-hash-limits", "MIMAMORI_PASSWORD_HASH_LIMITS", "L",
         "Argon2id limits of new password hashes: interactive (default), moderate; minimum only for tests",
         [](Config& c, std::string_view v) -> Status {
             if (v != "interactive" && v != "moderate" && v != "minimum")
                 return Error::invalid("--password-hash-limits",
                                       "--password-hash-limits must be interactive, moderate or minimum");
             c.password_hash_limits = std::string(v);
             return {};
         }},
        {"--public-url", "MIMAMORI_PUBLIC_URL", "URL",
         "the address people open, for links in mail (default: http://ADDRESS:PORT of this server)",
         [](Config& c, std::string_view v) -> Status {
             if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
                 return Error::invalid("--public-url", "--public-url must start with http:// or https://");
             c.public_url = std::string(v);
             return {};
         }},
        {"--smtp-host", "MIMAMORI_SMTP_HOST", "HOST",
         "mail relay for invitations (default: none, mail is kept in the development outbox)",
         text("--smtp-host", &Config::smtp_host)},
        {"--smtp-port", "MIMAMORI_SMTP_PORT", "N", "port of the mail relay (default 25)",
         whole("--smtp-port", &Config::smtp_port, 1, 65535)},
        {"--mail-from", "MIMAMORI_MAIL_FROM", "ADDRESS", "sender of the mail (default mimamori@localhost)",
         text("--mail-from", &Config::mail_from)},
        {"--smtp-timeout-ms", "MIMAMORI_SMTP_TIMEOUT_MS", "MS",
         "time for the relay's connection and each of its replies (default 10000)",
         whole("--smtp-timeout-ms", &Config::smtp_timeout, 100, hour_ms)},
        {"--invitation-lifetime-s", "MIMAMORI_INVITATION_LIFETIME_S", "S",
         "how long an invitation link works (default 604800, 7 days)",
         whole("--invitation-lifetime-s", &Config::invitation_lifetime, 60, 90 * day_s)},
        {"--max-upload-bytes", "MIMAMORI_MAX_UPLOAD_BYTES", "N",
         "largest file accepted, refused before it is stored (default 2147483648, 2 GiB)",
         whole("--max-upload-bytes", &Config::max_upload_bytes, 1, 1ull << 40)},
        {"--max-upload-chunk-bytes", "MIMAMORI_MAX_UPLOAD_CHUNK_BYTES", "N",
         "largest body of one upload PATCH (default: --max-upload-bytes)",
         whole("--max-upload-chunk-bytes", &Config::max_upload_chunk_bytes, 1, 1ull << 40)},
        {"--accepted-file-types", "MIMAMORI_ACCEPTED_FILE_TYPES", "LIST",
         "file types accepted, by code or group: image, video, audio, pdf, office, text, all, jpeg, png, docx ... "
         "(default image,video,audio,pdf,office,text)",
         [](Config& c, std::string_view v) -> Status {
             if (auto parsed = files::AcceptList::parse(v, "--accepted-file-types"); !parsed)
                 return Error::invalid("--accepted-file-types", "--accepted-file-types: " + parsed.error().message);
             c.accepted_file_types = std::string(v);
             return {};
         }},
        {"--soffice", "MIMAMORI_SOFFICE", "PATH",
         "LibreOffice's soffice for PDF previews of Office files: auto (on PATH if installed, the default), "
         "none, or a path",
         text("--soffice", &Config::soffice)},
        {"--event-heartbeat-ms", "MIMAMORI_EVENT_HEARTBEAT_MS", "MS",
         "interval of the comments that keep event streams (GET /api/v1/events) alive, and of the check that "
         "their sessions still hold (default 15000)",
         whole("--event-heartbeat-ms", &Config::event_heartbeat, 50, hour_ms)},
        {"--event-queue-bytes", "MIMAMORI_EVENT_QUEUE_BYTES", "N",
         "an event stream whose client falls this far behind is cut off; it reconnects and replays "
         "(default 1048576)",
         whole("--event-queue-bytes", &Config::event_queue_bytes, 1024, 1ull << 30)},
        {"--events-database-url", "MIMAMORI_EVENTS_DATABASE_URL", "URL",
         "libpq URL of the live-update listener's connection (LISTEN/NOTIFY needs a session of its own: "
         "set a direct URL when --database-url goes through a transaction-pooling pgbouncer; default: "
         "--database-url)",
         text("--events-database-url", &Config::events_database_url)},
        {"--read-cache-bytes", "MIMAMORI_READ_CACHE_BYTES", "N",
         "memory for cached timeline pages, least recently used dropped first; 0 turns the read cache (pages, "
         "patient facts, sessions) off (default 268435456)",
         whole("--read-cache-bytes", &Config::read_cache_bytes, 0, 1ull << 40)},
        {"--read-cache-reconnect-ms", "MIMAMORI_READ_CACHE_RECONNECT_MS", "MS",
         "after the read cache's listening connection is lost, wait this long before reconnecting; the "
         "cache is bypassed meanwhile (default 1000)",
         whole("--read-cache-reconnect-ms", &Config::read_cache_reconnect, 10, hour_ms)},
        {"--demo-data", "MIMAMORI_DEMO_DATA", "DIR",
         "load DIR/region.json and DIR/accounts.json into a database that has no accounts yet",
         path("--demo-data", &Config::demo_data)},
    };
    return list;
}

} // namespace

Config default_config() {
    Config c;
    c.web_root = MIMAMORI_DEFAULT_WEB_ROOT;
    // Handlers block a worker while they wait for PostgreSQL, and so does a request that must
    // commit its own transaction after its access-log entries (writes, reads of the database).
    // A request with nothing to commit -- the timeline page from the read cache -- waits for the
    // read cache's freshness round and its entries' group commit without a thread
    // (Response::after), so the threads no longer bound those groups. Timeline page at 32
    // connections on 2 cores (issue 5, BENCHMARKS.md): server context switches per page 6.5 with
    // 32 threads, 3.4 with 8, 2.0 with 4; 32 threads were chosen when every logged read waited
    // on its worker (GET /api/v1/audit?limit=50, which still does: 4 threads 545 req/s, 16 threads
    // 846, 32 threads 1409, measured while reads still waited for the fsync). Since reads commit
    // their entries without waiting for the fsync, fewer threads cost them little: quiet runs on
    // 2 cores at 7bc6ba2 (BENCHMARKS.md) gave the timeline page 28,500-29,900 req/s with 4
    // threads against 23,300-25,700 with 8, GET /api/v1/audit?limit=50 3,439 against 3,656, and
    // memo posts the same. 2 per core, at least 4: fewer wake-ups and switches per page, and
    // still a thread free while others wait for PostgreSQL or hash a password (Argon2id
    // interactive, ~80 ms). Each thread holds one database connection.
    c.threads = std::clamp<std::size_t>(2 * std::max(1u, std::thread::hardware_concurrency()), 4, 64);
    return c;
}

Environment process_environment() {
    return [](std::string_view name) -> std::optional<std::string> {
        const char* value = std::getenv(std::string(name).c_str());
        return value ? std::optional<std::string>(value) : std::nullopt;
    };
}

Result<ParsedArguments> parse_arguments(std::span<const std::string> args, const Environment& env) {
    ParsedArguments out{default_config(), false};
    for (const Option& option : options()) {
        if (auto value = env(option.env); value && !value->empty()) { // empty: unset
            if (auto applied = option.apply(out.config, *value); !applied)
                return Error::invalid(std::string(option.env),
                                      std::string(option.env) + ": " + applied.error().message);
        }
    }
    out.config.test_routes = env("MIMAMORI_TEST_ROUTES").value_or("") == "1";

    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        if (arg == "--help" || arg == "-h") {
            out.help = true;
            return out;
        }
        auto eq = arg.find('=');
        std::string_view flag = arg.substr(0, eq);
        auto option = std::find_if(options().begin(), options().end(), [&](const Option& o) { return o.flag == flag; });
        if (option == options().end()) return Error::invalid(std::string(flag), "unknown option: " + std::string(flag));
        std::string_view value;
        if (eq != std::string_view::npos) {
            value = arg.substr(eq + 1);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            return Error::invalid(std::string(flag), std::string(flag) + " needs a value");
        }
        if (auto applied = option->apply(out.config, value); !applied) return applied.error();
    }
    if (out.config.database_url.empty())
        return Error::invalid("--database-url", "a database URL is required: --database-url or MIMAMORI_DATABASE_URL");
    return out;
}

std::string usage() {
    std::string text = "Usage: mimamori-server [OPTION]...\n"
                       "Serves the Mimamori API and web app. Each option may also be given by the environment\n"
                       "variable in brackets; the option wins.\n\n";
    for (const Option& o : options()) {
        std::string left = "  " + std::string(o.flag) + " " + std::string(o.value_name);
        left.resize(std::max<std::size_t>(left.size() + 1, 30), ' ');
        text += left + std::string(o.help) + " [" + std::string(o.env) + "]\n";
    }
    text += "  --help                      this text\n\n"
            "On start it applies the database migrations, then prints one line\n"
            "  mimamori-server listening on http://ADDRESS:PORT\n"
            "to stdout. SIGTERM or SIGINT: finish the requests in flight, then exit 0;\n"
            "a second signal exits 1 at once.\n"
            "Exit status: 0 after a signal, 1 when it cannot start, 2 for bad options.\n";
    return text;
}

} // namespace mimamori::server
