// A round trip through a real QR code reader: symbols drawn by mimamori::qr are rendered to an
// image and decoded by zbarimg (Debian package zbar-tools, installed by tools/setup). Native only;
// skipped when zbarimg is not installed.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "mimamori/common/qr.hpp"
#include "mimamori/common/totp.hpp"

namespace qr = mimamori::qr;

namespace {

bool have_zbarimg() { return std::system("command -v zbarimg >/dev/null 2>&1") == 0; }

// A binary PGM image of the symbol: `scale` pixels per module, a 4-module light quiet zone.
std::string write_pgm(const qr::QrCode& code, const std::string& name, int scale = 4) {
    const int quiet = 4;
    const int side = (code.size() + 2 * quiet) * scale;
    std::string pixels(static_cast<std::size_t>(side * side), static_cast<char>(255));
    for (int y = 0; y < code.size(); ++y)
        for (int x = 0; x < code.size(); ++x)
            if (code.get(x, y))
                for (int dy = 0; dy < scale; ++dy)
                    for (int dx = 0; dx < scale; ++dx)
                        pixels[static_cast<std::size_t>(((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx)] = 0;
    const std::string path = testing::TempDir() + "mimamori_qr_" + name + ".pgm";
    std::ofstream out(path, std::ios::binary);
    out << "P5\n" << side << " " << side << "\n255\n" << pixels;
    return path;
}

// What zbarimg reads from the image, as raw bytes (--raw: no charset conversion), or "<error>".
std::string decode(const std::string& path) {
    const std::string command = "zbarimg --quiet --raw -Sdisable -Sqrcode.enable " + path + " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return "<error>";
    std::string out;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    if (pclose(pipe) != 0) return "<error>";
    std::remove(path.c_str());
    if (!out.empty() && out.back() == '\n') out.pop_back(); // zbarimg ends each symbol with a newline
    return out;
}

std::string round_trip(std::string_view text, const qr::Options& options, const std::string& name) {
    auto code = qr::encode_text(text, options);
    if (!code.ok()) return "<encode error: " + code.error().message + ">";
    return decode(write_pgm(*code, name));
}

class QrDecode : public testing::Test {
protected:
    void SetUp() override {
        if (!have_zbarimg()) GTEST_SKIP() << "zbarimg is not installed (Debian package zbar-tools)";
    }
};

} // namespace

TEST_F(QrDecode, OtpauthUriAtEveryLevel) {
    const std::string secret = "12345678901234567890";
    const std::string uri = mimamori::totp::otpauth_uri("みまもり", "yamada.taro", mimamori::as_bytes(secret));
    for (const qr::Ecc ecc : {qr::Ecc::L, qr::Ecc::M, qr::Ecc::Q, qr::Ecc::H}) {
        qr::Options options;
        options.ecc = ecc;
        EXPECT_EQ(round_trip(uri, options, "otpauth"), uri) << "level " << static_cast<int>(ecc);
    }
}

TEST_F(QrDecode, JapaneseTextComesBackExactly) {
    const std::string text = "訪問看護ステーションみまもり　福井市大手３丁目１０−１ ☎ 0776-00-0000";
    EXPECT_EQ(round_trip(text, {}, "japanese"), text);
}

TEST_F(QrDecode, EveryMaskDecodes) {
    for (int mask = 0; mask < 8; ++mask) {
        qr::Options options;
        options.mask = mask;
        EXPECT_EQ(round_trip("mask test 見守り", options, "mask"), "mask test 見守り") << "mask " << mask;
    }
}

TEST_F(QrDecode, EveryVersionAndLevelAtFullCapacity) {
    // Each symbol filled to the last byte, so every block and the interleaving are exercised.
    for (int version = 1; version <= 40; ++version)
        for (const qr::Ecc ecc : {qr::Ecc::L, qr::Ecc::M, qr::Ecc::Q, qr::Ecc::H}) {
            std::string text;
            for (std::size_t i = 0; text.size() < qr::byte_capacity(version, ecc); ++i)
                text += static_cast<char>('!' + static_cast<char>(i * 7 % 90));
            qr::Options options;
            options.ecc = ecc;
            auto code = qr::encode_text(text, options);
            ASSERT_TRUE(code.ok());
            ASSERT_EQ(code->version(), version);
            EXPECT_EQ(decode(write_pgm(*code, "v" + std::to_string(version), 3)), text)
                << "version " << version << " level " << static_cast<int>(ecc);
        }
}
