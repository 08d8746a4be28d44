#include "api/call.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"

namespace mimamori::web::api {
namespace {

std::string g_csrf_token;
std::function<void(SessionSignal)> g_session_listener;

// The last state-changing request that got no answer, by a digest of what it sent (never the
// body itself: it may hold a password), and the key it carried.
struct Unanswered {
    crypto::Sha256Digest digest{};
    std::string key;
};
std::optional<Unanswered> g_unanswered;

ErrorCode kind_for_status(int status) {
    switch (status) {
    case 400: return ErrorCode::InvalidInput;
    case 401: return ErrorCode::Unauthenticated;
    case 403: return ErrorCode::Forbidden;
    case 404: return ErrorCode::NotFound;
    case 405: return ErrorCode::MethodNotAllowed;
    case 409: return ErrorCode::Conflict;
    case 410: return ErrorCode::Gone;
    case 413: return ErrorCode::PayloadTooLarge;
    case 415: return ErrorCode::UnsupportedMediaType;
    case 423: return ErrorCode::Locked;
    case 429: return ErrorCode::RateLimited;
    case 502:
    case 503:
    case 504: return ErrorCode::Unavailable;
    default: return ErrorCode::Internal;
    }
}

bool changes_state(std::string_view method) { return method != "GET" && method != "HEAD"; }

crypto::Sha256Digest digest_of(const Request& request, const std::string& body) {
    crypto::Sha256 sha;
    for (std::string_view part : {std::string_view(request.method), std::string_view(request.path),
                                  std::string_view(body)}) {
        sha.update(as_bytes(std::to_string(part.size()) + ':')); // length-prefixed: parts cannot run together
        sha.update(as_bytes(part));
    }
    return sha.finish();
}

std::string fresh_key() { return encoding::hex_encode(crypto::random_bytes(16)); }

void signal(SessionSignal s) {
    if (g_session_listener) g_session_listener(s);
}

} // namespace

Failure failure_from_response(const http::Response& response) {
    Failure f;
    f.http_status = response.status;
    f.kind = kind_for_status(response.status);
    f.message = "HTTP " + std::to_string(response.status);
    if (auto parsed = json::parse_object(response.body); parsed && parsed->contains("error")) {
        f.body = *parsed;
        const Json& error = f.body["error"];
        if (error.is_object()) {
            auto text = [&error](const char* key) {
                const auto it = error.find(key);
                return it != error.end() && it->is_string() ? it->get<std::string>() : std::string();
            };
            f.code = text("code");
            if (const std::string message = text("message"); !message.empty()) f.message = message;
            f.field = text("field");
            f.rule = text("rule");
        }
    }
    const std::string_view retry_after = response.header("retry-after");
    std::int64_t seconds = 0;
    if (!retry_after.empty() &&
        std::from_chars(retry_after.data(), retry_after.data() + retry_after.size(), seconds).ec == std::errc()) {
        f.retry_after_seconds = seconds;
    }
    return f;
}

void set_csrf_token(std::string token) { g_csrf_token = std::move(token); }
const std::string& csrf_token() { return g_csrf_token; }

void set_session_listener(std::function<void(SessionSignal)> listener) { g_session_listener = std::move(listener); }

void send(const Request& request, std::function<void(const http::Response&)> on_success,
          std::function<void(Failure)> on_failure) {
    http::Request out;
    out.method = request.method;
    out.url = "api/v1/" + request.path;
    if (request.body) {
        out.body = json::dump(*request.body);
        out.content_type = "application/json";
    }
    std::optional<crypto::Sha256Digest> digest;
    if (changes_state(request.method)) {
        if (!g_csrf_token.empty()) out.headers.emplace_back("X-CSRF-Token", g_csrf_token);
        digest = digest_of(request, out.body);
        const bool retry = g_unanswered && g_unanswered->digest == *digest;
        out.headers.emplace_back("Idempotency-Key", retry ? g_unanswered->key : fresh_key());
    }
    const std::string key = digest ? out.headers.back().second : std::string();
    const On401 on_401 = request.on_401;
    http::send(std::move(out), [digest, key, on_401, on_success = std::move(on_success),
                                on_failure = std::move(on_failure)](Result<http::Response> response) {
        if (!response) {
            if (digest) g_unanswered = Unanswered{*digest, key};
            return on_failure(Failure{0, ErrorCode::Unavailable, "unavailable", response.error().message, {}, {},
                                      std::nullopt, {}});
        }
        if (digest && g_unanswered && g_unanswered->digest == *digest) g_unanswered.reset();
        if (response->status >= 200 && response->status < 300) return on_success(*response);
        Failure failure = failure_from_response(*response);
        if (failure.http_status == 401 && on_401 == On401::SessionEnded) signal(SessionSignal::Ended);
        if (failure.http_status == 403 && failure.is("password_change_required")) {
            signal(SessionSignal::PasswordChangeRequired);
        }
        on_failure(std::move(failure));
    });
}

Call<Nothing> call_for_status(const Request& request) {
    auto started = Call<Nothing>::start();
    auto complete = started.second;
    send(
        request, [complete](const http::Response&) { complete.succeed(Nothing{}); },
        [complete](Failure failure) { complete.fail(std::move(failure)); });
    return started.first;
}

Call<std::string> call_for_text(const Request& request) {
    auto started = Call<std::string>::start();
    auto complete = started.second;
    send(
        request, [complete](const http::Response& response) { complete.succeed(response.body); },
        [complete](Failure failure) { complete.fail(std::move(failure)); });
    return started.first;
}

std::string query_value(std::string_view value) { return encoding::percent_encode(value); }

void add_query(std::string& path, std::string_view key, std::string_view value) {
    if (value.empty()) return;
    path += path.find('?') == std::string::npos ? '?' : '&';
    path += key;
    path += '=';
    path += encoding::percent_encode(value);
}

} // namespace mimamori::web::api
