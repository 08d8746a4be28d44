#pragma once
// SQL that reads file contents, over a BinaryConnection (binary results: see
// db/binary_connection.hpp for why). Used by the download and preview threads.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "db/binary_connection.hpp"

namespace mimamori::repositories {

// The row as libpq holds it: `data` and `sha256` point into `result` (no copy of the contents).
struct StoredChunk {
    std::uint64_t first_byte = 0;
    std::shared_ptr<const db::BinaryResult> result;
    std::string_view data;
    std::string_view sha256; // as stored: files/file_hash.hpp's chunk_digest()
};

// The chunk of file `file_id` that holds byte `position` (the last one starting at or before it:
// chunks are contiguous), or nullopt when there is none.
std::optional<StoredChunk> read_chunk_at(db::BinaryConnection& connection, std::int64_t file_id, std::uint64_t position);

} // namespace mimamori::repositories
