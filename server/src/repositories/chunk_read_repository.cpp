#include "repositories/chunk_read_repository.hpp"

namespace mimamori::repositories {

std::optional<StoredChunk> read_chunk_at(db::BinaryConnection& connection, std::int64_t file_id, std::uint64_t position) {
    auto result = connection.exec("chunk_at", R"sql(
        SELECT first_byte, data, sha256 FROM file_chunks
         WHERE file_id = $1 AND first_byte <= $2
         ORDER BY first_byte DESC LIMIT 1)sql",
                                  {std::to_string(file_id), std::to_string(position)});
    if (result.rows() == 0) return std::nullopt;
    StoredChunk chunk;
    chunk.first_byte = static_cast<std::uint64_t>(result.int64(0, 0));
    auto held = std::make_shared<const db::BinaryResult>(std::move(result));
    chunk.data = held->bytes(0, 1);
    chunk.sha256 = held->bytes(0, 2);
    chunk.result = std::move(held);
    return chunk;
}

} // namespace mimamori::repositories
