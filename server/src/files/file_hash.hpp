#pragma once
// SHA-256 of stored files: the whole file's digest computed as its bytes arrive, over several
// requests (a resumed upload), and the digest of each stored chunk.
//
// Why not crypto::Sha256 (libsodium) from common/: it hashes ~380 MB/s here, OpenSSL ~1.75 GB/s
// with the CPU's SHA instructions, and every byte of every download is hashed again to verify
// it (BENCHMARKS.md). The state can be saved between requests (save()/restore()), so an upload
// resumed on another connection, or another server process, goes on with the same digest.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mimamori/common/crypto.hpp"

namespace mimamori::files {

class FileHash {
public:
    FileHash();
    void update(std::string_view bytes);
    // The digest of everything given (the object stays usable: it finishes a copy).
    crypto::Sha256Digest digest() const;

    // The state as bytes to keep in the database, and back; nullopt for bytes that are not a
    // saved state (then the caller recomputes from the stored chunks).
    std::string save() const;
    static std::optional<FileHash> restore(std::string_view saved);

private:
    struct State {
        std::uint32_t h[8];
        std::uint32_t nl, nh;
        std::uint32_t data[16];
        unsigned int num, md_len;
    };
    State m_state;
};

// The digest stored with each chunk: SHA-256 over the file id and the chunk's first byte (each
// as 8 big-endian bytes, as PostgreSQL's int8send gives them) and the chunk's bytes, so a chunk
// moved to another file or position no longer verifies. From SQL:
//   sha256(int8send(file_id) || int8send(first_byte) || data) = sha256
crypto::Sha256Digest chunk_digest(std::int64_t file_id, std::uint64_t first_byte, std::string_view data);

} // namespace mimamori::files
