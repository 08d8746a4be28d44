#pragma once
// Reed-Solomon error correction over GF(2^8), as QR codes use it (ISO/IEC 18004 §7.5.2 and
// Annex A): the field is built on the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D) with
// generator α = 2, and the generator polynomial of n error-correction codewords is
// g(x) = (x - α^0)(x - α^1)...(x - α^(n-1)). Used by qr.hpp; public so it can be tested alone.

#include <cstddef>
#include <cstdint>

#include "mimamori/common/bytes.hpp"

namespace mimamori::reed_solomon {

// α^power in GF(256); any power >= 0 (α^255 = 1).
std::uint8_t exp(unsigned power);

// The power of α that is `value`; `value` must not be 0 (which has none).
unsigned log(std::uint8_t value);

// Product in GF(256).
std::uint8_t multiply(std::uint8_t a, std::uint8_t b);

// The coefficients of the generator polynomial of `degree` (1..255), highest power first,
// including the leading 1: degree + 1 values.
Bytes generator(std::size_t degree);

// The `degree` error-correction codewords for `data`: the remainder of data(x)·x^degree divided
// by the generator polynomial, highest power first.
Bytes remainder(ByteView data, std::size_t degree);

} // namespace mimamori::reed_solomon
