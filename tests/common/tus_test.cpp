// tus 1.0 headers and the server's checks (tus.hpp).
#include <gtest/gtest.h>

#include "mimamori/common/base64url.hpp"
#include "mimamori/common/tus.hpp"

using namespace mimamori;

namespace {

tus::Metadata parse_ok(std::string_view header) {
    auto r = tus::parse_metadata(header);
    EXPECT_TRUE(r.ok()) << header << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : tus::Metadata{};
}

} // namespace

TEST(Tus, ResumableVersion) {
    EXPECT_TRUE(tus::check_resumable("1.0.0").ok());
    for (std::string_view bad : {"", "0.2.2", "1.0", "1.0.0 ", "2.0.0"}) {
        auto r = tus::check_resumable(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().field, "Tus-Resumable");
    }
    EXPECT_EQ(tus::checksum_algorithms, "sha1,sha256");
}

TEST(Tus, OffsetsAndLengths) {
    EXPECT_EQ(*tus::parse_offset("0"), 0u);
    EXPECT_EQ(*tus::parse_offset("5242880"), 5242880u);
    EXPECT_EQ(*tus::parse_length("9223372036854775807"), 9223372036854775807u);
    for (std::string_view bad : {"", "-1", "+1", " 1", "1 ", "1.0", "0x10", "9223372036854775808", "99999999999999999999"}) {
        EXPECT_FALSE(tus::parse_offset(bad).ok()) << bad;
        auto r = tus::parse_length(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().field, "Upload-Length");
    }
}

TEST(Tus, MetadataAsTusClientsSendIt) {
    // tus-js-client: "filename <b64>,filetype <b64>,patient <b64>"; a key alone has no value.
    const std::string header = "filename " + encoding::base64_encode(as_bytes("褥瘡の写真 2024.jpg")) +
                               ",filetype aW1hZ2UvanBlZw==, patient MTIz ,is_confidential";
    const auto md = parse_ok(header);
    ASSERT_EQ(md.entries().size(), 4u);
    EXPECT_EQ(md.find("filename")->value, "褥瘡の写真 2024.jpg");
    EXPECT_EQ(md.find("filetype")->value, "image/jpeg");
    EXPECT_EQ(md.find("patient")->value, "123");
    EXPECT_EQ(md.find("is_confidential")->value, std::nullopt);
    EXPECT_EQ(md.find("missing"), nullptr);
    EXPECT_EQ(*md.required_text("filename"), "褥瘡の写真 2024.jpg");
    EXPECT_EQ(md.required_text("is_confidential").error().field, "is_confidential");
    EXPECT_EQ(md.required_text("missing").error().field, "missing");
    EXPECT_FALSE(md.required_text("filename", 10).ok());
    EXPECT_TRUE(parse_ok("").entries().empty());
    EXPECT_EQ(parse_ok("key ").find("key")->value, std::nullopt); // an empty value as tus-js-client writes it
}

TEST(Tus, MetadataRoundTrip) {
    tus::Metadata md;
    md.set("filename", "ガーゼ交換.mp4");
    md.set("patient", "42");
    md.set("flag", std::nullopt);
    md.set("patient", "43"); // replaces
    const std::string header = tus::format_metadata(md);
    EXPECT_EQ(header.find(' ', header.find("flag")), std::string::npos);
    EXPECT_EQ(parse_ok(header), md);
}

TEST(Tus, MalformedMetadata) {
    const auto bad = [](std::string_view header) {
        auto r = tus::parse_metadata(header);
        EXPECT_FALSE(r.ok()) << header;
        if (!r.ok()) {
            EXPECT_EQ(r.error().field, "Upload-Metadata") << header;
            EXPECT_EQ(r.error().code, ErrorCode::InvalidInput) << header;
        }
        return r.ok() ? std::string() : r.error().message;
    };
    EXPECT_NE(bad("filename YQ==,filename Yg==").find("repeats the key filename"), std::string::npos);
    EXPECT_NE(bad("filename YQ").find("filename"), std::string::npos); // unpadded
    bad("filename YQ==,,patient MQ==");
    bad(",filename YQ==");
    bad("filename YQ==,");
    bad("filename  YQ==");        // two spaces
    bad("filename YQ== extra");
    bad("filename -_8=");         // the URL-safe alphabet
    bad("filename Y*==");
    bad("fíle YQ==");             // a non-ASCII key
    bad("file\tname YQ==");
    bad(std::string(65, 'k'));
    std::string many;
    for (int i = 0; i < 33; ++i) many += (i ? ",k" : "k") + std::to_string(i);
    bad(many);
    bad("k " + std::string(8200, 'A'));
}

TEST(Tus, Checksums) {
    const std::string chunk = "abc";
    const std::string sha1 = tus::format_checksum(tus::ChecksumAlgorithm::Sha1, as_bytes(chunk));
    EXPECT_EQ(sha1, "sha1 qZk+NkcGgWq6PiVxeFDCbJzQ2J0="); // SHA-1("abc") = a9993e36...
    const std::string sha256 = tus::format_checksum(tus::ChecksumAlgorithm::Sha256, as_bytes(chunk));
    EXPECT_EQ(sha256, "sha256 ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    for (const std::string& header : {sha1, sha256}) {
        auto parsed = tus::parse_checksum(header);
        ASSERT_TRUE(parsed.ok()) << header;
        // Fed in pieces, as the server reads a chunk.
        tus::Checksummer good(parsed->algorithm);
        good.update(as_bytes("a"));
        good.update(as_bytes("bc"));
        EXPECT_TRUE(good.matches(*parsed));
        tus::Checksummer corrupted(parsed->algorithm);
        corrupted.update(as_bytes("abd"));
        EXPECT_FALSE(corrupted.matches(*parsed));
    }
    tus::Checksummer other(tus::ChecksumAlgorithm::Sha256);
    other.update(as_bytes(chunk));
    EXPECT_FALSE(other.matches(*tus::parse_checksum(sha1))); // a different algorithm never matches
}

TEST(Tus, MalformedChecksums) {
    for (std::string_view bad : {"md5 kAFQmDzST7DWlj99KOF/cg==", "sha1", "sha1 ", "sha1 qZk+NkcGgWq6PiVxeFDCbJzQ2J0",
                                 "sha1 ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", "SHA1 qZk+NkcGgWq6PiVxeFDCbJzQ2J0=", ""}) {
        auto r = tus::parse_checksum(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().field, "Upload-Checksum");
    }
    EXPECT_NE(tus::parse_checksum("md5 x").error().message.find("sha1,sha256"), std::string::npos);
}

TEST(Tus, ServerChecksOfCreation) {
    EXPECT_TRUE(tus::check_new_upload(1, 2'000'000'000).ok());
    EXPECT_TRUE(tus::check_new_upload(2'000'000'000, 2'000'000'000).ok());
    EXPECT_EQ(tus::check_new_upload(0, 2'000'000'000).error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(tus::check_new_upload(2'000'000'001, 2'000'000'000).error().code, ErrorCode::PayloadTooLarge);
}

TEST(Tus, ServerChecksOfAPatch) {
    EXPECT_TRUE(tus::check_patch(0, 100, 0, 100).ok());
    EXPECT_TRUE(tus::check_patch(40, 100, 40, 60).ok());
    EXPECT_TRUE(tus::check_patch(40, 100, 40, std::nullopt).ok());
    // A chunk repeated, out of order, past the end, or after completion.
    EXPECT_EQ(tus::check_patch(40, 100, 0, 40).error().code, ErrorCode::Conflict);
    EXPECT_EQ(tus::check_patch(40, 100, 80, 20).error().code, ErrorCode::Conflict);
    EXPECT_EQ(tus::check_patch(40, 100, 40, 61).error().code, ErrorCode::PayloadTooLarge);
    EXPECT_EQ(tus::check_patch(100, 100, 100, 0).error().code, ErrorCode::Conflict);
    EXPECT_TRUE(tus::check_patch_content_type("application/offset+octet-stream").ok());
    EXPECT_TRUE(tus::check_patch_content_type("Application/Offset+Octet-Stream; charset=x").ok());
    EXPECT_EQ(tus::check_patch_content_type("application/octet-stream").error().code, ErrorCode::UnsupportedMediaType);
    EXPECT_EQ(tus::check_patch_content_type("").error().code, ErrorCode::UnsupportedMediaType);
}
