// Family files in upload chunks (FileUploadEncoder): the chunks a browser sends through tus put
// together are exactly the file stream format, so the server stores an ordinary stream that
// FileDecryptor reads; chunks come in order once each; tampered, truncated and foreign streams
// and wrong keys are refused. Cross-build: data/family_upload_vectors.json holds one stream made
// by the native build and one made by the wasm build (each regenerates only its own entry), and
// both builds must decrypt both.
//
// To regenerate a build's entry (only when the format changes on purpose):
//     MIMAMORI_REGENERATE_UPLOAD_VECTORS=1 <that build's common_tests> --gtest_filter='FamilyUploadVectors.*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

#include "family_test_support.hpp"
#include "mimamori/common/base64url.hpp"
#include "mimamori/common/family_crypto/file_stream.hpp"
#include "mimamori/common/family_crypto/memo_content.hpp"
#include "mimamori/common/tus_upload.hpp"

namespace fc = mimamori::family_crypto;
using mimamori::Bytes;
using mimamori::ByteView;
using mimamori::ErrorCode;
using mimamori::Json;
using namespace family_test;

namespace {

constexpr std::size_t piece = fc::file_chunk_size;

// The whole upload of `plaintext` in chunks of `plain_chunk` bytes, concatenated.
Bytes upload_stream(const fc::FileKey& key, ByteView plaintext, std::uint64_t plain_chunk,
                    std::vector<std::size_t>* chunk_sizes = nullptr) {
    auto enc = fc::FileUploadEncoder::make(key, plain_chunk);
    EXPECT_TRUE(enc.ok());
    Bytes out;
    const std::size_t chunks = plaintext.empty() ? 1 : (plaintext.size() + plain_chunk - 1) / plain_chunk;
    for (std::size_t i = 0; i < chunks; ++i) {
        const std::size_t at = i * plain_chunk;
        const auto part = plaintext.subspan(at, std::min<std::size_t>(plain_chunk, plaintext.size() - at));
        auto encoded = enc->encode(i, part, i + 1 == chunks);
        EXPECT_TRUE(encoded.ok()) << i << ": " << (encoded.ok() ? "" : encoded.error().message);
        if (!encoded.ok()) return {};
        EXPECT_EQ(encoded->size(), fc::FileUploadEncoder::encoded_chunk_size(i, part.size())) << i;
        if (chunk_sizes) chunk_sizes->push_back(encoded->size());
        out.insert(out.end(), encoded->begin(), encoded->end());
    }
    return out;
}

} // namespace

TEST(FamilyFileUpload, ChunksPutTogetherAreTheFileStreamFormat) {
    const auto key = fc::FileKey::random();
    for (const std::uint64_t plain_chunk : {piece, 2 * piece, 5 * piece}) {
        for (const std::size_t size : {std::size_t{1}, piece - 1, piece, piece + 1, 2 * piece, 4 * piece + 3,
                                       5 * piece, 11 * piece + 17}) {
            const Bytes plaintext = pattern(size);
            const Bytes stream = upload_stream(key, plaintext, plain_chunk);
            EXPECT_EQ(stream.size(), fc::encrypted_file_size(size)) << plain_chunk << "/" << size;
            auto back = fc::decrypt_file(key, stream);
            ASSERT_TRUE(back.ok()) << plain_chunk << "/" << size << ": " << back.error().message;
            EXPECT_EQ(*back, plaintext);
        }
    }
    // An empty file: the header and one empty final piece, as encrypt_file() writes it.
    const Bytes empty = upload_stream(key, {}, piece);
    EXPECT_EQ(empty.size(), fc::encrypted_file_size(0));
    EXPECT_TRUE(fc::decrypt_file(key, empty).value().empty());
}

TEST(FamilyFileUpload, ChunkSizesFitTusWithTheHeaderInTheFirstChunk) {
    const auto key = fc::FileKey::random();
    const std::uint64_t plain_chunk = 2 * piece;
    const std::size_t size = 5 * piece + 100;
    std::vector<std::size_t> sizes;
    const Bytes stream = upload_stream(key, pattern(size), plain_chunk, &sizes);
    // What the upload queue gives tus: every chunk the same wire size, the first one the header more.
    const std::uint64_t wire_chunk = fc::FileUploadEncoder::encoded_chunk_size(1, plain_chunk);
    auto up = mimamori::tus::Upload::start(stream.size(), wire_chunk, {}, fc::file_header_size);
    ASSERT_TRUE(up.ok());
    up->created(0);
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        const auto chunk = up->next_chunk();
        EXPECT_EQ(chunk.length, sizes[i]) << i;
        up->sent(chunk.offset + chunk.length, 1);
    }
    EXPECT_EQ(up->step(), mimamori::tus::Upload::Step::Done);
}

TEST(FamilyFileUpload, PlainChunkSizesAreWholePieces) {
    EXPECT_EQ(fc::FileUploadEncoder::plain_chunk_size_for(0), piece);
    EXPECT_EQ(fc::FileUploadEncoder::plain_chunk_size_for(1), piece);
    EXPECT_EQ(fc::FileUploadEncoder::plain_chunk_size_for(piece), piece);
    EXPECT_EQ(fc::FileUploadEncoder::plain_chunk_size_for(5u << 20), 5u << 20);
    EXPECT_EQ(fc::FileUploadEncoder::plain_chunk_size_for(piece + 1), 2 * piece);
    const auto key = fc::FileKey::random();
    EXPECT_FALSE(fc::FileUploadEncoder::make(key, 0).ok());
    EXPECT_FALSE(fc::FileUploadEncoder::make(key, piece + 1).ok());
    EXPECT_TRUE(fc::FileUploadEncoder::make(key, 3 * piece).ok());
}

TEST(FamilyFileUpload, ChunksComeInOrderOnceEach) {
    const auto key = fc::FileKey::random();
    auto enc = fc::FileUploadEncoder::make(key, piece).value();
    const Bytes data = pattern(3 * piece);
    const ByteView all(data);
    EXPECT_EQ(enc.encode(1, all.subspan(0, piece), false).error().code, ErrorCode::Conflict); // skipped 0
    ASSERT_TRUE(enc.encode(0, all.subspan(0, piece), false).ok());
    EXPECT_EQ(enc.encode(0, all.subspan(0, piece), false).error().code, ErrorCode::Conflict); // again
    // A chunk that is not the last must be whole; the last may not be longer than a chunk.
    EXPECT_EQ(enc.encode(1, all.subspan(0, piece - 1), false).error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(enc.encode(1, all.subspan(0, piece + 1), true).error().code, ErrorCode::InvalidInput);
    ASSERT_TRUE(enc.encode(1, all.subspan(piece, piece), false).ok());
    ASSERT_TRUE(enc.encode(2, all.subspan(2 * piece, 10), true).ok());
    EXPECT_EQ(enc.encode(3, all.subspan(0, 1), true).error().code, ErrorCode::Conflict); // after the end
}

TEST(FamilyFileUpload, RestartBeginsANewStreamThatDecryptsAlone) {
    const auto key = fc::FileKey::random();
    auto enc = fc::FileUploadEncoder::make(key, piece).value();
    const Bytes data = pattern(piece + 5);
    const ByteView all(data);
    const Bytes first = enc.encode(0, all.subspan(0, piece), false).value();
    enc.restart(); // the server lost the upload: from chunk 0 again
    Bytes again = enc.encode(0, all.subspan(0, piece), false).value();
    EXPECT_NE(again, first); // a new header, a new stream
    const Bytes tail = enc.encode(1, all.subspan(piece), true).value();
    again.insert(again.end(), tail.begin(), tail.end());
    EXPECT_EQ(fc::decrypt_file(key, again).value(), data);
    // The old first chunk with the new stream's tail is refused.
    Bytes mixed = first;
    mixed.insert(mixed.end(), tail.begin(), tail.end());
    EXPECT_FALSE(fc::decrypt_file(key, mixed).ok());
}

TEST(FamilyFileUpload, TamperedTruncatedAndWrongKeyAreRefused) {
    const auto key = fc::FileKey::random();
    const Bytes plaintext = pattern(3 * piece + 9);
    const Bytes stream = upload_stream(key, plaintext, 2 * piece);
    // A byte of the second piece altered.
    Bytes tampered = stream;
    tampered[fc::file_header_size + piece + fc::file_chunk_overhead + 100] ^= 0x01;
    EXPECT_FALSE(fc::decrypt_file(key, tampered).ok());
    // Cut after the second upload chunk (two whole pieces: no final tag).
    Bytes cut(stream.begin(), stream.begin() + static_cast<std::ptrdiff_t>(fc::file_header_size +
                                                                          2 * (piece + fc::file_chunk_overhead)));
    auto truncated = fc::decrypt_file(key, cut);
    ASSERT_FALSE(truncated.ok());
    EXPECT_NE(truncated.error().message.find("incomplete"), std::string::npos) << truncated.error().message;
    // The second upload chunk dropped (the server cannot splice chunks out either).
    Bytes spliced(stream.begin(), stream.begin() + static_cast<std::ptrdiff_t>(fc::file_header_size + piece +
                                                                              fc::file_chunk_overhead));
    spliced.insert(spliced.end(),
                   stream.begin() + static_cast<std::ptrdiff_t>(fc::file_header_size + 2 * (piece + fc::file_chunk_overhead)),
                   stream.end());
    EXPECT_FALSE(fc::decrypt_file(key, spliced).ok());
    EXPECT_FALSE(fc::decrypt_file(fc::FileKey::random(), stream).ok());
    EXPECT_EQ(fc::decrypt_file(key, stream).value(), plaintext);
}

// ---- cross-build vectors ----

namespace {

#ifdef __EMSCRIPTEN__
constexpr const char* this_build = "wasm";
// Emscripten's getenv() does not see Node's environment.
bool regenerate_requested() {
    return EM_ASM_INT({
        return typeof process !== 'undefined' && process.env.MIMAMORI_REGENERATE_UPLOAD_VECTORS === '1' ? 1 : 0;
    }) == 1;
}
#else
constexpr const char* this_build = "native";
bool regenerate_requested() {
    const char* regenerate = std::getenv("MIMAMORI_REGENERATE_UPLOAD_VECTORS");
    return regenerate != nullptr && std::string(regenerate) == "1";
}
#endif
constexpr std::size_t vector_size = 3 * piece + 1234; // 4 pieces in 2 upload chunks of 2 pieces

fc::FileKey vector_key() {
    std::array<std::uint8_t, 32> k{};
    k.fill(0x5e);
    return fc::FileKey::from_bytes(k).value();
}

Json read_vectors() {
    std::ifstream in(MIMAMORI_FAMILY_UPLOAD_VECTORS);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = mimamori::json::parse(text.str());
    return parsed.ok() && parsed->is_object() ? *parsed : Json::object();
}

} // namespace

TEST(FamilyUploadVectors, BothBuildsStreamsDecryptHere) {
    if (regenerate_requested()) {
        Json all = read_vectors();
        all["about"] = "Family file uploads made by each build (tests/common/family_file_upload_test.cpp): "
                       "the pattern of family_test_support.hpp, 0x5e-filled key, 128 KiB upload chunks, base64url.";
        all[this_build] = mimamori::encoding::base64url_encode(upload_stream(vector_key(), pattern(vector_size), 2 * piece));
        std::ofstream(MIMAMORI_FAMILY_UPLOAD_VECTORS) << all.dump(2) << "\n";
    }
    const Json vectors = read_vectors();
    for (const char* build : {"native", "wasm"}) {
        ASSERT_TRUE(vectors.contains(build)) << build << " vector missing in " << MIMAMORI_FAMILY_UPLOAD_VECTORS;
        auto stream = mimamori::encoding::base64url_decode(vectors[build].get<std::string>());
        ASSERT_TRUE(stream.ok()) << build;
        EXPECT_EQ(stream->size(), fc::encrypted_file_size(vector_size)) << build;
        auto plain = fc::decrypt_file(vector_key(), *stream);
        ASSERT_TRUE(plain.ok()) << build << ": " << plain.error().message;
        EXPECT_EQ(*plain, pattern(vector_size)) << build;
        // The same bytes, tampered or under another key, fail in this build too.
        Bytes tampered = *stream;
        tampered.back() ^= 0x80;
        EXPECT_FALSE(fc::decrypt_file(vector_key(), tampered).ok()) << build;
        EXPECT_FALSE(fc::decrypt_file(fc::FileKey::random(), *stream).ok()) << build;
    }
}

TEST(FamilyFileUpload, AThumbnailTravelsInsideTheMemo) {
    fc::FamilyMemoContent c;
    c.attachments.push_back(fc::MemoAttachment{"42", "散歩.png", "image/png", 5000, fc::FileKey::random(),
                                               std::string("\xff\xd8\xff\xe0 jpeg bytes", 15), "image/jpeg"});
    auto bytes = fc::encode_memo_content(c);
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    auto back = fc::decode_memo_content(*bytes);
    ASSERT_TRUE(back.ok()) << back.error().message;
    ASSERT_EQ(back->attachments.size(), 1u);
    EXPECT_EQ(back->attachments[0].thumbnail, c.attachments[0].thumbnail);
    EXPECT_EQ(back->attachments[0].thumbnail_type, "image/jpeg");
    EXPECT_TRUE(back->attachments[0].key.equals(c.attachments[0].key));

    auto no_type = c.attachments[0].clone();
    no_type.thumbnail_type.clear();
    fc::FamilyMemoContent bad;
    bad.attachments.push_back(std::move(no_type));
    EXPECT_EQ(fc::encode_memo_content(bad).error().field, "attachments[0].thumbnail");
    bad.attachments[0].thumbnail_type = "text/html";
    EXPECT_EQ(fc::encode_memo_content(bad).error().field, "attachments[0].thumbnail_type");
    bad.attachments[0].thumbnail_type = "image/jpeg";
    bad.attachments[0].thumbnail.assign(fc::max_thumbnail_bytes + 1, 'x');
    EXPECT_EQ(fc::encode_memo_content(bad).error().field, "attachments[0].thumbnail");
}
