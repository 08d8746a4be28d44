#include "repositories/client_error_repository.hpp"

namespace mimamori::repositories {
namespace {

const db::Statement k_insert{"client_error_insert",
                             "INSERT INTO client_errors (message, location, user_agent) VALUES ($1, $2, $3) RETURNING id"};

} // namespace

std::int64_t insert_client_error(db::Tx& tx, const ClientErrorRow& row) {
    return tx.exec(k_insert, row.message, row.location, row.user_agent)[0][0].as<std::int64_t>();
}

} // namespace mimamori::repositories
