// Migrations: applied once, each in its own transaction, refused against a newer or an edited
// schema.
#include <gtest/gtest.h>

#include "db/migrations.hpp"
#include "support/test_database.hpp"

namespace mimamori::test {
namespace {

class Migrations : public FreshDatabaseTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(FreshDatabaseTest::SetUp());
        m_db = std::make_unique<db::Database>(database().url());
    }
    void TearDown() override { m_db.reset(); } // before the database is dropped

    std::unique_ptr<db::Database> m_db;
};

TEST_F(Migrations, EmbeddedOnesAreNumberedInOrder) {
    auto all = db::embedded_migrations();
    ASSERT_FALSE(all.empty());
    EXPECT_EQ(all.front().version, 1);
    EXPECT_EQ(all.front().name, "0001_foundation.sql");
    for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GT(all[i].version, all[i - 1].version);
}

TEST_F(Migrations, AppliedOnceAndRecorded) {
    auto all = db::embedded_migrations();
    auto first = db::migrate(*m_db, all);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(*first, all.back().version);
    auto second = db::migrate(*m_db, all);
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_EQ(database().count_rows("schema_migrations"), static_cast<long long>(all.size()));
    EXPECT_EQ(database().query_value("SELECT name FROM schema_migrations WHERE version = 1"), "0001_foundation.sql");
}

TEST_F(Migrations, EachRunsInItsOwnTransaction) {
    std::vector<db::Migration> list = db::embedded_migrations();
    int base = list.back().version;
    list.push_back({base + 1, "good.sql", "CREATE TABLE kept (id integer)"});
    list.push_back({base + 2, "bad.sql", "CREATE TABLE half_done (id integer); SELECT 1 / 0"});
    auto result = db::migrate(*m_db, list);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("bad.sql"), std::string::npos);
    EXPECT_EQ(database().query_value("SELECT max(version) FROM schema_migrations"), std::to_string(base + 1));
    EXPECT_EQ(database().query_value("SELECT to_regclass('kept') IS NOT NULL"), "t");
    EXPECT_EQ(database().query_value("SELECT to_regclass('half_done') IS NOT NULL"), "f");
}

TEST_F(Migrations, RefusesANewerSchema) {
    auto all = db::embedded_migrations();
    ASSERT_TRUE(db::migrate(*m_db, all).ok());
    database().exec("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, '9999_future.sql', 'x')");
    auto result = db::migrate(*m_db, all);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("newer"), std::string::npos) << result.error().message;
}

TEST_F(Migrations, RefusesAnEditedMigration) {
    std::vector<db::Migration> list = db::embedded_migrations();
    ASSERT_TRUE(db::migrate(*m_db, list).ok());
    std::string edited = std::string(list.front().sql) + "\n-- edited\n";
    list.front().sql = edited;
    auto result = db::migrate(*m_db, list);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("0001_foundation.sql"), std::string::npos) << result.error().message;
}

TEST_F(Migrations, ConcurrentServersApplyEachOnce) {
    auto all = db::embedded_migrations();
    std::vector<std::thread> starters;
    std::vector<int> ok(4, 0);
    for (int i = 0; i < 4; ++i) {
        starters.emplace_back([&, i] {
            db::Database own(database().url()); // each thread: its own connection, like a process
            ok[static_cast<std::size_t>(i)] = db::migrate(own, all).ok() ? 1 : 0;
        });
    }
    for (auto& t : starters) t.join();
    EXPECT_EQ(ok, std::vector<int>(4, 1));
    EXPECT_EQ(database().count_rows("schema_migrations"), static_cast<long long>(all.size()));
}

} // namespace
} // namespace mimamori::test
