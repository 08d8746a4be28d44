#include "mimamori/common/sha1.hpp"

#include <algorithm>

#include <sodium.h>

namespace mimamori::crypto {
namespace {

constexpr std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

std::uint32_t load_be32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

} // namespace

// Initial hash value H(0), FIPS 180-4 §5.3.1.
Sha1::Sha1() : m_h{0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u} {}

// One block of the SHA-1 hash computation, FIPS 180-4 §6.1.2.
void Sha1::compress(const std::uint8_t* block) {
    std::array<std::uint32_t, 80> w{};
    for (std::size_t t = 0; t < 16; ++t) w[t] = load_be32(block + 4 * t);
    for (std::size_t t = 16; t < 80; ++t) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);

    std::uint32_t a = m_h[0], b = m_h[1], c = m_h[2], d = m_h[3], e = m_h[4];
    for (std::size_t t = 0; t < 80; ++t) {
        std::uint32_t f = 0;
        std::uint32_t k = 0;
        if (t < 20) { f = (b & c) ^ (~b & d); k = 0x5A827999u; }           // Ch
        else if (t < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1u; }                // Parity
        else if (t < 60) { f = (b & c) ^ (b & d) ^ (c & d); k = 0x8F1BBCDCu; } // Maj
        else { f = b ^ c ^ d; k = 0xCA62C1D6u; }                            // Parity
        const std::uint32_t temp = rotl(a, 5) + f + e + k + w[t];
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = temp;
    }
    m_h[0] += a;
    m_h[1] += b;
    m_h[2] += c;
    m_h[3] += d;
    m_h[4] += e;
}

void Sha1::update(ByteView data) {
    m_total_bytes += data.size();
    std::size_t pos = 0;
    if (m_buffered > 0) {
        const std::size_t take = std::min(block_size - m_buffered, data.size());
        std::copy_n(data.begin(), take, m_buffer.begin() + static_cast<std::ptrdiff_t>(m_buffered));
        m_buffered += take;
        pos = take;
        if (m_buffered < block_size) return;
        compress(m_buffer.data());
        m_buffered = 0;
    }
    for (; data.size() - pos >= block_size; pos += block_size) compress(data.data() + pos);
    std::copy(data.begin() + static_cast<std::ptrdiff_t>(pos), data.end(), m_buffer.begin());
    m_buffered = data.size() - pos;
}

Sha1Digest Sha1::finish() {
    // Padding, FIPS 180-4 §5.1.1: a 1 bit, zeros up to 56 mod 64 bytes, the length in bits.
    const std::uint64_t bit_length = m_total_bytes * 8;
    m_buffer[m_buffered++] = 0x80;
    if (m_buffered > block_size - 8) {
        std::fill(m_buffer.begin() + static_cast<std::ptrdiff_t>(m_buffered), m_buffer.end(), std::uint8_t{0});
        compress(m_buffer.data());
        m_buffered = 0;
    }
    std::fill(m_buffer.begin() + static_cast<std::ptrdiff_t>(m_buffered), m_buffer.end() - 8, std::uint8_t{0});
    for (std::size_t i = 0; i < 8; ++i)
        m_buffer[block_size - 1 - i] = static_cast<std::uint8_t>(bit_length >> (8 * i));
    compress(m_buffer.data());

    Sha1Digest out{};
    for (std::size_t i = 0; i < 5; ++i)
        for (std::size_t j = 0; j < 4; ++j)
            out[4 * i + j] = static_cast<std::uint8_t>(m_h[i] >> (24 - 8 * j));
    return out;
}

Sha1Digest sha1(ByteView data) {
    Sha1 h;
    h.update(data);
    return h.finish();
}

Sha1Digest hmac_sha1(ByteView key, ByteView message) {
    // RFC 2104: H((K0 ^ opad) || H((K0 ^ ipad) || text)), K0 the key padded (or hashed) to B bytes.
    std::array<std::uint8_t, Sha1::block_size> k0{};
    if (key.size() > Sha1::block_size) {
        const Sha1Digest hashed = sha1(key);
        std::copy(hashed.begin(), hashed.end(), k0.begin());
    } else {
        std::copy(key.begin(), key.end(), k0.begin());
    }
    std::array<std::uint8_t, Sha1::block_size> pad{};
    for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = static_cast<std::uint8_t>(k0[i] ^ 0x36u);
    Sha1 inner;
    inner.update(pad);
    inner.update(message);
    const Sha1Digest inner_digest = inner.finish();

    for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = static_cast<std::uint8_t>(k0[i] ^ 0x5Cu);
    Sha1 outer;
    outer.update(pad);
    outer.update(inner_digest);
    // The padded key is as secret as the key (a TOTP seed): do not leave it on the stack.
    sodium_memzero(k0.data(), k0.size());
    sodium_memzero(pad.data(), pad.size());
    return outer.finish();
}

} // namespace mimamori::crypto
