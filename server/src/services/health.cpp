#include "services/health.hpp"

#include <exception>
#include <string>

#include "log.hpp"
#include "repositories/schema_repository.hpp"

namespace mimamori::services {

Health check_health(db::Database& database) {
    try {
        int version = database.autocommit([](db::Tx& tx) { return repositories::schema_version(tx); });
        return Health{true, version};
    } catch (const std::exception& e) {
        log::warning(std::string("health: the database does not answer: ") + e.what());
        database.drop_connection();
        return Health{};
    }
}

} // namespace mimamori::services
