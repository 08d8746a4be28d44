#include "mimamori/common/reed_solomon.hpp"

#include <array>
#include <cassert>

namespace mimamori::reed_solomon {
namespace {

struct Tables {
    std::array<std::uint8_t, 255> exp{}; // exp[i] = α^i
    std::array<std::uint8_t, 256> log{}; // log[α^i] = i; log[0] unused
};

constexpr Tables make_tables() {
    Tables t;
    unsigned value = 1;
    for (unsigned i = 0; i < 255; ++i) {
        t.exp[i] = static_cast<std::uint8_t>(value);
        t.log[value] = static_cast<std::uint8_t>(i);
        value <<= 1;                       // multiply by α = x ...
        if (value & 0x100u) value ^= 0x11Du; // ... reduced by the primitive polynomial
    }
    return t;
}

constexpr Tables tables = make_tables();

} // namespace

std::uint8_t exp(unsigned power) { return tables.exp[power % 255]; }

unsigned log(std::uint8_t value) {
    assert(value != 0);
    return tables.log[value];
}

std::uint8_t multiply(std::uint8_t a, std::uint8_t b) {
    if (a == 0 || b == 0) return 0;
    return tables.exp[(tables.log[a] + tables.log[b]) % 255];
}

Bytes generator(std::size_t degree) {
    assert(degree >= 1 && degree <= 255);
    // Multiply out (x - α^i) one factor at a time; in GF(2^8) subtraction is addition (XOR).
    Bytes g{1};
    for (std::size_t i = 0; i < degree; ++i) {
        const std::uint8_t root = exp(static_cast<unsigned>(i));
        Bytes next(g.size() + 1, 0);
        for (std::size_t j = 0; j < g.size(); ++j) {
            next[j] ^= g[j];                          // g(x)·x
            next[j + 1] ^= multiply(g[j], root);      // g(x)·α^i
        }
        g = std::move(next);
    }
    return g;
}

Bytes remainder(ByteView data, std::size_t degree) {
    const Bytes g = generator(degree);
    // Polynomial long division, keeping only the running remainder (a shift register).
    Bytes rem(degree, 0);
    for (const std::uint8_t byte : data) {
        const std::uint8_t factor = static_cast<std::uint8_t>(byte ^ rem[0]);
        for (std::size_t i = 0; i + 1 < degree; ++i) rem[i] = static_cast<std::uint8_t>(rem[i + 1] ^ multiply(g[i + 1], factor));
        rem[degree - 1] = multiply(g[degree], factor);
    }
    return rem;
}

} // namespace mimamori::reed_solomon
