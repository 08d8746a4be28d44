#include "canonical.hpp"

namespace mimamori::family_crypto::detail {
namespace {

std::uint64_t read_be(ByteView bytes) {
    std::uint64_t v = 0;
    for (const std::uint8_t b : bytes) v = (v << 8) | b;
    return v;
}

} // namespace

void CanonicalWriter::raw_u32(std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) m_out.push_back(static_cast<std::uint8_t>(value >> shift));
}

CanonicalWriter& CanonicalWriter::bytes(ByteView value) {
    // Every field of the protocol is far below 4 GiB (memos are capped at 64 KiB).
    raw_u32(static_cast<std::uint32_t>(value.size()));
    m_out.insert(m_out.end(), value.begin(), value.end());
    return *this;
}

CanonicalWriter& CanonicalWriter::text(std::string_view value) { return bytes(as_bytes(value)); }

CanonicalWriter& CanonicalWriter::u32(std::uint32_t value) {
    raw_u32(4);
    raw_u32(value);
    return *this;
}

CanonicalWriter& CanonicalWriter::u64(std::uint64_t value) {
    raw_u32(8);
    for (int shift = 56; shift >= 0; shift -= 8) m_out.push_back(static_cast<std::uint8_t>(value >> shift));
    return *this;
}

CanonicalWriter& CanonicalWriter::i64(std::int64_t value) { return u64(static_cast<std::uint64_t>(value)); }

std::optional<ByteView> CanonicalReader::bytes() {
    if (m_in.size() - m_pos < 4) return std::nullopt;
    const auto length = static_cast<std::size_t>(read_be(m_in.subspan(m_pos, 4)));
    if (m_in.size() - m_pos - 4 < length) return std::nullopt;
    const ByteView value = m_in.subspan(m_pos + 4, length);
    m_pos += 4 + length;
    return value;
}

std::optional<std::uint32_t> CanonicalReader::u32() {
    const auto field = bytes();
    if (!field || field->size() != 4) return std::nullopt;
    return static_cast<std::uint32_t>(read_be(*field));
}

std::optional<std::int64_t> CanonicalReader::i64() {
    const auto field = bytes();
    if (!field || field->size() != 8) return std::nullopt;
    return static_cast<std::int64_t>(read_be(*field));
}

} // namespace mimamori::family_crypto::detail
