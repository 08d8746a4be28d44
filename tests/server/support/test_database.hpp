#pragma once
// A fresh PostgreSQL database for a test suite, made on the cluster of MIMAMORI_TEST_DATABASE_URL
// (tools/test starts one) and dropped afterwards.

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>

namespace mimamori::test {

// MIMAMORI_TEST_DATABASE_URL; throws std::runtime_error saying how to set it when it is unset.
std::string admin_database_url();

// `url` (a libpq URI "postgresql://.../name?..." or a "key=value" string) naming database `name`.
std::string with_database(const std::string& url, const std::string& name);

class TestDatabase {
public:
    // Creates "mimamori_test_<random>". Throws std::runtime_error when it cannot.
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    const std::string& name() const { return m_name; }
    const std::string& url() const { return m_url; }

    // Runs SQL on a new connection (committed).
    void exec(const std::string& sql) const;
    // The first column of the first row as text ("" when no row or NULL).
    std::string query_value(const std::string& sql) const;
    // Runs an INSERT ... RETURNING id (committed) and returns the id.
    std::int64_t insert_returning_id(const std::string& sql) const;
    long long count_rows(const std::string& table) const;
    // Empties every table but schema_migrations: each test starts from no data.
    void clear_data() const;

    // Runs SQL as the cluster's administrator, on its maintenance database.
    static void exec_admin(const std::string& sql);

private:
    std::string m_name;
    std::string m_url;
};

// A fixture with a fresh database for each test (for tests that migrate or break it).
class FreshDatabaseTest : public ::testing::Test {
protected:
    void SetUp() override;
    TestDatabase& database() { return *m_database; }

private:
    std::unique_ptr<TestDatabase> m_database;
};

} // namespace mimamori::test
