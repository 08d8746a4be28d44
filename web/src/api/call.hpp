#pragma once
// The machinery under every typed API call (account_api.hpp, master_api.hpp, records_api.hpp):
// a JSON request to /api/v1/..., the session's CSRF token on every state change, an
// Idempotency-Key on every state change (the same key again when the very same request is
// retried after the server could not be reached, so that it never writes twice), and the answer
// as an Async handle whose failure is an api::Failure.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "async.hpp"
#include "mimamori/common/json.hpp"
#include "platform/http.hpp"

namespace mimamori::web::api {

// The value of a call whose success carries nothing (204, 202).
struct Nothing {};

// Why a call did not succeed: what the server said, or that it could not be reached.
struct Failure {
    int http_status = 0;      // 0: no answer (network down, server unreachable)
    ErrorCode kind = ErrorCode::Unavailable; // from the status
    std::string code;         // the server's error code: "invalid_input", "two_factor_required", ...
    std::string message;      // the server's message (English), or what went wrong locally
    std::string field;        // the field to blame, when the server named one
    std::string rule;         // a password rule code (password::code), when one was broken
    std::optional<std::int64_t> retry_after_seconds; // 429: when to try again
    Json body;                // the whole answer when it was a JSON object (a 409's "duplicates"), else null

    bool unreachable() const { return http_status == 0; }
    bool is(std::string_view server_code) const { return code == server_code; }
};

template <typename T>
using Call = Async<T, Failure>;

// A call whose outcome a screen handles exactly once (a form's submission, a button's action):
// poll() hands over the value or the failure in the first frame after the answer, then the job
// is idle again.
template <typename T>
class Job {
public:
    void start(Call<T> call) { m_call = std::move(call); }
    bool busy() const { return m_call.in_flight(); }

    template <typename OnDone, typename OnFailed>
    void poll(OnDone&& on_done, OnFailed&& on_failed) {
        if (!m_call.finished()) return;
        const Call<T> finished = m_call;
        m_call.reset();
        if (finished.done()) {
            on_done(finished.value());
        } else {
            on_failed(finished.error());
        }
    }

private:
    Call<T> m_call;
};

// The server's answer to a request that did not succeed, as a Failure: the error body's code,
// message, field and rule when there is one; Retry-After when sent.
Failure failure_from_response(const http::Response& response);

// The session's CSRF token, sent as X-CSRF-Token with every state-changing request (set at
// sign-in and from GET /me; cleared at sign-out). Kept in memory only.
void set_csrf_token(std::string token);
// The token, for requests made outside send() (the file layer's uploads); "" when signed out.
const std::string& csrf_token();

// What a call's 401 means.
enum class On401 {
    SessionEnded,    // the session expired or was signed out elsewhere: the app signs out
    WrongCredentials // a password or code in this request was wrong: the screen says so
};

// Called (through the main queue, before the call's own handle is completed) when an answer
// shows the session is gone (401 with On401::SessionEnded) or must first change its password
// (403 password_change_required). The app's session sets it.
enum class SessionSignal { Ended, PasswordChangeRequired };
void set_session_listener(std::function<void(SessionSignal)> listener);

struct Request {
    Request(std::string method_, std::string path_, std::optional<Json> body_ = std::nullopt,
            On401 on_401_ = On401::SessionEnded)
        : method(std::move(method_)), path(std::move(path_)), body(std::move(body_)), on_401(on_401_) {}

    std::string method;
    std::string path;         // below /api/v1/, e.g. "facilities?q=..."
    std::optional<Json> body; // sent as application/json
    On401 on_401;
};

// Sends `request`; a 2xx answer goes to `on_success`, anything else to `on_failure`.
void send(const Request& request, std::function<void(const http::Response&)> on_success,
          std::function<void(Failure)> on_failure);

// Sends `request` and parses a 2xx answer's JSON object with `parse` (a parse error is a Failure
// with the HTTP status of the answer and code "invalid_response").
template <typename T>
Call<T> call(const Request& request, std::function<Result<T>(const Json&)> parse) {
    auto started = Call<T>::start();
    auto complete = started.second;
    send(
        request,
        [complete, parse = std::move(parse)](const http::Response& response) {
            auto body = json::parse_object(response.body);
            Result<T> value = body ? parse(*body) : Result<T>(body.error());
            if (value) return complete.succeed(std::move(value).value());
            complete.fail(Failure{response.status, ErrorCode::Internal, "invalid_response", value.error().message,
                                  value.error().field, {}, std::nullopt, {}});
        },
        [complete](Failure failure) { complete.fail(std::move(failure)); });
    return started.first;
}

// As call(), for answers without a body worth reading (204, 202).
Call<Nothing> call_for_status(const Request& request);

// As call(), for answers that are text rather than JSON (a consent record's exact text): the
// body as received.
Call<std::string> call_for_text(const Request& request);

// Percent-encodes a query parameter's value (or a path segment).
std::string query_value(std::string_view value);

// Appends "?key=value" or "&key=value" to `path`; nothing when `value` is empty.
void add_query(std::string& path, std::string_view key, std::string_view value);

} // namespace mimamori::web::api
