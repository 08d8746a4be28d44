#pragma once
// An e-mail as the SMTP client sends it (RFC 5322 with MIME, RFC 2045/2047): plain UTF-8 text,
// the subject as encoded-words so that Japanese survives any relay, the body as 8bit when the
// receiving server announces 8BITMIME (and no line is too long for it), else base64.

#include <string>
#include <string_view>

#include "mimamori/common/japan_time.hpp"

namespace mimamori::mail {

struct MailMessage {
    std::string from;       // an address: "mimamori@example.jp"
    std::string to;         // one recipient address (validated: no spaces, CR or LF)
    std::string subject;    // UTF-8
    std::string body;       // UTF-8, lines separated by "\n" or "\r\n"
    std::string message_id; // "<random@domain>": the same on every retry of one message
    UnixSeconds date = 0;   // the Date header, written in Japan time
};

// The whole message (header and body) with CRLF line ends, not yet dot-stuffed. `eight_bit`: the
// body as UTF-8 8bit (RFC 6152), otherwise base64.
std::string format_message(const MailMessage& message, bool eight_bit);

// True when the body can travel as 8bit: no line longer than 998 bytes (RFC 5322 §2.1.1) and no
// NUL or bare CR.
bool fits_8bit(std::string_view body);

// The subject as RFC 2047 "B" encoded-words ("=?UTF-8?B?...?="), each at most 75 characters and
// cut only between UTF-8 characters, folded onto continuation lines; plain ASCII without
// "=?" stays as it is.
std::string encode_header_text(std::string_view text);

// SMTP's transparency (RFC 5321 §4.5.2): a line that begins with '.' gets one more, so that the
// receiver never takes it for the end of the data. `text` has CRLF line ends.
std::string dot_stuff(std::string_view text);

// An RFC 5322 date in Japan time: "Tue, 26 Nov 2024 09:05:00 +0900".
std::string rfc5322_date(UnixSeconds t);

// A new "<hex@domain>" Message-ID for a message sent from `from` (its domain, or "localhost").
std::string new_message_id(std::string_view from);

} // namespace mimamori::mail
