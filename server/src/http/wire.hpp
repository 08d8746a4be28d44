#pragma once
// The bytes a response is sent as. Every response -- a handler's, a static file, or an error the
// request reader raises before any handler ran -- passes through serialize(), so the security
// headers, Date, Content-Length and Connection are set in this one place.

#include <string>
#include <string_view>

#include "http/response.hpp"

namespace mimamori::http {

struct Framing {
    bool head_request = false; // HEAD: send the head only
    bool keep_alive = true;    // false: "Connection: close" (the layer then closes)
    bool api = true;           // not a web bundle file: "Cache-Control: no-store" unless set
};

// The headers every response carries: CSP (wasm allowed), nosniff, frame and referrer policies,
// COOP, Permissions-Policy; and Cache-Control: no-store for API answers that set none.
void add_standard_headers(Headers& headers, bool api);

// Status line, headers (standard ones added, CR/LF in values neutralised), Content-Length,
// Connection, then the body unless HEAD, 204 or 304. A streamed response (response.stream) gets
// its head only: Content-Length when its length is known, else "Transfer-Encoding: chunked"
// (for HEAD, neither); the connection writes the pieces.
std::string serialize(const Response& response, const Framing& framing);

// serialize()'s output without the body, and whether an answer is better sent that way: a
// large body (a timeline page's 24 KB) then goes out from where it is instead of being copied
// behind its head (Wire::write_with_body), and so does every shared body (Wire::write_pieces).
std::string serialize_head(const Response& response, const Framing& framing);
bool sends_body_apart(const Response& response, const Framing& framing);

// False for the statuses that never have a body (1xx, 204, 304).
bool status_has_body(int status);

// One piece of a chunked body: hex size, CRLF, the bytes, CRLF.
std::string chunk_frame(std::string_view bytes);
inline constexpr std::string_view k_last_chunk = "0\r\n\r\n";

// The interim answer to "Expect: 100-continue".
inline constexpr std::string_view k_continue_response = "HTTP/1.1 100 Continue\r\n\r\n";

} // namespace mimamori::http
