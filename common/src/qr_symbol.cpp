#include "qr_symbol.hpp"

#include <algorithm>
#include <cassert>
#include <cstdlib>

namespace mimamori::qr::detail {
namespace {

// The remainder of `value` divided by `generator` (polynomials over GF(2) as bits), where
// `value` has `bits` significant bits and the generator has degree `degree`.
std::uint32_t bch_remainder(std::uint32_t value, int bits, std::uint32_t generator, int degree) {
    for (int bit = bits - 1; bit >= degree; --bit)
        if (value & (1u << bit)) value ^= generator << (bit - degree);
    return value;
}

// The two-bit level indicator of §7.9.1, Table 12: L 01, M 00, Q 11, H 10.
std::uint32_t level_indicator(Ecc ecc) {
    switch (ecc) {
    case Ecc::L: return 0b01;
    case Ecc::M: return 0b00;
    case Ecc::Q: return 0b11;
    case Ecc::H: return 0b10;
    }
    return 0;
}

// Mask conditions of §7.8.2, Table 10, with i the row and j the column.
bool mask_applies(int mask, int i, int j) {
    switch (mask) {
    case 0: return (i + j) % 2 == 0;
    case 1: return i % 2 == 0;
    case 2: return j % 3 == 0;
    case 3: return (i + j) % 3 == 0;
    case 4: return (i / 2 + j / 3) % 2 == 0;
    case 5: return (i * j) % 2 + (i * j) % 3 == 0;
    case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0;
    case 7: return ((i + j) % 2 + (i * j) % 3) % 2 == 0;
    }
    assert(false && "mask out of range");
    return false;
}

} // namespace

const std::vector<int>& alignment_positions(int version) {
    // Annex E, Table E.1: from version 2 on; version 1 has no alignment pattern.
    static const std::vector<int> table[max_version + 1] = {
        {}, {},
        {6, 18}, {6, 22}, {6, 26}, {6, 30}, {6, 34},                                   // 2-6
        {6, 22, 38}, {6, 24, 42}, {6, 26, 46}, {6, 28, 50}, {6, 30, 54}, {6, 32, 58},  // 7-12
        {6, 34, 62},                                                                   // 13
        {6, 26, 46, 66}, {6, 26, 48, 70}, {6, 26, 50, 74}, {6, 30, 54, 78},            // 14-17
        {6, 30, 56, 82}, {6, 30, 58, 86}, {6, 34, 62, 90},                             // 18-20
        {6, 28, 50, 72, 94}, {6, 26, 50, 74, 98}, {6, 30, 54, 78, 102},                // 21-23
        {6, 28, 54, 80, 106}, {6, 32, 58, 84, 110}, {6, 30, 58, 86, 114},              // 24-26
        {6, 34, 62, 90, 118},                                                          // 27
        {6, 26, 50, 74, 98, 122}, {6, 30, 54, 78, 102, 126}, {6, 26, 52, 78, 104, 130}, // 28-30
        {6, 30, 56, 82, 108, 134}, {6, 34, 60, 86, 112, 138}, {6, 30, 58, 86, 114, 142}, // 31-33
        {6, 34, 62, 90, 118, 146},                                                     // 34
        {6, 30, 54, 78, 102, 126, 150}, {6, 24, 50, 76, 102, 128, 154},                // 35-36
        {6, 28, 54, 80, 106, 132, 158}, {6, 32, 58, 84, 110, 136, 162},                // 37-38
        {6, 26, 54, 82, 110, 138, 166}, {6, 30, 58, 86, 114, 142, 170},                // 39-40
    };
    assert(version >= min_version && version <= max_version);
    return table[version];
}

std::uint32_t format_bits(Ecc ecc, int mask) {
    assert(mask >= 0 && mask <= 7);
    const std::uint32_t data = level_indicator(ecc) << 3 | static_cast<std::uint32_t>(mask);
    // Generator x^10 + x^8 + x^5 + x^4 + x^2 + x + 1.
    const std::uint32_t coded = data << 10 | bch_remainder(data << 10, 15, 0b101'0011'0111, 10);
    return coded ^ 0b101'0100'0001'0010;
}

std::uint32_t version_bits(int version) {
    assert(version >= 7 && version <= max_version);
    const auto v = static_cast<std::uint32_t>(version);
    // Generator x^12 + x^11 + x^10 + x^9 + x^8 + x^5 + x^2 + 1.
    return v << 12 | bch_remainder(v << 12, 18, 0b1'1111'0010'0101, 12);
}

Symbol::Symbol(int version)
    : m_version(version), m_size(symbol_size(version)), m_grid(m_size),
      m_function(static_cast<std::size_t>(m_size * m_size), 0) {
    // Timing patterns first: the finders and their separators then cover the ends.
    for (int i = 0; i < m_size; ++i) {
        set_function(6, i, i % 2 == 0);
        set_function(i, 6, i % 2 == 0);
    }
    draw_finder(0, 0);
    draw_finder(m_size - 7, 0);
    draw_finder(0, m_size - 7);

    const std::vector<int>& centres = alignment_positions(version);
    const std::size_t n = centres.size();
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) {
            // The three corners where a finder pattern already is.
            const bool on_finder = (a == 0 && b == 0) || (a == 0 && b == n - 1) || (a == n - 1 && b == 0);
            if (!on_finder) draw_alignment(centres[a], centres[b]);
        }

    // Format information areas (drawn per mask later) and the dark module beside the lower one.
    for (int i = 0; i <= 8; ++i) {
        if (i != 6) {
            set_function(8, i, false);
            set_function(i, 8, false);
        }
    }
    for (int i = 0; i < 8; ++i) set_function(m_size - 1 - i, 8, false);
    for (int i = 0; i < 7; ++i) set_function(8, m_size - 1 - i, false);
    set_function(8, m_size - 8, true);

    if (version >= 7) draw_version();
}

void Symbol::set_function(int x, int y, bool dark) {
    m_grid.set(x, y, dark);
    m_function[static_cast<std::size_t>(y * m_size + x)] = 1;
}

void Symbol::draw_finder(int left, int top) {
    // 7x7: a dark 3x3 centre, a light ring, a dark ring; then the light separator ring outside.
    for (int dy = -1; dy <= 7; ++dy)
        for (int dx = -1; dx <= 7; ++dx) {
            const int x = left + dx;
            const int y = top + dy;
            if (x < 0 || y < 0 || x >= m_size || y >= m_size) continue;
            const int ring = std::max(std::abs(dx - 3), std::abs(dy - 3));
            set_function(x, y, ring != 2 && ring != 4);
        }
}

void Symbol::draw_alignment(int cx, int cy) {
    // 5x5: a dark centre module, a light ring, a dark ring.
    for (int dy = -2; dy <= 2; ++dy)
        for (int dx = -2; dx <= 2; ++dx) set_function(cx + dx, cy + dy, std::max(std::abs(dx), std::abs(dy)) != 1);
}

void Symbol::draw_version() {
    // Bit i (0 = least significant) goes to the 6x3 block above the lower-left finder at
    // (i / 3, size - 11 + i % 3) and, transposed, to the block left of the upper-right finder.
    const std::uint32_t bits = version_bits(m_version);
    for (int i = 0; i < 18; ++i) {
        const bool dark = (bits >> i) & 1u;
        const int a = i / 3;
        const int b = m_size - 11 + i % 3;
        set_function(a, b, dark);
        set_function(b, a, dark);
    }
}

void Symbol::draw_format(Ecc ecc, int mask) {
    // §7.9.1, Figure 25; bit 0 is the least significant of the 15.
    const std::uint32_t bits = format_bits(ecc, mask);
    const auto bit = [bits](int i) { return ((bits >> i) & 1u) != 0; };
    // Around the upper-left finder: bits 0-7 down column 8 (skipping the timing row), bits 8-14
    // along row 8 leftwards (skipping the timing column).
    for (int i = 0; i <= 5; ++i) m_grid.set(8, i, bit(i));
    m_grid.set(8, 7, bit(6));
    m_grid.set(8, 8, bit(7));
    m_grid.set(7, 8, bit(8));
    for (int i = 9; i < 15; ++i) m_grid.set(14 - i, 8, bit(i));
    // The copy: bits 0-7 along row 8 from the right edge, bits 8-14 up column 8 to the bottom.
    for (int i = 0; i < 8; ++i) m_grid.set(m_size - 1 - i, 8, bit(i));
    for (int i = 8; i < 15; ++i) m_grid.set(8, m_size - 15 + i, bit(i));
}

int Symbol::data_module_count() const {
    int n = 0;
    for (const std::uint8_t f : m_function) n += f == 0 ? 1 : 0;
    return n;
}

void Symbol::place(ByteView codewords) {
    const std::size_t total_bits = codewords.size() * 8;
    std::size_t next = 0;
    bool upward = true;
    for (int right = m_size - 1; right >= 1; right -= 2) {
        if (right == 6) right = 5; // the vertical timing pattern is skipped as a whole column
        for (int step = 0; step < m_size; ++step) {
            const int y = upward ? m_size - 1 - step : step;
            for (int x = right; x >= right - 1; --x) {
                if (is_function(x, y)) continue;
                bool dark = false;
                if (next < total_bits) dark = (codewords[next / 8] >> (7 - next % 8)) & 1u;
                m_grid.set(x, y, dark);
                ++next;
            }
        }
        upward = !upward;
    }
    assert(next >= total_bits && "codewords exceed the symbol's data modules");
}

void Symbol::apply_mask(int mask) {
    for (int y = 0; y < m_size; ++y)
        for (int x = 0; x < m_size; ++x)
            if (!is_function(x, y) && mask_applies(mask, y, x)) m_grid.set(x, y, !m_grid.get(x, y));
}

} // namespace mimamori::qr::detail
