#include "db/migrations.hpp"

#include <charconv>
#include <stdexcept>

#include "embedded.hpp"
#include "log.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"
#include "repositories/schema_repository.hpp"

namespace mimamori::db {
namespace {

std::string checksum_of(std::string_view sql) { return encoding::hex_encode(crypto::sha256(as_bytes(sql))); }

Error refuse(std::string message) { return Error::make(ErrorCode::Internal, std::move(message)); }

// Holds the migration lock for the life of the object, on this thread's connection.
class MigrationLock {
public:
    explicit MigrationLock(Database& database) : m_database(database) {
        m_database.transact([](Tx& tx) { repositories::lock_migrations(tx); });
    }
    ~MigrationLock() {
        try {
            m_database.transact([](Tx& tx) { repositories::unlock_migrations(tx); });
        } catch (const std::exception&) { // the lock ends with the session anyway
        }
    }
    MigrationLock(const MigrationLock&) = delete;
    MigrationLock& operator=(const MigrationLock&) = delete;

private:
    Database& m_database;
};

} // namespace

std::vector<Migration> embedded_migrations() {
    std::vector<Migration> out;
    for (const auto& file : server::embedded_migrations()) {
        int version = 0;
        auto [end, ec] = std::from_chars(file.name.data(), file.name.data() + file.name.size(), version);
        if (ec != std::errc{} || end == file.name.data() || *end != '_' || version <= 0 ||
            (!out.empty() && version <= out.back().version))
            throw std::logic_error("migration files must be named NNNN_name.sql in increasing order: " + std::string(file.name));
        out.push_back(Migration{version, std::string(file.name), file.content});
    }
    return out;
}

Result<int> migrate(Database& database, std::span<const Migration> migrations) {
    MigrationLock lock(database);
    auto applied = database.transact([](Tx& tx) { return repositories::applied_migrations(tx); });

    int known = migrations.empty() ? 0 : migrations.back().version;
    if (!applied.empty() && applied.rbegin()->first > known)
        return refuse("the database schema is at version " + std::to_string(applied.rbegin()->first) +
                      ", newer than this server knows (" + std::to_string(known) + "): run a newer mimamori-server");
    for (const Migration& m : migrations) {
        auto it = applied.find(m.version);
        if (it != applied.end() && it->second.checksum != checksum_of(m.sql))
            return refuse("migration " + m.name + " differs from the one applied to the database as " + it->second.name +
                          ": never edit an applied migration, add a new one");
    }

    int version = applied.empty() ? 0 : applied.rbegin()->first;
    for (const Migration& m : migrations) {
        if (applied.contains(m.version)) continue;
        try {
            database.transact([&](Tx& tx) {
                tx.exec_script(m.sql);
                repositories::record_migration(tx, m.version, m.name, checksum_of(m.sql));
            });
        } catch (const pqxx::sql_error& e) {
            return refuse("migration " + m.name + " failed and was rolled back: " + e.what());
        }
        log::info("applied migration " + m.name);
        version = m.version;
    }
    return version;
}

} // namespace mimamori::db
