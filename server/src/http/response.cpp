#include "http/response.hpp"

namespace mimamori::http {

std::string Response::body_text() const {
    if (!shared_body) return body;
    std::string out;
    out.reserve(shared_body->size);
    for (auto piece : shared_body->pieces) out.append(piece);
    return out;
}

Response Response::json(int status, const Json& value) {
    Response r;
    r.status = status;
    r.headers.set("Content-Type", "application/json; charset=utf-8");
    r.body = mimamori::json::dump(value);
    return r;
}

Response Response::streamed(int status, StreamedBody body) {
    Response r;
    r.status = status;
    r.stream = std::move(body);
    return r;
}

Response Response::read_body(std::shared_ptr<BodySink> sink) {
    Response r;
    r.status = 100; // never sent: the connection reads the body, then calls the route again
    r.body_sink = std::move(sink);
    return r;
}

Response Response::error(const Error& e) { return error(status_for(e.code), e); }

Response Response::error(int status, const Error& e) { return json(status, mimamori::json::error_body(e)); }

int status_for(ErrorCode code) {
    switch (code) {
    case ErrorCode::InvalidInput: return 400;
    case ErrorCode::Unauthenticated: return 401;
    case ErrorCode::TwoFactorRequired: return 401;
    case ErrorCode::PasswordChangeRequired: return 403;
    case ErrorCode::RequestTimeout: return 408;
    case ErrorCode::PreconditionFailed: return 412;
    case ErrorCode::RangeNotSatisfiable: return 416;
    case ErrorCode::Unprocessable: return 422;
    case ErrorCode::HeadersTooLarge: return 431;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::MethodNotAllowed: return 405;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::Gone: return 410;
    case ErrorCode::PayloadTooLarge: return 413;
    case ErrorCode::UnsupportedMediaType: return 415;
    case ErrorCode::Locked: return 423;
    case ErrorCode::RateLimited: return 429;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

std::string_view reason_phrase(int status) {
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Content";
    case 423: return "Locked";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 460: return "Checksum Mismatch"; // tus 1.0 checksum extension
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

} // namespace mimamori::http
