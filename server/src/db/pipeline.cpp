#include "db/pipeline.hpp"

#include <libpq-fe.h>

#include <stdexcept>

namespace mimamori::db {
namespace {

// libpqxx 6.4 hands a transaction's libpq connection only to its large objects.
struct RawConnection : pqxx::largeobject {
    static PGconn* of(const pqxx::dbtransaction& t) { return raw_connection(t); }
};

const Statement k_begin{"begin", "BEGIN"};
const Statement k_commit{"commit", "COMMIT"};

// PostgreSQL's epoch (2000-01-01) in Unix microseconds.
constexpr std::int64_t k_postgres_epoch_us = 946684800000000;

void put_uint32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void put_int64(std::string& out, std::int64_t value) {
    auto v = static_cast<std::uint64_t>(value);
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

} // namespace

std::string binary_int8(std::int64_t value) {
    std::string out;
    put_int64(out, value);
    return out;
}

std::string binary_timestamptz(std::int64_t unix_us) { return binary_int8(unix_us - k_postgres_epoch_us); }

BinaryArray::BinaryArray(std::uint32_t element_oid, std::size_t count) : m_expected(count) {
    put_uint32(m_bytes, 1); // dimensions
    put_uint32(m_bytes, 0); // has nulls: set by take()
    put_uint32(m_bytes, element_oid);
    put_uint32(m_bytes, static_cast<std::uint32_t>(count));
    put_uint32(m_bytes, 1); // lower bound
}

void BinaryArray::add(std::string_view binary_value) {
    put_uint32(m_bytes, static_cast<std::uint32_t>(binary_value.size()));
    m_bytes.append(binary_value);
    ++m_added;
}

void BinaryArray::add_int8(std::int64_t value) {
    put_uint32(m_bytes, 8);
    put_int64(m_bytes, value);
    ++m_added;
}

void BinaryArray::add_null() {
    put_uint32(m_bytes, 0xFFFFFFFFu); // length -1
    m_has_null = true;
    ++m_added;
}

std::string BinaryArray::take() {
    if (m_added != m_expected) throw std::logic_error("a binary array got another number of elements than announced");
    if (m_has_null) m_bytes[7] = 1;
    return std::move(m_bytes);
}

Pipeline& Pipeline::add(const Statement& statement, std::vector<Param> params) {
    m_items.push_back({statement, std::move(params)});
    return *this;
}

Pipeline& Pipeline::commit() {
    m_commit = true;
    return *this;
}

std::vector<BinaryResult> Pipeline::run() {
    auto* transaction = dynamic_cast<pqxx::dbtransaction*>(&m_tx.m_work);
    if (!transaction) throw std::logic_error("a pipeline needs a transaction");
    DeferredTransaction* deferred = m_tx.m_deferred;
    if (deferred && deferred->state() == DeferredTransaction::State::Ended)
        throw std::logic_error("a statement after the transaction's COMMIT (sent with its last statements)");
    PGconn* c = RawConnection::of(*transaction);
    Connection& connection = m_tx.m_connection;
    if (PQbackendPID(c) != connection.m_raw_backend) { // libpqxx reconnected: nothing is prepared there
        connection.m_raw_prepared.clear();
        connection.m_raw_backend = PQbackendPID(c);
    }

    // What goes out, in order: BEGIN, queued statements, the items, COMMIT.
    enum class Kind { Prepare, Begin, Queued, Added, Commit };
    struct Command {
        Kind kind;
        const Statement* statement;
        const std::vector<Param>* params;
        std::string name; // on the server: apart from libpqxx's names, which may be the same
    };
    const std::vector<Param> none;
    std::vector<Command> commands;
    const bool begin = deferred && deferred->state() == DeferredTransaction::State::NotBegun;
    const bool commit = deferred && m_commit;
    auto queue = [&](Kind kind, const Statement& s, const std::vector<Param>& params) {
        std::string name = std::string("pipeline.") + s.name;
        if (!connection.m_raw_prepared.contains(name)) {
            commands.push_back({Kind::Prepare, &s, &none, name});
            connection.m_raw_prepared.insert(name);
        }
        commands.push_back({kind, &s, &params, std::move(name)});
    };
    if (begin) queue(Kind::Begin, k_begin, none);
    auto queued = std::move(m_tx.m_queued);
    m_tx.m_queued.clear();
    for (const auto& s : queued) queue(Kind::Queued, s, none);
    for (const auto& item : m_items) queue(Kind::Added, item.statement, item.params);
    if (commit) queue(Kind::Commit, k_commit, none);

    auto lost = [&](const std::string& what) {
        connection.m_raw_prepared.clear();
        std::string message = what + ": " + PQerrorMessage(c);
        if (commit) throw pqxx::in_doubt_error(message);
        throw pqxx::broken_connection(message);
    };
    if (PQenterPipelineMode(c) != 1) throw std::runtime_error(std::string("cannot enter pipeline mode: ") + PQerrorMessage(c));
    for (const auto& cmd : commands) {
        int sent = 0;
        if (cmd.kind == Kind::Prepare) {
            sent = PQsendPrepare(c, cmd.name.c_str(), cmd.statement->sql, 0, nullptr);
        } else {
            std::vector<const char*> values;
            std::vector<int> lengths, formats;
            for (const auto& p : *cmd.params) {
                values.push_back(p.null ? nullptr : p.value.data());
                lengths.push_back(static_cast<int>(p.value.size()));
                formats.push_back(1);
            }
            sent = PQsendQueryPrepared(c, cmd.name.c_str(), static_cast<int>(values.size()), values.data(),
                                       lengths.data(), formats.data(), 1 /* binary results */);
        }
        if (sent != 1) {
            if (PQstatus(c) == CONNECTION_BAD) lost("connection lost sending a pipeline");
            PQexitPipelineMode(c);
            connection.m_raw_prepared.clear();
            throw std::runtime_error(std::string("cannot send a pipeline: ") + PQerrorMessage(c));
        }
    }
    if (PQpipelineSync(c) != 1) lost("cannot send a pipeline");

    std::vector<BinaryResult> results;
    results.reserve(m_items.size());
    std::string error, error_state;
    const Statement* failed = nullptr;
    bool begun = false, commit_ran = false;
    for (const auto& cmd : commands) {
        PGresult* r = PQgetResult(c);
        if (!r) lost("connection lost in a pipeline");
        const auto status = PQresultStatus(r);
        const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
        if (status == PGRES_FATAL_ERROR) {
            if (PQstatus(c) == CONNECTION_BAD) {
                PQclear(r);
                lost("connection lost in a pipeline");
            }
            if (!failed) {
                failed = cmd.statement;
                error = PQresultErrorMessage(r);
                const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
                error_state = state ? state : "";
            }
            if (cmd.kind == Kind::Commit) commit_ran = true; // a failed COMMIT ends the transaction too
        }
        if (!ok && cmd.kind == Kind::Prepare) connection.m_raw_prepared.erase(cmd.name);
        if (ok && cmd.kind == Kind::Begin) begun = true;
        if (ok && cmd.kind == Kind::Commit) commit_ran = true;
        if (cmd.kind == Kind::Added) results.emplace_back(r);
        else PQclear(r);
        while (PGresult* extra = PQgetResult(c)) PQclear(extra); // each command's results end with null
    }
    PGresult* sync = PQgetResult(c);
    const bool synced = sync && PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
    if (sync) PQclear(sync);
    if (!synced || PQexitPipelineMode(c) != 1) lost("a pipeline did not end as expected");

    if (deferred) {
        if (commit_ran) deferred->mark(DeferredTransaction::State::Ended);
        else if (begun) deferred->mark(DeferredTransaction::State::Begun);
    }
    if (failed) throw pqxx::sql_error(error, failed->sql, error_state.empty() ? nullptr : error_state.c_str());
    return results;
}

} // namespace mimamori::db
