#pragma once
// Internal to the QR encoder: the layout of a symbol (ISO/IEC 18004 §6.3, §7.7-7.10): function
// patterns, placement of the codeword bits, masking, format and version information.

#include <cstdint>
#include <vector>

#include "mimamori/common/qr.hpp"

namespace mimamori::qr::detail {

inline constexpr int min_version = 1;
inline constexpr int max_version = 40;

inline int symbol_size(int version) { return 17 + 4 * version; }

// The row/column coordinates of the alignment pattern centres (Annex E, Table E.1).
const std::vector<int>& alignment_positions(int version);

// The 15 format bits for a level and mask, BCH(15,5) coded and XOR-masked with 0x5412 (§7.9.1).
std::uint32_t format_bits(Ecc ecc, int mask);

// The 18 version bits, BCH(18,6) coded (§7.10, Annex D); versions 7..40.
std::uint32_t version_bits(int version);

// A symbol under construction: the grid and which of its modules are function patterns.
class Symbol {
public:
    // Draws every function pattern of the version: finders with separators, timing, alignment,
    // the dark module and version information; reserves the format information areas.
    explicit Symbol(int version);

    // How many modules carry data (and remainder) bits: what the codewords must fill.
    int data_module_count() const;

    // Places the codewords' bits, most significant first, in the two-module-wide zigzag from the
    // bottom-right corner (§7.7.3); modules left over are remainder bits (light).
    void place(ByteView codewords);

    // XORs the data modules with mask pattern 0..7 (§7.8.2); applying it again undoes it.
    void apply_mask(int mask);

    // Writes both copies of the format information.
    void draw_format(Ecc ecc, int mask);

    const ModuleGrid& grid() const { return m_grid; }

private:
    void set_function(int x, int y, bool dark);
    bool is_function(int x, int y) const { return m_function[static_cast<std::size_t>(y * m_size + x)] != 0; }
    void draw_finder(int left, int top);
    void draw_alignment(int cx, int cy);
    void draw_version();

    int m_version;
    int m_size;
    ModuleGrid m_grid;
    std::vector<std::uint8_t> m_function;
};

} // namespace mimamori::qr::detail
