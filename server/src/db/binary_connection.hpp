#pragma once
// A libpq connection of its own that reads results in PostgreSQL's binary format, for file
// contents. libpqxx 6.4 asks for text results only, and bytea as text is hex: twice the bytes on
// the wire and a decoding pass (100 MB of 256 KiB chunks: ~380 ms as hex, ~100 ms binary here).
// One connection per thread that reads files (files/chunk_reader.hpp); never shared.
//
// Only repositories write SQL; they receive a BinaryConnection.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

struct pg_conn;
struct pg_result;

namespace mimamori::db {

// A result; fields are raw binary values (bigint: 8 bytes big-endian).
class BinaryResult {
public:
    explicit BinaryResult(pg_result* result);
    ~BinaryResult();
    BinaryResult(BinaryResult&& other) noexcept;
    BinaryResult& operator=(BinaryResult&&) = delete;
    BinaryResult(const BinaryResult&) = delete;
    BinaryResult& operator=(const BinaryResult&) = delete;

    int rows() const;
    bool is_null(int row, int column) const;
    std::string_view bytes(int row, int column) const;
    std::int64_t int64(int row, int column) const; // a bigint column

private:
    pg_result* m_result;
};

class BinaryConnection {
public:
    // Connects; throws std::runtime_error (with libpq's message) when it cannot.
    explicit BinaryConnection(const std::string& url);
    ~BinaryConnection();
    BinaryConnection(const BinaryConnection&) = delete;
    BinaryConnection& operator=(const BinaryConnection&) = delete;

    bool ok() const;
    // Runs the statement (prepared on this connection the first time) with text parameters,
    // asking for binary results. Throws std::runtime_error on failure.
    BinaryResult exec(const char* name, const char* sql, const std::vector<std::string>& params);

private:
    pg_conn* m_conn;
    std::unordered_set<std::string> m_prepared;
};

} // namespace mimamori::db
