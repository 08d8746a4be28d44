#include "mimamori/common/result.hpp"

namespace mimamori {

std::string_view to_string(ErrorCode code) {
    switch (code) {
    case ErrorCode::InvalidInput: return "invalid_input";
    case ErrorCode::Unauthenticated: return "unauthenticated";
    case ErrorCode::TwoFactorRequired: return "two_factor_required";
    case ErrorCode::PasswordChangeRequired: return "password_change_required";
    case ErrorCode::RequestTimeout: return "request_timeout";
    case ErrorCode::PreconditionFailed: return "precondition_failed";
    case ErrorCode::RangeNotSatisfiable: return "range_not_satisfiable";
    case ErrorCode::Unprocessable: return "unprocessable";
    case ErrorCode::HeadersTooLarge: return "headers_too_large";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::MethodNotAllowed: return "method_not_allowed";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Gone: return "gone";
    case ErrorCode::PayloadTooLarge: return "payload_too_large";
    case ErrorCode::UnsupportedMediaType: return "unsupported_media_type";
    case ErrorCode::RateLimited: return "rate_limited";
    case ErrorCode::Locked: return "locked";
    case ErrorCode::Unavailable: return "unavailable";
    case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

} // namespace mimamori
