#include "support/test_database.hpp"

#include <cstdlib>
#include <random>
#include <stdexcept>

#include <pqxx/pqxx>

namespace mimamori::test {

std::string admin_database_url() {
    const char* url = std::getenv("MIMAMORI_TEST_DATABASE_URL");
    if (url == nullptr || *url == '\0')
        throw std::runtime_error(
            "MIMAMORI_TEST_DATABASE_URL is not set: the server tests need a PostgreSQL cluster. Run tools/test, or: "
            "source tools/lib.sh; pg_up build/test-pg; export MIMAMORI_TEST_DATABASE_URL=$PG_URL");
    return url;
}

std::string with_database(const std::string& url, const std::string& name) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return url + " dbname=" + name; // key=value: the last one wins
    auto path = url.find('/', scheme + 3);
    auto query = url.find('?', scheme + 3);
    std::string authority = url.substr(0, std::min(path, query));
    std::string rest = query == std::string::npos ? "" : url.substr(query);
    return authority + "/" + name + rest;
}

void TestDatabase::exec_admin(const std::string& sql) {
    pqxx::connection admin(admin_database_url());
    pqxx::nontransaction tx(admin); // CREATE/DROP DATABASE cannot run in a transaction
    tx.exec(sql);
}

TestDatabase::TestDatabase() {
    std::random_device random;
    std::uniform_int_distribution<unsigned long long> digits;
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, "%012llx", digits(random) & 0xffffffffffffull);
    m_name = std::string("mimamori_test_") + suffix;
    m_url = with_database(admin_database_url(), m_name);
    exec_admin("CREATE DATABASE " + m_name);
}

TestDatabase::~TestDatabase() {
    try {
        exec_admin("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
    } catch (const std::exception&) { // the cluster is gone: nothing to clean
    }
}

void TestDatabase::exec(const std::string& sql) const {
    pqxx::connection c(m_url);
    pqxx::work tx(c);
    tx.exec(sql);
    tx.commit();
}

std::string TestDatabase::query_value(const std::string& sql) const {
    pqxx::connection c(m_url);
    pqxx::work tx(c);
    auto rows = tx.exec(sql);
    if (rows.empty() || rows[0][0].is_null()) return "";
    return rows[0][0].as<std::string>();
}

void TestDatabase::clear_data() const {
    // As a replica session, so that the access log's append-only triggers let it go (the
    // cluster's user is a superuser).
    exec(R"sql(
        SET LOCAL session_replication_role = replica;
        DO $$ DECLARE t text; BEGIN
          FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' LOOP
            EXECUTE format('TRUNCATE %I RESTART IDENTITY CASCADE', t);
          END LOOP;
        END $$)sql");
}

void FreshDatabaseTest::SetUp() {
    try {
        m_database = std::make_unique<TestDatabase>();
    } catch (const std::exception& e) {
        FAIL() << e.what();
    }
}

std::int64_t TestDatabase::insert_returning_id(const std::string& sql) const {
    pqxx::connection c(m_url);
    pqxx::work tx(c);
    auto id = tx.exec1(sql)[0].as<std::int64_t>();
    tx.commit();
    return id;
}

long long TestDatabase::count_rows(const std::string& table) const {
    return std::stoll(query_value("SELECT count(*) FROM " + table));
}

} // namespace mimamori::test
