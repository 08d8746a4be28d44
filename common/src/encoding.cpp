#include "mimamori/common/encoding.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace mimamori::encoding {
namespace {

constexpr std::string_view base32_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view hex_digits = "0123456789abcdef";

// The value of a base32 character (either case), or -1.
int base32_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Names a character in an error message without echoing bytes that are not printable ASCII.
std::string describe(char c, std::size_t position) {
    std::string out = "character " + std::to_string(position + 1);
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u <= 0x7E) {
        out += " ('";
        out += c;
        out += "')";
    }
    return out;
}

Error invalid(std::string message) { return Error::make(ErrorCode::InvalidInput, std::move(message)); }

} // namespace

std::string base32_encode(ByteView data, bool pad) {
    std::string out;
    out.reserve((data.size() + 4) / 5 * 8);
    std::uint32_t buffer = 0; // holds fewer than 13 pending bits
    int bits = 0;
    for (const std::uint8_t byte : data) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out += base32_alphabet[(buffer >> bits) & 0x1Fu];
        }
    }
    if (bits > 0) out += base32_alphabet[(buffer << (5 - bits)) & 0x1Fu];
    if (pad)
        while (out.size() % 8 != 0) out += '=';
    return out;
}

Result<Bytes> base32_decode(std::string_view text) {
    // RFC 4648 §6: the final quantum has 0, 2, 4, 5 or 7 characters (8, 16, 24 or 32 bits).
    constexpr std::array<bool, 8> valid_tail{true, false, true, false, true, true, false, true};
    Bytes out;
    out.reserve(text.size() * 5 / 8);
    std::uint32_t buffer = 0;
    int bits = 0;
    std::size_t symbols = 0; // data characters seen
    std::size_t padding = 0; // '=' seen
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' || c == '-') continue;
        if (c == '=') {
            ++padding;
            continue;
        }
        const int v = base32_value(c);
        if (v < 0) return invalid(describe(c, i) + " is not base32: use the letters A-Z and the digits 2-7");
        if (padding > 0) return invalid(describe(c, i) + " follows '=' padding, which may only end the text");
        buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
        bits += 5;
        ++symbols;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>(buffer >> bits));
            buffer &= (1u << bits) - 1;
        }
    }
    if (!valid_tail[symbols % 8])
        return invalid("the base32 text has " + std::to_string(symbols) +
                       " characters, a length no data encodes to: a character is missing or extra");
    if (padding > 0 && (symbols % 8 == 0 || (symbols + padding) % 8 != 0))
        return invalid("the base32 '=' padding must fill the last group to 8 characters");
    if (buffer != 0) return invalid("the last base32 character has bits set beyond the data: it is mistyped");
    return out;
}

std::string hex_encode(ByteView data) {
    std::string out;
    out.reserve(data.size() * 2);
    for (const std::uint8_t byte : data) {
        out += hex_digits[byte >> 4];
        out += hex_digits[byte & 0x0Fu];
    }
    return out;
}

Result<Bytes> hex_decode(std::string_view text) {
    if (text.size() % 2 != 0) return invalid("hex text must have an even number of digits");
    Bytes out;
    out.reserve(text.size() / 2);
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const int hi = hex_value(text[i]);
        const int lo = hex_value(text[i + 1]);
        if (hi < 0) return invalid(describe(text[i], i) + " is not a hex digit");
        if (lo < 0) return invalid(describe(text[i + 1], i + 1) + " is not a hex digit");
        out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
    }
    return out;
}

std::string percent_encode(std::string_view text) {
    constexpr std::string_view upper_hex = "0123456789ABCDEF"; // RFC 3986 §2.1: upper case preferred
    std::string out;
    out.reserve(text.size() * 3);
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                                u == '-' || u == '.' || u == '_' || u == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += upper_hex[u >> 4];
            out += upper_hex[u & 0x0Fu];
        }
    }
    return out;
}

} // namespace mimamori::encoding
