#pragma once
// Byte strings: what the crypto, encoding and QR code helpers take and give. Binary data is held
// in std::vector<std::uint8_t>, read through std::span; text (std::string) is viewed as bytes with
// as_bytes() without a copy.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mimamori {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// The bytes of a text (UTF-8 or binary held in a std::string), without copying.
inline ByteView as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// A copy of binary data as a std::string (for APIs that carry bytes in strings).
inline std::string to_string(ByteView bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

} // namespace mimamori
