#include "mail/mail_message.hpp"

#include <array>
#include <cstdio>

#include "mimamori/common/base64url.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"

namespace mimamori::mail {
namespace {

// "\n" or "\r\n" line ends to CRLF, ending with one.
std::string crlf_lines(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32 + 2);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue; // the '\n' writes CRLF
        if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
    return out;
}

// Base64 in lines of 76 characters (RFC 2045 §6.8).
std::string base64_lines(std::string_view text) {
    const std::string encoded = encoding::base64_encode(as_bytes(text));
    std::string out;
    for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
    return out;
}

bool is_plain_ascii(std::string_view text) {
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u > 0x7E) return false;
    }
    return text.find("=?") == std::string_view::npos;
}

// The length of the UTF-8 sequence that starts with byte `lead` (1 for a stray continuation byte,
// so that a cut never loops).
std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

} // namespace

bool fits_8bit(std::string_view body) {
    std::size_t line = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c == '\0') return false;
        if (c == '\r' && (i + 1 >= body.size() || body[i + 1] != '\n')) return false;
        if (c == '\n' || c == '\r') {
            line = 0;
        } else if (++line > 998) {
            return false;
        }
    }
    return true;
}

std::string encode_header_text(std::string_view text) {
    if (is_plain_ascii(text)) return std::string(text);
    // 75 characters per word (RFC 2047 §2) less "=?UTF-8?B?" and "?=" leave 63 for base64, which
    // holds 45 bytes of text (60 characters).
    constexpr std::size_t max_bytes = 45;
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = pos;
        while (end < text.size()) {
            const std::size_t next = end + utf8_sequence_length(static_cast<unsigned char>(text[end]));
            if (next - pos > max_bytes) break;
            end = std::min(next, text.size());
        }
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + encoding::base64_encode(as_bytes(text.substr(pos, end - pos))) + "?=";
        pos = end;
    }
    return out;
}

std::string dot_stuff(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    bool line_start = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (line_start && text[i] == '.') out += '.';
        out += text[i];
        line_start = text[i] == '\n' && i > 0 && text[i - 1] == '\r';
    }
    return out;
}

std::string rfc5322_date(UnixSeconds t) {
    static constexpr std::array<const char*, 7> days = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"}; // 1970-01-01: Thu
    static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const Date d = japan_date(t);
    const std::int64_t local = t + japan_utc_offset_seconds;
    const std::int64_t seconds_of_day = ((local % 86400) + 86400) % 86400;
    const std::int64_t day_number = d.days_since_epoch();
    char text[64];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0900",
                  days[static_cast<std::size_t>(((day_number % 7) + 7) % 7)], d.day,
                  months[static_cast<std::size_t>(d.month - 1)], d.year, static_cast<int>(seconds_of_day / 3600),
                  static_cast<int>(seconds_of_day / 60 % 60), static_cast<int>(seconds_of_day % 60));
    return text;
}

std::string new_message_id(std::string_view from) {
    const auto at = from.rfind('@');
    const std::string_view domain = at == std::string_view::npos || at + 1 >= from.size() ? "localhost" : from.substr(at + 1);
    return "<" + encoding::hex_encode(crypto::random_bytes(16)) + "@" + std::string(domain) + ">";
}

std::string format_message(const MailMessage& m, bool eight_bit) {
    std::string out;
    out += "Date: " + rfc5322_date(m.date) + "\r\n";
    out += "From: " + m.from + "\r\n";
    out += "To: " + m.to + "\r\n";
    out += "Subject: " + encode_header_text(m.subject) + "\r\n";
    out += "Message-ID: " + m.message_id + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    if (eight_bit) {
        out += "Content-Transfer-Encoding: 8bit\r\n\r\n";
        out += crlf_lines(m.body);
    } else {
        out += "Content-Transfer-Encoding: base64\r\n\r\n";
        out += base64_lines(crlf_lines(m.body));
    }
    return out;
}

} // namespace mimamori::mail
