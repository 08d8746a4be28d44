// The QR encoder against ISO/IEC 18004's fixed structures and tables. A decoding round trip with
// a real reader is in qr_decode_test.cpp (native only).
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "mimamori/common/qr.hpp"

namespace qr = mimamori::qr;
using mimamori::as_bytes;
using mimamori::Bytes;
using mimamori::ErrorCode;

namespace {

constexpr qr::Ecc levels[] = {qr::Ecc::L, qr::Ecc::M, qr::Ecc::Q, qr::Ecc::H};

qr::QrCode encode(std::string_view text, qr::Ecc ecc = qr::Ecc::M, int mask = -1) {
    qr::Options options;
    options.ecc = ecc;
    options.mask = mask;
    auto r = qr::encode_text(text, options);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return std::move(r).value();
}

// The 15 format bits as read from the copy around the upper-left finder (bit 14 first).
std::uint32_t read_format_upper_left(const qr::QrCode& c) {
    std::uint32_t bits = 0;
    for (int x = 0; x <= 5; ++x) bits = bits << 1 | c.get(x, 8);  // bits 14..9
    bits = bits << 1 | c.get(7, 8);                               // 8
    bits = bits << 1 | c.get(8, 8);                               // 7
    bits = bits << 1 | c.get(8, 7);                               // 6
    for (int y = 5; y >= 0; --y) bits = bits << 1 | c.get(8, y);  // 5..0
    return bits;
}

// The copy split between the lower-left and upper-right finders.
std::uint32_t read_format_split(const qr::QrCode& c) {
    const int n = c.size();
    std::uint32_t bits = 0;
    for (int y = n - 1; y >= n - 7; --y) bits = bits << 1 | c.get(8, y); // 14..8
    for (int x = n - 8; x <= n - 1; ++x) bits = bits << 1 | c.get(x, 8); // 7..0
    return bits;
}

// The 18 version bits of the block above the lower-left finder and of the one left of the
// upper-right finder (bit 17 first).
std::pair<std::uint32_t, std::uint32_t> read_version(const qr::QrCode& c) {
    const int n = c.size();
    std::uint32_t lower_left = 0;
    std::uint32_t upper_right = 0;
    for (int i = 17; i >= 0; --i) {
        lower_left = lower_left << 1 | c.get(i / 3, n - 11 + i % 3);
        upper_right = upper_right << 1 | c.get(n - 11 + i % 3, i / 3);
    }
    return {lower_left, upper_right};
}

void expect_finder(const qr::QrCode& c, int left, int top) {
    for (int dy = -1; dy <= 7; ++dy)
        for (int dx = -1; dx <= 7; ++dx) {
            const int x = left + dx, y = top + dy;
            if (x < 0 || y < 0 || x >= c.size() || y >= c.size()) continue;
            const int ring = std::max(std::abs(dx - 3), std::abs(dy - 3));
            EXPECT_EQ(c.get(x, y), ring != 2 && ring != 4) << "finder at " << left << "," << top << ": " << x << "," << y;
        }
}

qr::ModuleGrid grid_from(const std::vector<std::string>& rows) {
    qr::ModuleGrid g(static_cast<int>(rows.size()));
    for (int y = 0; y < g.size(); ++y)
        for (int x = 0; x < g.size(); ++x) g.set(x, y, rows[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)] == '#');
    return g;
}

} // namespace

TEST(Qr, FinderTimingAndDarkModule) {
    for (const std::string& text : {std::string("a"), std::string("otpauth://totp/Mimamori:yamada?secret=ABC"),
                                    std::string(400, 'x')}) {
        const qr::QrCode c = encode(text);
        const int n = c.size();
        EXPECT_EQ(n, 17 + 4 * c.version());
        expect_finder(c, 0, 0);
        expect_finder(c, n - 7, 0);
        expect_finder(c, 0, n - 7);
        for (int i = 8; i < n - 8; ++i) {
            EXPECT_EQ(c.get(i, 6), i % 2 == 0) << "horizontal timing at " << i;
            EXPECT_EQ(c.get(6, i), i % 2 == 0) << "vertical timing at " << i;
        }
        EXPECT_TRUE(c.get(8, n - 8)) << "dark module";
    }
}

TEST(Qr, AlignmentPatterns) {
    const auto expect_alignment = [](const qr::QrCode& c, int cx, int cy) {
        for (int dy = -2; dy <= 2; ++dy)
            for (int dx = -2; dx <= 2; ++dx)
                EXPECT_EQ(c.get(cx + dx, cy + dy), std::max(std::abs(dx), std::abs(dy)) != 1) << cx << "," << cy;
    };
    qr::Options v2;
    v2.min_version = 2;
    expect_alignment(qr::encode_text("x", v2).value(), 18, 18);
    qr::Options v7;
    v7.min_version = 7;
    const auto c7 = qr::encode_text("x", v7).value();
    for (const int a : {6, 22, 38})
        for (const int b : {6, 22, 38})
            if (!((a == 6 && b == 6) || (a == 6 && b == 38) || (a == 38 && b == 6))) expect_alignment(c7, a, b);
    qr::Options v40;
    v40.min_version = 40;
    const auto c40 = qr::encode_text("x", v40).value();
    EXPECT_EQ(c40.size(), 177);
    expect_alignment(c40, 170, 170);
    expect_alignment(c40, 86, 142);
    expect_alignment(c40, 6, 114);
}

TEST(Qr, FormatInformationOfEveryLevelAndMask) {
    // ISO/IEC 18004 Annex C, Table C.1: the masked format information sequences.
    const std::map<qr::Ecc, std::array<std::uint32_t, 8>> table = {
        {qr::Ecc::L, {0x77C4, 0x72F3, 0x7DAA, 0x789D, 0x662F, 0x6318, 0x6C41, 0x6976}},
        {qr::Ecc::M, {0x5412, 0x5125, 0x5E7C, 0x5B4B, 0x45F9, 0x40CE, 0x4F97, 0x4AA0}},
        {qr::Ecc::Q, {0x355F, 0x3068, 0x3F31, 0x3A06, 0x24B4, 0x2183, 0x2EDA, 0x2BED}},
        {qr::Ecc::H, {0x1689, 0x13BE, 0x1CE7, 0x19D0, 0x0762, 0x0255, 0x0D0C, 0x083B}},
    };
    for (const auto& [ecc, sequences] : table)
        for (int mask = 0; mask < 8; ++mask) {
            const qr::QrCode c = encode("MIMAMORI", ecc, mask);
            EXPECT_EQ(c.mask(), mask);
            EXPECT_EQ(read_format_upper_left(c), sequences[static_cast<std::size_t>(mask)]) << "mask " << mask;
            EXPECT_EQ(read_format_split(c), sequences[static_cast<std::size_t>(mask)]) << "mask " << mask;
        }
    // The standard's worked example: level M, mask 101 gives 100000011001110.
    EXPECT_EQ(read_format_upper_left(encode("x", qr::Ecc::M, 5)), 0b100000011001110u);
}

TEST(Qr, VersionInformationFromVersion7) {
    // Annex D, Table D.1.
    const std::map<int, std::uint32_t> table = {
        {7, 0x07C94}, {8, 0x085BC}, {9, 0x09A99}, {10, 0x0A4D3}, {21, 0x15683}, {40, 0x28C69}};
    for (const auto& [version, bits] : table) {
        qr::Options options;
        options.min_version = version;
        const auto c = qr::encode_text("x", options).value();
        ASSERT_EQ(c.version(), version);
        const auto [lower_left, upper_right] = read_version(c);
        EXPECT_EQ(lower_left, bits) << version;
        EXPECT_EQ(upper_right, bits) << version;
    }
}

TEST(Qr, ByteCapacitiesOfTable7) {
    // ISO/IEC 18004 Table 7, byte mode, levels L M Q H.
    const std::map<int, std::array<std::size_t, 4>> table = {
        {1, {17, 14, 11, 7}},       {2, {32, 26, 20, 14}},     {3, {53, 42, 32, 24}},
        {4, {78, 62, 46, 34}},      {5, {106, 84, 60, 44}},    {6, {134, 106, 74, 58}},
        {7, {154, 122, 86, 64}},    {8, {192, 152, 108, 84}},  {9, {230, 180, 130, 98}},
        {10, {271, 213, 151, 119}}, {20, {858, 666, 482, 382}}, {27, {1465, 1125, 805, 625}},
        {40, {2953, 2331, 1663, 1273}},
    };
    for (const auto& [version, capacities] : table)
        for (std::size_t l = 0; l < 4; ++l)
            EXPECT_EQ(qr::byte_capacity(version, levels[l]), capacities[l]) << "version " << version << " level " << l;
    // An ECI header takes 12 bits: one or two bytes, depending on the spare bits.
    EXPECT_EQ(qr::byte_capacity(1, qr::Ecc::L, true), 16u);    // (152 - 24) / 8
    EXPECT_EQ(qr::byte_capacity(2, qr::Ecc::L, true), 31u);    // (272 - 24) / 8: just one byte less
    EXPECT_EQ(qr::byte_capacity(40, qr::Ecc::L, true), 2952u); // (23648 - 32) / 8
}

TEST(Qr, VersionIsTheSmallestThatFitsAtEveryBoundary) {
    for (const qr::Ecc ecc : levels)
        for (int version = 1; version <= 40; ++version) {
            const std::size_t capacity = qr::byte_capacity(version, ecc);
            qr::Options options;
            options.ecc = ecc;
            options.mask = 0; // the mask does not matter here; skip the search
            auto fits = qr::encode_bytes(Bytes(capacity, 0x41), options);
            ASSERT_TRUE(fits.ok());
            EXPECT_EQ(fits->version(), version) << "level " << static_cast<int>(ecc);
            auto overflows = qr::encode_bytes(Bytes(capacity + 1, 0x41), options);
            if (version < 40) {
                ASSERT_TRUE(overflows.ok());
                EXPECT_EQ(overflows->version(), version + 1);
            } else {
                ASSERT_FALSE(overflows.ok());
                EXPECT_EQ(overflows.error().code, ErrorCode::PayloadTooLarge);
            }
        }
}

TEST(Qr, RefusesDataThatDoesNotFitWithAMessage) {
    auto r = qr::encode_bytes(Bytes(2954, 0), {qr::Ecc::L});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::PayloadTooLarge);
    EXPECT_NE(r.error().message.find("2954 bytes"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("at most 2953"), std::string::npos) << r.error().message;

    qr::Options small;
    small.ecc = qr::Ecc::H;
    small.max_version = 5;
    EXPECT_TRUE(qr::encode_bytes(Bytes(44, 0), small).ok());
    EXPECT_EQ(qr::encode_bytes(Bytes(45, 0), small).error().code, ErrorCode::PayloadTooLarge);
}

TEST(Qr, RefusesOptionsOutOfRange) {
    for (const auto& [min, max, mask] : {std::tuple{0, 40, -1}, {1, 41, -1}, {10, 9, -1}, {1, 40, 8}, {1, 40, -2}}) {
        qr::Options options;
        options.min_version = min;
        options.max_version = max;
        options.mask = mask;
        auto r = qr::encode_text("x", options);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    }
}

TEST(Qr, Utf8EciOnlyForNonAsciiText) {
    // A 1-L symbol holds 16 bytes after the ECI header, 17 without it.
    const std::string five_kanji = "見守り看護"; // 15 bytes
    qr::Options l;
    l.ecc = qr::Ecc::L;
    EXPECT_EQ(qr::encode_text(five_kanji + "a", l)->version(), 1);
    EXPECT_EQ(qr::encode_text(five_kanji + "ab", l)->version(), 2);
    l.utf8_eci = false;
    EXPECT_EQ(qr::encode_text(five_kanji + "ab", l)->version(), 1); // 17 bytes without the header
    l.utf8_eci = true;
    EXPECT_EQ(qr::encode_text(std::string(17, 'a'), l)->version(), 1); // ASCII: no header
}

TEST(Qr, EmptyTextIsAValidSymbol) {
    const auto c = qr::encode_text("").value();
    EXPECT_EQ(c.version(), 1);
}

TEST(Qr, AutomaticMaskHasTheLowestPenalty) {
    for (const std::string_view text : {"otpauth://totp/Mimamori:yamada.taro?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                                        "&issuer=Mimamori&algorithm=SHA1&digits=6&period=30",
                                        "訪問看護ステーション", "0000000000000000000000000000"}) {
        const qr::QrCode best = encode(text, qr::Ecc::M);
        const int best_score = qr::penalty(best.modules()).total();
        for (int mask = 0; mask < 8; ++mask) {
            const qr::QrCode forced = encode(text, qr::Ecc::M, mask);
            EXPECT_LE(best_score, qr::penalty(forced.modules()).total()) << text << " mask " << mask;
            if (mask == best.mask()) EXPECT_EQ(forced.modules(), best.modules());
            else EXPECT_NE(forced.modules(), best.modules());
        }
    }
}

TEST(Qr, SameInputSameSymbol) {
    EXPECT_EQ(encode("stable").modules(), encode("stable").modules());
    EXPECT_NE(encode("stable").modules(), encode("stablf").modules());
}

TEST(QrPenalty, Runs) {
    // Rows and columns each scored: a run of 5 scores 3, each module beyond adds 1.
    const auto all_light = qr::penalty(qr::ModuleGrid(11));
    EXPECT_EQ(all_light.runs, 22 * (3 + 6));
    EXPECT_EQ(all_light.blocks, 10 * 10 * 3);
    EXPECT_EQ(all_light.finder_like, 0);
    EXPECT_EQ(all_light.balance, 100);
    EXPECT_EQ(all_light.total(), 198 + 300 + 100);

    const auto g = grid_from({"####.", ".#.#.", "#.#.#", ".#.#.", "#.#.#"}); // a run of 4: nothing
    EXPECT_EQ(qr::penalty(g).runs, 0);
    const auto g5 = grid_from({"#####", ".#.#.", "#.#.#", ".#.#.", "#.#.#"});
    EXPECT_EQ(qr::penalty(g5).runs, 3);
}

TEST(QrPenalty, BlocksAndBalance) {
    EXPECT_EQ(qr::penalty(grid_from({"#.#.#", ".#.#.", "#.#.#", ".#.#.", "#.#.#"})).total(), 0); // checkerboard
    const auto square = grid_from({"##.#.", "##.#.", "#.#.#", ".#.#.", "#.#.#"});
    EXPECT_EQ(qr::penalty(square).blocks, 3);
    // 10x10 grids with 50, 45 and 40 dark modules.
    for (const auto& [dark, score] : {std::pair{50, 0}, {47, 0}, {45, 10}, {40, 20}, {0, 100}}) {
        qr::ModuleGrid grid(10);
        for (int i = 0; i < dark; ++i) grid.set(i % 10, i / 10, true);
        EXPECT_EQ(qr::penalty(grid).balance, score) << dark;
    }
}

TEST(QrPenalty, FinderLikePatterns) {
    // A light grid with one row set: no column can hold the pattern, so only that row scores.
    const auto score_of_row = [](std::string row) {
        std::vector<std::string> rows(11, std::string(11, '.'));
        rows[5] = std::move(row);
        return qr::penalty(grid_from(rows)).finder_like;
    };
    EXPECT_EQ(score_of_row("..........."), 0);
    EXPECT_EQ(score_of_row("#.###.#...."), 40); // followed by four light modules
    EXPECT_EQ(score_of_row("....#.###.#"), 40); // preceded by four light modules
    EXPECT_EQ(score_of_row("#.#.###.#.#"), 0);  // dark modules within four on both sides
    EXPECT_EQ(score_of_row("..#.###.#.#"), 40); // the light quiet zone outside counts as light
    EXPECT_EQ(score_of_row("#.##.##.#.#"), 0);  // not 1:1:3:1:1
    // Vertically the same.
    std::vector<std::string> rows(11, std::string(11, '.'));
    for (const int y : {0, 2, 3, 4, 6}) rows[static_cast<std::size_t>(y)][3] = '#';
    EXPECT_EQ(qr::penalty(grid_from(rows)).finder_like, 40);
}

TEST(QrSvg, DrawsEveryDarkModuleAndNothingElse) {
    const qr::QrCode c = encode("otpauth://totp/%E3%81%BF:a?secret=AB");
    const std::string svg = qr::to_svg(c);
    const int side = c.size() + 8;
    EXPECT_NE(svg.find("viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) + "\""), std::string::npos);
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    // Paint the path's rectangles back onto a grid and compare.
    qr::ModuleGrid painted(c.size());
    const std::regex rect("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
    for (std::sregex_iterator it(svg.begin(), svg.end(), rect), end; it != end; ++it) {
        const int x = std::stoi((*it)[1]) - 4, y = std::stoi((*it)[2]) - 4, w = std::stoi((*it)[3]);
        ASSERT_EQ(w, std::stoi((*it)[4]));
        for (int i = 0; i < w; ++i) {
            ASSERT_FALSE(painted.get(x + i, y)) << "painted twice";
            painted.set(x + i, y, true);
        }
    }
    EXPECT_EQ(painted, c.modules());
    EXPECT_NE(qr::to_svg(c, 0).find("viewBox=\"0 0 " + std::to_string(c.size())), std::string::npos);
}
