// Family files: the chunked secretstream (sizes around the chunk boundary, pieces of any size,
// truncation, reordering, tampering, foreign streams) and per-file keys wrapped by the epoch key.
#include <gtest/gtest.h>

#include "family_test_support.hpp"
#include "mimamori/common/family_crypto/file_stream.hpp"

namespace fc = mimamori::family_crypto;
using mimamori::Bytes;
using mimamori::ByteView;
using mimamori::ErrorCode;
using mimamori::Json;
using namespace family_test;

namespace {

constexpr std::size_t chunk = fc::file_chunk_size;
constexpr std::size_t sealed_chunk = fc::file_chunk_size + fc::file_chunk_overhead;

// Encrypts `plaintext` pushed in pieces of `piece` bytes.
Bytes encrypt_in_pieces(const fc::FileKey& key, ByteView plaintext, std::size_t piece) {
    fc::FileEncryptor enc(key);
    Bytes out;
    for (std::size_t at = 0; at < plaintext.size(); at += piece)
        EXPECT_TRUE(enc.push(plaintext.subspan(at, std::min(piece, plaintext.size() - at)), out).ok());
    EXPECT_TRUE(enc.finish(out).ok());
    return out;
}

// Decrypts `ciphertext` fed in pieces of `piece` bytes; the error of the first failing call.
mimamori::Result<Bytes> decrypt_in_pieces(const fc::FileKey& key, ByteView ciphertext, std::size_t piece) {
    fc::FileDecryptor dec(key);
    Bytes out;
    for (std::size_t at = 0; at < ciphertext.size(); at += piece)
        if (auto st = dec.push(ciphertext.subspan(at, std::min(piece, ciphertext.size() - at)), out); !st)
            return st.error();
    if (auto st = dec.finish(out); !st) return st.error();
    EXPECT_TRUE(dec.complete());
    return out;
}

std::string error_of(const mimamori::Result<Bytes>& r) { return r.ok() ? "(decrypted)" : r.error().message; }

} // namespace

TEST(FamilyFileStream, SizesAroundTheChunkBoundary) {
    const auto key = fc::FileKey::random();
    for (const std::size_t size : {std::size_t{0}, std::size_t{1}, chunk - 1, chunk, chunk + 1, 2 * chunk,
                                   2 * chunk + 1, 3 * chunk - 17}) {
        const Bytes plaintext = pattern(size);
        auto ciphertext = fc::encrypt_file(key, plaintext);
        ASSERT_TRUE(ciphertext.ok());
        EXPECT_EQ(ciphertext->size(), fc::encrypted_file_size(size)) << size;
        const std::size_t chunks = size == 0 ? 1 : (size + chunk - 1) / chunk;
        EXPECT_EQ(ciphertext->size(), fc::file_header_size + size + chunks * fc::file_chunk_overhead) << size;
        auto back = fc::decrypt_file(key, *ciphertext);
        ASSERT_TRUE(back.ok()) << size << ": " << back.error().message;
        EXPECT_EQ(*back, plaintext) << size;
    }
}

TEST(FamilyFileStream, PiecesOfAnySizeGiveAValidStream) {
    const auto key = fc::FileKey::random();
    const Bytes plaintext = pattern(2 * chunk + 5000);
    for (const std::size_t piece : {std::size_t{1000}, std::size_t{4096}, chunk - 1, chunk, chunk + 1, 3 * chunk}) {
        const Bytes ciphertext = encrypt_in_pieces(key, plaintext, piece);
        EXPECT_EQ(ciphertext.size(), fc::encrypted_file_size(plaintext.size())) << piece;
        for (const std::size_t read_piece : {std::size_t{1}, std::size_t{17}, std::size_t{24}, sealed_chunk, std::size_t{100000}}) {
            if (read_piece == 1 && piece != 4096) continue; // byte by byte once is enough
            auto back = decrypt_in_pieces(key, ciphertext, read_piece);
            ASSERT_TRUE(back.ok()) << piece << "/" << read_piece << ": " << back.error().message;
            EXPECT_EQ(*back, plaintext);
        }
    }
}

TEST(FamilyFileStream, EmptyPushesAndExactMultiplesEndWithAFullFinalChunk) {
    const auto key = fc::FileKey::random();
    fc::FileEncryptor enc(key);
    Bytes out;
    ASSERT_TRUE(enc.push({}, out).ok());
    EXPECT_TRUE(out.empty());
    const Bytes plaintext = pattern(2 * chunk);
    ASSERT_TRUE(enc.push(plaintext, out).ok());
    EXPECT_EQ(out.size(), fc::file_header_size + sealed_chunk); // the second chunk is held back
    ASSERT_TRUE(enc.finish(out).ok());
    EXPECT_EQ(out.size(), fc::file_header_size + 2 * sealed_chunk);
    EXPECT_EQ(enc.push(plaintext, out).error().code, ErrorCode::Conflict);
    EXPECT_EQ(enc.finish(out).error().code, ErrorCode::Conflict);
    EXPECT_EQ(decrypt_in_pieces(key, out, sealed_chunk).value(), plaintext);
}

TEST(FamilyFileStream, AFinalEmptyChunkAfterFullChunksIsAccepted) {
    // Another writer might not know a chunk was the last: full chunks then an empty final chunk.
    const auto key = fc::FileKey::random();
    const Bytes plaintext = pattern(chunk);
    crypto_secretstream_xchacha20poly1305_state state;
    Bytes stream(fc::file_header_size);
    crypto_secretstream_xchacha20poly1305_init_push(&state, stream.data(), key.data());
    Bytes c1(sealed_chunk), c2(fc::file_chunk_overhead);
    crypto_secretstream_xchacha20poly1305_push(&state, c1.data(), nullptr, plaintext.data(), plaintext.size(), nullptr, 0,
                                               crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    crypto_secretstream_xchacha20poly1305_push(&state, c2.data(), nullptr, nullptr, 0, nullptr, 0,
                                               crypto_secretstream_xchacha20poly1305_TAG_FINAL);
    stream.insert(stream.end(), c1.begin(), c1.end());
    stream.insert(stream.end(), c2.begin(), c2.end());
    EXPECT_EQ(fc::decrypt_file(key, stream).value(), plaintext);
}

TEST(FamilyFileStream, TruncationIsDetected) {
    const auto key = fc::FileKey::random();
    const Bytes plaintext = pattern(2 * chunk + 100);
    const Bytes ciphertext = fc::encrypt_file(key, plaintext).value();
    // Cut at a chunk boundary (the final chunk missing), inside a chunk, inside the header, to nothing.
    for (const std::size_t keep : {fc::file_header_size + 2 * sealed_chunk, fc::file_header_size + sealed_chunk,
                                   fc::file_header_size, fc::file_header_size + sealed_chunk + 500,
                                   ciphertext.size() - 1, std::size_t{10}, std::size_t{0}}) {
        const auto r = decrypt_in_pieces(key, ByteView(ciphertext).first(keep), 8192);
        ASSERT_FALSE(r.ok()) << keep;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
        EXPECT_EQ(r.error().field, "file");
    }
    EXPECT_EQ(error_of(decrypt_in_pieces(key, ByteView(ciphertext).first(fc::file_header_size + sealed_chunk), 8192)),
              "the file is incomplete");
    // An empty file cut to its header.
    const Bytes empty = fc::encrypt_file(key, {}).value();
    EXPECT_FALSE(fc::decrypt_file(key, ByteView(empty).first(fc::file_header_size)).ok());
}

TEST(FamilyFileStream, ReorderingTamperingAndAppendingAreDetected) {
    const auto key = fc::FileKey::random();
    const Bytes plaintext = pattern(3 * chunk);
    const Bytes ciphertext = fc::encrypt_file(key, plaintext).value();
    const auto at = [](std::size_t i) { return static_cast<std::ptrdiff_t>(fc::file_header_size + i * sealed_chunk); };

    Bytes swapped = ciphertext;
    std::swap_ranges(swapped.begin() + at(0), swapped.begin() + at(1), swapped.begin() + at(1));
    EXPECT_EQ(error_of(fc::decrypt_file(key, swapped)), "the file is damaged or was altered");

    Bytes dropped = ciphertext; // the middle chunk removed
    dropped.erase(dropped.begin() + at(1), dropped.begin() + at(2));
    EXPECT_EQ(error_of(fc::decrypt_file(key, dropped)), "the file is damaged or was altered");

    Bytes duplicated = ciphertext; // the first chunk repeated
    duplicated.insert(duplicated.begin() + at(1), ciphertext.begin() + at(0), ciphertext.begin() + at(1));
    EXPECT_FALSE(fc::decrypt_file(key, duplicated).ok());

    for (const std::size_t i : {std::size_t{0}, std::size_t{5}, static_cast<std::size_t>(at(1)) + 3, ciphertext.size() - 1}) {
        Bytes flipped = ciphertext;
        flipped[i] ^= 0x01;
        EXPECT_FALSE(fc::decrypt_file(key, flipped).ok()) << i;
    }

    Bytes appended = ciphertext;
    appended.push_back(0);
    EXPECT_EQ(error_of(fc::decrypt_file(key, appended)), "the file has data after its end");
    Bytes two_streams = ciphertext; // another stream glued after the end
    const Bytes other = fc::encrypt_file(key, pattern(10)).value();
    two_streams.insert(two_streams.end(), other.begin(), other.end());
    EXPECT_FALSE(fc::decrypt_file(key, two_streams).ok());
}

TEST(FamilyFileStream, ForeignStreamsAndKeysFail) {
    const auto key = fc::FileKey::random();
    const Bytes ciphertext = fc::encrypt_file(key, pattern(5000)).value();
    EXPECT_FALSE(fc::decrypt_file(fc::FileKey::random(), ciphertext).ok());
    // A stream's chunks after another stream's header (same key): the header keys the stream.
    const Bytes other = fc::encrypt_file(key, pattern(5000)).value();
    Bytes spliced(other.begin(), other.begin() + fc::file_header_size);
    spliced.insert(spliced.end(), ciphertext.begin() + fc::file_header_size, ciphertext.end());
    EXPECT_FALSE(fc::decrypt_file(key, spliced).ok());
    EXPECT_FALSE(fc::decrypt_file(key, pattern(300)).ok());
}

TEST(FamilyFileStream, AFailedDecryptorStaysFailed) {
    const auto key = fc::FileKey::random();
    Bytes ciphertext = fc::encrypt_file(key, pattern(2 * chunk)).value();
    ciphertext[fc::file_header_size + 1] ^= 1;
    fc::FileDecryptor dec(key);
    Bytes out;
    EXPECT_FALSE(dec.push(ciphertext, out).ok());
    EXPECT_TRUE(out.empty());
    EXPECT_FALSE(dec.push({}, out).ok());
    EXPECT_FALSE(dec.finish(out).ok());
    EXPECT_FALSE(dec.complete());
}

TEST(FamilyFileKeys, WrapBindsSpaceEpochAndFile) {
    fc::EpochKeyring ring(space);
    ASSERT_TRUE(ring.add(epoch_key(space, 1, 0x11)).ok());
    ASSERT_TRUE(ring.add(epoch_key(space, 2, 0x22)).ok());
    const auto file_key = fc::FileKey::random();
    auto wrapped = fc::wrap_file_key(file_key, *ring.current(), "file-1");
    ASSERT_TRUE(wrapped.ok());
    EXPECT_EQ(wrapped->epoch, 2u);
    auto back = fc::unwrap_file_key(*wrapped, ring);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(back->equals(file_key));

    const auto refused = [&](auto edit, std::string_view field) {
        auto w = *wrapped;
        edit(w);
        auto r = fc::unwrap_file_key(w, ring);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().field, field);
    };
    refused([](fc::WrappedFileKey& w) { w.file_id = "file-2"; }, "wrapped_key");
    refused([](fc::WrappedFileKey& w) { w.epoch = 1; }, "wrapped_key");
    refused([](fc::WrappedFileKey& w) { w.epoch = 3; }, "epoch");
    refused([](fc::WrappedFileKey& w) { w.space_id = space + 1; }, "space_id");
    refused([](fc::WrappedFileKey& w) { w.nonce[0] ^= 1; }, "wrapped_key");
    refused([](fc::WrappedFileKey& w) { w.wrapped_key[0] ^= 1; }, "wrapped_key");
    refused([](fc::WrappedFileKey& w) { w.file_id = ""; }, "file_id");
    EXPECT_EQ(fc::wrap_file_key(file_key, *ring.current(), "a b").error().field, "file_id");
}

TEST(FamilyFileKeys, JsonRoundTripAndStrictness) {
    const auto key = epoch_key(space, 1, 0x11);
    auto wrapped = fc::wrap_file_key(fc::FileKey::random(), key, "file-1");
    ASSERT_TRUE(wrapped.ok());
    const Json j = fc::to_json(*wrapped);
    EXPECT_EQ(j["file_id"], "file-1");
    EXPECT_EQ(j["wrapped_key"].get<std::string>().size(), 64u); // 48 bytes
    EXPECT_EQ(fc::wrapped_file_key_from_json(j).value(), *wrapped);
    Json bad = j;
    bad["wrapped_key"] = j["nonce"];
    EXPECT_EQ(fc::wrapped_file_key_from_json(bad).error().field, "wrapped_key");
    bad = j;
    bad.erase("file_id");
    EXPECT_EQ(fc::wrapped_file_key_from_json(bad).error().field, "file_id");
}
