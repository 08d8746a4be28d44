#pragma once
// The canonical encoding of everything the family space authenticates or signs (types.hpp): each
// field a 4-byte big-endian length and its bytes; integers fixed-width big-endian. Internal.

#include <cstdint>
#include <optional>
#include <string_view>

#include "mimamori/common/bytes.hpp"

namespace mimamori::family_crypto::detail {

// The length of a field holding `payload` bytes.
constexpr std::size_t field_size(std::size_t payload) { return 4 + payload; }

// Appends fields to a byte string (which it does not clear). Reserve the exact size first where
// the bytes are secret, so that growing never leaves a copy in freed memory.
class CanonicalWriter {
public:
    explicit CanonicalWriter(Bytes& out) : m_out(out) {}
    CanonicalWriter& bytes(ByteView value);
    CanonicalWriter& text(std::string_view value);
    CanonicalWriter& u32(std::uint32_t value);
    CanonicalWriter& u64(std::uint64_t value);
    CanonicalWriter& i64(std::int64_t value); // two's complement, as u64

private:
    void raw_u32(std::uint32_t value);
    Bytes& m_out;
};

// Reads fields back; every accessor gives std::nullopt when the next field is missing, truncated
// or of the wrong width.
class CanonicalReader {
public:
    explicit CanonicalReader(ByteView in) : m_in(in) {}
    std::optional<ByteView> bytes();
    std::optional<std::uint32_t> u32();
    std::optional<std::int64_t> i64();
    bool at_end() const { return m_pos == m_in.size(); }

private:
    ByteView m_in;
    std::size_t m_pos = 0;
};

} // namespace mimamori::family_crypto::detail
