// GET /api/v1/health, with the database up, gone, and back.
#include <gtest/gtest.h>

#include "mimamori/common/version.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

using Health = ServerTest;

TEST_F(Health, ReportsDatabaseAndVersions) {
    auto r = get("/api/v1/health");
    ASSERT_EQ(r.status, 200);
    auto body = r.json();
    EXPECT_EQ(body["status"], "ok");
    EXPECT_EQ(body["db"], "ok");
    EXPECT_EQ(body["version"], kVersion);
    EXPECT_EQ(body["schema_version"], std::stoi(database().query_value("SELECT max(version) FROM schema_migrations")));
}

TEST_F(Health, Is503WhileTheDatabaseIsGoneAndRecovers) {
    // Every worker first holds a connection, then the database refuses new ones and the
    // existing ones are ended: the retry-once reconnect must fail.
    for (int i = 0; i < 8; ++i) ASSERT_EQ(get("/api/v1/health").status, 200);
    TestDatabase::exec_admin("ALTER DATABASE " + database().name() + " ALLOW_CONNECTIONS false");
    TestDatabase::exec_admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                             database().name() + "'");
    for (int i = 0; i < 8; ++i) {
        auto r = get("/api/v1/health");
        ASSERT_EQ(r.status, 503);
        EXPECT_EQ(r.json()["db"], "unavailable");
        EXPECT_TRUE(r.json()["schema_version"].is_null());
    }
    EXPECT_EQ(get("/app.css").status, 200); // the web app is still served
    auto write = post_json("/api/v1/client-errors", {{"message", "m"}, {"where", "w"}});
    EXPECT_EQ(write.status, 503);
    EXPECT_EQ(write.error_code(), "unavailable");

    TestDatabase::exec_admin("ALTER DATABASE " + database().name() + " ALLOW_CONNECTIONS true");
    for (int i = 0; i < 8; ++i) EXPECT_EQ(get("/api/v1/health").status, 200);
    EXPECT_EQ(post_json("/api/v1/client-errors", {{"message", "m"}, {"where", "w"}}).status, 201);
}

TEST_F(Health, SurvivesADatabaseRestartOfItsConnections) {
    for (int i = 0; i < 8; ++i) ASSERT_EQ(get("/api/v1/health").status, 200);
    // Connections that broke while idle are replaced on their next use (retry once).
    TestDatabase::exec_admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                             database().name() + "'");
    for (int i = 0; i < 8; ++i) EXPECT_EQ(get("/api/v1/health").status, 200);
    EXPECT_EQ(post_json("/api/v1/client-errors", {{"message", "m"}, {"where", "w"}}).status, 201);
}

} // namespace
} // namespace mimamori::test
