#include "mimamori/common/qr.hpp"

#include <algorithm>
#include <array>
#include <cassert>

#include "mimamori/common/reed_solomon.hpp"
#include "qr_symbol.hpp"

namespace mimamori::qr {
namespace {

using detail::max_version;
using detail::min_version;

// Error correction per version and level (ISO/IEC 18004 Table 9): codewords per block and number
// of blocks. The data codewords are what the symbol holds less the error correction.
struct BlockSpec {
    int ec_per_block;
    int blocks;
};
constexpr std::array<std::array<BlockSpec, 4>, max_version> block_table = {{
    //  L         M         Q         H         version
    {{{ 7,  1}, {10,  1}, {13,  1}, {17,  1}}}, // 1
    {{{10,  1}, {16,  1}, {22,  1}, {28,  1}}}, // 2
    {{{15,  1}, {26,  1}, {18,  2}, {22,  2}}}, // 3
    {{{20,  1}, {18,  2}, {26,  2}, {16,  4}}}, // 4
    {{{26,  1}, {24,  2}, {18,  4}, {22,  4}}}, // 5
    {{{18,  2}, {16,  4}, {24,  4}, {28,  4}}}, // 6
    {{{20,  2}, {18,  4}, {18,  6}, {26,  5}}}, // 7
    {{{24,  2}, {22,  4}, {22,  6}, {26,  6}}}, // 8
    {{{30,  2}, {22,  5}, {20,  8}, {24,  8}}}, // 9
    {{{18,  4}, {26,  5}, {24,  8}, {28,  8}}}, // 10
    {{{20,  4}, {30,  5}, {28,  8}, {24, 11}}}, // 11
    {{{24,  4}, {22,  8}, {26, 10}, {28, 11}}}, // 12
    {{{26,  4}, {22,  9}, {24, 12}, {22, 16}}}, // 13
    {{{30,  4}, {24,  9}, {20, 16}, {24, 16}}}, // 14
    {{{22,  6}, {24, 10}, {30, 12}, {24, 18}}}, // 15
    {{{24,  6}, {28, 10}, {24, 17}, {30, 16}}}, // 16
    {{{28,  6}, {28, 11}, {28, 16}, {28, 19}}}, // 17
    {{{30,  6}, {26, 13}, {28, 18}, {28, 21}}}, // 18
    {{{28,  7}, {26, 14}, {26, 21}, {26, 25}}}, // 19
    {{{28,  8}, {26, 16}, {30, 20}, {28, 25}}}, // 20
    {{{28,  8}, {26, 17}, {28, 23}, {30, 25}}}, // 21
    {{{28,  9}, {28, 17}, {30, 23}, {24, 34}}}, // 22
    {{{30,  9}, {28, 18}, {30, 25}, {30, 30}}}, // 23
    {{{30, 10}, {28, 20}, {30, 27}, {30, 32}}}, // 24
    {{{26, 12}, {28, 21}, {30, 29}, {30, 35}}}, // 25
    {{{28, 12}, {28, 23}, {28, 34}, {30, 37}}}, // 26
    {{{30, 12}, {28, 25}, {30, 34}, {30, 40}}}, // 27
    {{{30, 13}, {28, 26}, {30, 35}, {30, 42}}}, // 28
    {{{30, 14}, {28, 28}, {30, 38}, {30, 45}}}, // 29
    {{{30, 15}, {28, 29}, {30, 40}, {30, 48}}}, // 30
    {{{30, 16}, {28, 31}, {30, 43}, {30, 51}}}, // 31
    {{{30, 17}, {28, 33}, {30, 45}, {30, 54}}}, // 32
    {{{30, 18}, {28, 35}, {30, 48}, {30, 57}}}, // 33
    {{{30, 19}, {28, 37}, {30, 51}, {30, 60}}}, // 34
    {{{30, 19}, {28, 38}, {30, 53}, {30, 63}}}, // 35
    {{{30, 20}, {28, 40}, {30, 56}, {30, 66}}}, // 36
    {{{30, 21}, {28, 43}, {30, 59}, {30, 70}}}, // 37
    {{{30, 22}, {28, 45}, {30, 62}, {30, 74}}}, // 38
    {{{30, 24}, {28, 47}, {30, 65}, {30, 77}}}, // 39
    {{{30, 25}, {28, 49}, {30, 68}, {30, 81}}}, // 40
}};

const BlockSpec& block_spec(int version, Ecc ecc) {
    return block_table[static_cast<std::size_t>(version - 1)][static_cast<std::size_t>(ecc)];
}

// Codewords a version holds: its data modules (counted off the real layout) over 8; the 0, 3, 4
// or 7 modules left are remainder bits.
int total_codewords(int version) {
    static const std::array<int, max_version + 1> counts = [] {
        std::array<int, max_version + 1> c{};
        for (int v = min_version; v <= max_version; ++v) c[static_cast<std::size_t>(v)] = detail::Symbol(v).data_module_count() / 8;
        return c;
    }();
    return counts[static_cast<std::size_t>(version)];
}

int data_codewords(int version, Ecc ecc) {
    const BlockSpec& spec = block_spec(version, ecc);
    return total_codewords(version) - spec.ec_per_block * spec.blocks;
}

// Bits of the byte-mode character count indicator (§7.4.1, Table 3).
int count_bits(int version) { return version <= 9 ? 8 : 16; }

constexpr int mode_bits = 4;
constexpr int eci_header_bits = 4 + 8; // mode indicator 0111 + a one-byte designator
constexpr std::uint32_t utf8_eci = 26; // ECI 000026: UTF-8

// Bits appended most significant first.
class BitBuffer {
public:
    void append(std::uint32_t value, int count) {
        for (int i = count - 1; i >= 0; --i) m_bits.push_back(((value >> i) & 1u) != 0);
    }
    std::size_t size() const { return m_bits.size(); }
    Bytes to_bytes() const {
        Bytes out((m_bits.size() + 7) / 8, 0);
        for (std::size_t i = 0; i < m_bits.size(); ++i)
            if (m_bits[i]) out[i / 8] = static_cast<std::uint8_t>(out[i / 8] | (0x80u >> (i % 8)));
        return out;
    }

private:
    std::vector<bool> m_bits;
};

// The data codewords of the symbol: header, data, terminator and pad codewords (§7.4.9).
Bytes data_codewords_for(ByteView data, bool eci, int version, Ecc ecc) {
    BitBuffer bits;
    if (eci) {
        bits.append(0b0111, 4);
        bits.append(utf8_eci, 8);
    }
    bits.append(0b0100, mode_bits);
    bits.append(static_cast<std::uint32_t>(data.size()), count_bits(version));
    for (const std::uint8_t byte : data) bits.append(byte, 8);

    const std::size_t capacity = static_cast<std::size_t>(data_codewords(version, ecc)) * 8;
    assert(bits.size() <= capacity);
    bits.append(0, static_cast<int>(std::min<std::size_t>(4, capacity - bits.size()))); // terminator
    bits.append(0, static_cast<int>((8 - bits.size() % 8) % 8));
    Bytes codewords = bits.to_bytes();
    for (bool first = true; codewords.size() < capacity / 8; first = !first) codewords.push_back(first ? 0xEC : 0x11);
    return codewords;
}

// Splits the data into blocks, appends each block's error correction and interleaves (§7.6):
// first the data codewords column by column (the longer blocks' last codeword at the end), then
// the error-correction codewords the same way.
Bytes interleave_with_ec(const Bytes& data, int version, Ecc ecc) {
    const BlockSpec& spec = block_spec(version, ecc);
    const auto blocks = static_cast<std::size_t>(spec.blocks);
    const auto ec_len = static_cast<std::size_t>(spec.ec_per_block);
    const std::size_t short_len = data.size() / blocks;     // data codewords in a short block
    const std::size_t long_blocks = data.size() % blocks;   // the last ones have one more
    std::vector<Bytes> data_blocks;
    std::vector<Bytes> ec_blocks;
    std::size_t pos = 0;
    for (std::size_t b = 0; b < blocks; ++b) {
        const std::size_t len = short_len + (b >= blocks - long_blocks ? 1 : 0);
        data_blocks.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(pos),
                                 data.begin() + static_cast<std::ptrdiff_t>(pos + len));
        ec_blocks.push_back(reed_solomon::remainder(data_blocks.back(), ec_len));
        pos += len;
    }
    Bytes out;
    out.reserve(data.size() + blocks * ec_len);
    for (std::size_t i = 0; i <= short_len; ++i)
        for (const Bytes& block : data_blocks)
            if (i < block.size()) out.push_back(block[i]);
    for (std::size_t i = 0; i < ec_len; ++i)
        for (const Bytes& block : ec_blocks) out.push_back(block[i]);
    return out;
}

const char* level_name(Ecc ecc) {
    switch (ecc) {
    case Ecc::L: return "L";
    case Ecc::M: return "M";
    case Ecc::Q: return "Q";
    case Ecc::H: return "H";
    }
    return "?";
}

Result<QrCode> encode(ByteView data, bool eci, const Options& options) {
    if (options.min_version < min_version || options.max_version > max_version ||
        options.min_version > options.max_version)
        return Error::make(ErrorCode::InvalidInput, "QR code versions must satisfy 1 <= min_version <= max_version <= 40");
    if (options.mask < -1 || options.mask > 7)
        return Error::make(ErrorCode::InvalidInput, "a QR code mask is -1 (automatic) or 0..7");

    int version = options.min_version;
    while (version <= options.max_version && data.size() > byte_capacity(version, options.ecc, eci)) ++version;
    if (version > options.max_version)
        return Error::make(ErrorCode::PayloadTooLarge,
                           std::to_string(data.size()) + " bytes do not fit in a QR code (version " +
                               std::to_string(options.max_version) + ", level " + level_name(options.ecc) +
                               " holds at most " +
                               std::to_string(byte_capacity(options.max_version, options.ecc, eci)) + ")");

    detail::Symbol symbol(version);
    symbol.place(interleave_with_ec(data_codewords_for(data, eci, version, options.ecc), version, options.ecc));

    int best_mask = options.mask;
    if (best_mask < 0) {
        int best_score = 0;
        for (int mask = 0; mask < 8; ++mask) {
            detail::Symbol candidate = symbol;
            candidate.apply_mask(mask);
            candidate.draw_format(options.ecc, mask);
            const int score = penalty(candidate.grid()).total();
            if (best_mask < 0 || score < best_score) {
                best_mask = mask;
                best_score = score;
            }
        }
    }
    symbol.apply_mask(best_mask);
    symbol.draw_format(options.ecc, best_mask);
    return QrCode(symbol.grid(), version, options.ecc, best_mask);
}

bool is_ascii(std::string_view text) {
    for (const char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

} // namespace

ModuleGrid::ModuleGrid(int size) : m_size(size), m_dark(static_cast<std::size_t>(size * size), 0) {
    assert(size >= 0);
}

bool ModuleGrid::get(int x, int y) const {
    assert(x >= 0 && y >= 0 && x < m_size && y < m_size);
    return m_dark[static_cast<std::size_t>(y * m_size + x)] != 0;
}

void ModuleGrid::set(int x, int y, bool dark) {
    assert(x >= 0 && y >= 0 && x < m_size && y < m_size);
    m_dark[static_cast<std::size_t>(y * m_size + x)] = dark ? 1 : 0;
}

std::size_t byte_capacity(int version, Ecc ecc, bool eci) {
    assert(version >= min_version && version <= max_version);
    const int header = (eci ? eci_header_bits : 0) + mode_bits + count_bits(version);
    return static_cast<std::size_t>((data_codewords(version, ecc) * 8 - header) / 8);
}

Result<QrCode> encode_text(std::string_view text, const Options& options) {
    return encode(as_bytes(text), options.utf8_eci && !is_ascii(text), options);
}

Result<QrCode> encode_bytes(ByteView data, const Options& options) { return encode(data, false, options); }

std::string to_svg(const QrCode& code, int quiet_zone) {
    assert(quiet_zone >= 0);
    const int n = code.size();
    const std::string side = std::to_string(n + 2 * quiet_zone);
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side +
                      "\" shape-rendering=\"crispEdges\">"
                      "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
    // One rectangle per horizontal run of dark modules keeps the path short.
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n;) {
            if (!code.get(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < n && code.get(end, y)) ++end;
            svg += "M" + std::to_string(x + quiet_zone) + " " + std::to_string(y + quiet_zone) + "h" +
                   std::to_string(end - x) + "v1h-" + std::to_string(end - x) + "z";
            x = end;
        }
    svg += "\"/></svg>\n";
    return svg;
}

} // namespace mimamori::qr
