#pragma once
// Base64url (RFC 4648 §5: A-Z a-z 0-9 '-' '_') without padding: how binary values (keys, nonces,
// ciphertexts, signatures) travel in the API's JSON. Built on libsodium's codec, which runs in
// time independent of the data, so encoding a key leaks nothing through timing.
// Also standard, padded base64 (RFC 4648 §4: '+', '/', '='), which HTTP headers use (tus's
// Upload-Metadata and Upload-Checksum).

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "mimamori/common/bytes.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::encoding {

// Unpadded base64url of `data` ("" for no bytes).
std::string base64url_encode(ByteView data);

// Decodes unpadded base64url strictly: no padding, no white space, no characters of the standard
// alphabet ('+', '/'), no length that no byte string encodes to, and no non-zero bits after the
// last byte, so that one byte string has exactly one spelling. An InvalidInput error naming
// `field` otherwise.
Result<Bytes> base64url_decode(std::string_view text, std::string_view field = "base64url");

// As base64url_decode(), into `out`, which the decoded bytes must fill exactly (a key of the
// wrong length is an error that says the expected and the actual length).
Status base64url_decode_exact(std::string_view text, std::span<std::uint8_t> out,
                              std::string_view field = "base64url");

// Standard base64 with '=' padding ("" for no bytes).
std::string base64_encode(ByteView data);

// Decodes standard base64 strictly: padding required and exact, no white space, no characters of
// the URL-safe alphabet ('-', '_'), no non-zero bits after the last byte. An InvalidInput error
// naming `field` otherwise.
Result<Bytes> base64_decode(std::string_view text, std::string_view field = "base64");

} // namespace mimamori::encoding
