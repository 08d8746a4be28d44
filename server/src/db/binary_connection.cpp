#include "db/binary_connection.hpp"

#include <libpq-fe.h>

#include <stdexcept>

namespace mimamori::db {

BinaryResult::BinaryResult(pg_result* result) : m_result(result) {}
BinaryResult::~BinaryResult() {
    if (m_result) PQclear(m_result);
}
BinaryResult::BinaryResult(BinaryResult&& other) noexcept : m_result(other.m_result) { other.m_result = nullptr; }

int BinaryResult::rows() const { return PQntuples(m_result); }
bool BinaryResult::is_null(int row, int column) const { return PQgetisnull(m_result, row, column) != 0; }

std::string_view BinaryResult::bytes(int row, int column) const {
    return {PQgetvalue(m_result, row, column), static_cast<std::size_t>(PQgetlength(m_result, row, column))};
}

std::int64_t BinaryResult::int64(int row, int column) const {
    auto b = bytes(row, column);
    if (b.size() != 8) throw std::runtime_error("not a bigint column");
    std::uint64_t v = 0;
    for (char c : b) v = (v << 8) | static_cast<unsigned char>(c);
    return static_cast<std::int64_t>(v);
}

BinaryConnection::BinaryConnection(const std::string& url) : m_conn(PQconnectdb(url.c_str())) {
    if (PQstatus(m_conn) != CONNECTION_OK) {
        std::string message = PQerrorMessage(m_conn);
        PQfinish(m_conn);
        throw std::runtime_error("cannot connect to the database: " + message);
    }
}

BinaryConnection::~BinaryConnection() { PQfinish(m_conn); }

bool BinaryConnection::ok() const { return PQstatus(m_conn) == CONNECTION_OK; }

BinaryResult BinaryConnection::exec(const char* name, const char* sql, const std::vector<std::string>& params) {
    if (!m_prepared.contains(name)) {
        PGresult* prepared = PQprepare(m_conn, name, sql, 0, nullptr);
        bool ok = PQresultStatus(prepared) == PGRES_COMMAND_OK;
        PQclear(prepared);
        if (!ok) throw std::runtime_error(std::string("cannot prepare ") + name + ": " + PQerrorMessage(m_conn));
        m_prepared.insert(name);
    }
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p.c_str());
    PGresult* result = PQexecPrepared(m_conn, name, static_cast<int>(values.size()), values.data(), nullptr, nullptr,
                                      1 /* binary results */);
    BinaryResult wrapped(result);
    auto status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        throw std::runtime_error(std::string(name) + " failed: " + PQerrorMessage(m_conn));
    return wrapped;
}

} // namespace mimamori::db
