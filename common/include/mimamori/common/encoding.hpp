#pragma once
// Text encodings of binary data: base32 (RFC 4648 §6, the alphabet of TOTP secrets in otpauth
// URIs), hex (digests in logs and files), and percent-encoding (RFC 3986, URI components).
// Decoders never throw: malformed text is an InvalidInput error that says where and why.

#include <string>
#include <string_view>

#include "mimamori/common/bytes.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::encoding {

// Base32 with the RFC 4648 alphabet A-Z 2-7, upper case. With `pad`, '=' fills the last group to
// eight characters; otpauth URIs and authenticator apps want it without.
std::string base32_encode(ByteView data, bool pad = false);

// Decodes base32 as a person may type or paste it: lower case is accepted, spaces and hyphens
// between groups are ignored, trailing '=' padding is optional (but when present must be right).
// Anything else is refused: characters outside the alphabet (0, 1, 8, 9, punctuation), '=' in the
// middle, a length that no byte string encodes to, or non-zero bits after the last byte (so that
// one byte string has exactly one spelling).
Result<Bytes> base32_decode(std::string_view text);

// Lower-case hex, two characters per byte.
std::string hex_encode(ByteView data);

// Decodes hex of either case; an odd length or a non-hex character is an error.
Result<Bytes> hex_decode(std::string_view text);

// Percent-encodes every byte except RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~), so the
// result is safe in any URI component; UTF-8 text becomes %E3%81%BF... and a space %20 (not '+').
std::string percent_encode(std::string_view text);

} // namespace mimamori::encoding
