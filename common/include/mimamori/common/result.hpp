#pragma once
// Result<T>: the value of an operation that can fail in an expected way (bad input, a refused
// permission, a conflict), or the Error that says why. Neither emcc 3.1.6's libc++ nor g++ 12 at
// C++20 has std::expected, so the project has its own, shared by the server and the browser app.
// Exceptions are kept for failures that abort a whole request or frame; asserts for programmer
// errors (see STYLE.md).

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace mimamori {

// What kind of failure: decides the HTTP status on the server and the wording in the app.
enum class ErrorCode {
    InvalidInput,    // 400: a field is missing, of the wrong type, or out of range
    Unauthenticated, // 401: no valid session or wrong credentials
    TwoFactorRequired, // 401: the password was right; a one-time code is needed too
    Forbidden,       // 403: signed in, but the permission function says no
    PasswordChangeRequired, // 403: the initial password must be changed first
    NotFound,        // 404
    MethodNotAllowed,// 405
    Conflict,        // 409: duplicate, or the state does not allow it now
    RequestTimeout,  // 408: the request did not arrive in time
    Gone,            // 410: an expired or used link
    PreconditionFailed, // 412: a conditional request whose condition does not hold
    PayloadTooLarge, // 413
    UnsupportedMediaType, // 415
    RangeNotSatisfiable,  // 416
    Unprocessable,   // 422: well-formed, but contradicts an earlier request (e.g. a reused Idempotency-Key)
    HeadersTooLarge, // 431
    RateLimited,     // 429
    Locked,          // 423: an account or a team that is locked
    Unavailable,     // 503: shutting down, database unreachable
    Internal,        // 500: a bug or an unexpected failure (never with internal detail)
};

// The stable, machine-readable name of a code ("invalid_input", ...), as sent in JSON errors.
std::string_view to_string(ErrorCode code);

// An expected failure: a code, a message a person can act on, and the offending field if any
// (a JSON path such as "name" or "members[2].role").
struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
    std::string field;

    static Error invalid(std::string field_name, std::string msg) {
        return Error{ErrorCode::InvalidInput, std::move(msg), std::move(field_name)};
    }
    static Error make(ErrorCode c, std::string msg) { return Error{c, std::move(msg), {}}; }
    friend bool operator==(const Error&, const Error&) = default;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit on purpose
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {} // NOLINT

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<0>(m_v); }
    const T& value() const& { assert(ok()); return std::get<0>(m_v); }
    T&& value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { assert(!ok()); return std::get<1>(m_v); }

    T value_or(T fallback) const { return ok() ? std::get<0>(m_v) : std::move(fallback); }

private:
    std::variant<T, Error> m_v;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {} // NOLINT

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error& error() const { assert(!m_ok); return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

using Status = Result<void>;

} // namespace mimamori
