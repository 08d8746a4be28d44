#pragma once
// Several prepared statements of one transaction in one round trip (libpq's pipeline mode), with
// parameters and results in PostgreSQL's binary format: no text to format and parse on either
// side (a batch of rows goes as typed arrays, hashes as raw bytes). With Database::transact's
// transaction the pipeline carries its BEGIN when it has not gone yet, and may carry its COMMIT.
// libpqxx 6.4 has no pipeline mode; this speaks libpq on the transaction's connection while
// libpqxx waits between statements.
//
// Only repositories write SQL; they receive a Tx and make a Pipeline of it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/binary_connection.hpp"
#include "db/database.hpp"

namespace mimamori::db {

// Parameter values in binary format.
std::string binary_int8(std::int64_t value);
// A timestamptz from microseconds since 1970-01-01 UTC.
std::string binary_timestamptz(std::int64_t unix_us);

// A one-dimensional array parameter in binary format, of `count` elements added in order.
class BinaryArray {
public:
    // PostgreSQL's type oids of the elements.
    static constexpr std::uint32_t k_int8 = 20, k_text = 25, k_bytea = 17, k_timestamptz = 1184;

    BinaryArray(std::uint32_t element_oid, std::size_t count);
    void add(std::string_view binary_value); // text and bytea: the bytes themselves
    void add_int8(std::int64_t value);
    void add_null();
    // The parameter; throws std::logic_error when fewer or more than `count` were added.
    std::string take();

private:
    std::string m_bytes;
    std::size_t m_expected;
    std::size_t m_added = 0;
    bool m_has_null = false;
};

class Pipeline {
public:
    explicit Pipeline(Tx& tx) : m_tx(tx) {}

    // Queues `statement` with binary parameters (null: a null value); its result comes back in
    // binary format. The statement is prepared on the connection the first time it is used.
    struct Param {
        std::string value;
        bool null = false;
    };
    Pipeline& add(const Statement& statement, std::vector<Param> params = {});
    // Queues COMMIT after the statements when the transaction is Database::transact's (nothing
    // may follow in it then); for any other transaction its own commit stays the one that counts.
    Pipeline& commit();

    // Sends everything (after Tx::queue()'s statements, and BEGIN when it has not gone) and
    // returns the results of the add()ed statements in order. Throws pqxx::sql_error when a
    // statement fails (the transaction must then roll back), pqxx::broken_connection when the
    // connection is lost before a COMMIT was sent, pqxx::in_doubt_error after.
    std::vector<BinaryResult> run();

private:
    struct Item {
        Statement statement;
        std::vector<Param> params;
    };
    Tx& m_tx;
    std::vector<Item> m_items;
    bool m_commit = false;
};

} // namespace mimamori::db
