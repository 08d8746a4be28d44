// Configuration from flags and environment.
#include <gtest/gtest.h>

#include <map>

#include "config.hpp"

namespace mimamori::server {
namespace {

using Env = std::map<std::string, std::string>;

Result<ParsedArguments> parse(std::vector<std::string> args, Env env = {{"MIMAMORI_DATABASE_URL", "postgresql:///x"}}) {
    return parse_arguments(args, [env](std::string_view name) -> std::optional<std::string> {
        auto it = env.find(std::string(name));
        return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
}

TEST(Config, DefaultsNeedOnlyADatabase) {
    auto p = parse({});
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->config.address, "127.0.0.1");
    EXPECT_EQ(p->config.port, 8080);
    EXPECT_EQ(p->config.max_body_bytes, 1024u * 1024u);
    EXPECT_GE(p->config.threads, 2u);
    EXPECT_FALSE(p->config.web_root.empty());
    EXPECT_FALSE(p->config.test_routes);
}

TEST(Config, FlagsWinOverEnvironment) {
    auto p = parse({"--port", "9000", "--address=0.0.0.0", "--max-body-bytes", "10", "--header-timeout-ms=250"},
                   {{"MIMAMORI_DATABASE_URL", "postgresql:///x"}, {"MIMAMORI_PORT", "7000"}, {"MIMAMORI_THREADS", "3"}});
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->config.port, 9000);
    EXPECT_EQ(p->config.address, "0.0.0.0");
    EXPECT_EQ(p->config.threads, 3u);
    EXPECT_EQ(p->config.max_body_bytes, 10u);
    EXPECT_EQ(p->config.header_timeout.count(), 250);
}

TEST(Config, PortZeroMeansAnyFreePort) {
    auto p = parse({"--port", "0"});
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->config.port, 0);
}

TEST(Config, RefusesWhatItCannotUse) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--port", "65536"}, {"--port", "80a"}, {"--port"}, {"--threads", "0"}, {"--bogus", "1"},
             {"--max-body-bytes", "-1"}, {"--body-timeout-ms", ""}, {"--address", ""}}) {
        auto p = parse(args);
        ASSERT_FALSE(p.ok()) << args[0];
        EXPECT_NE(p.error().message.find(args[0]), std::string::npos) << p.error().message;
    }
}

TEST(Config, LiveUpdateOptions) {
    auto defaults = parse({});
    ASSERT_TRUE(defaults.ok());
    EXPECT_EQ(defaults->config.event_heartbeat.count(), 15000);
    EXPECT_EQ(defaults->config.event_queue_bytes, 1u << 20);
    auto p = parse({"--event-heartbeat-ms", "500"}, {{"MIMAMORI_DATABASE_URL", "postgresql:///x"},
                                                    {"MIMAMORI_EVENT_QUEUE_BYTES", "65536"}});
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->config.event_heartbeat.count(), 500);
    EXPECT_EQ(p->config.event_queue_bytes, 65536u);
    EXPECT_EQ(p->config.events_database_url, ""); // the listener then uses --database-url
    auto direct = parse({"--events-database-url", "postgresql:///db?host=/direct"});
    ASSERT_TRUE(direct.ok()) << direct.error().message;
    EXPECT_EQ(direct->config.events_database_url, "postgresql:///db?host=/direct");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--event-heartbeat-ms", "10"}, {"--event-heartbeat-ms", "x"}, {"--event-queue-bytes", "100"}}) {
        auto bad = parse(args);
        ASSERT_FALSE(bad.ok()) << args[0] << " " << args[1];
        EXPECT_NE(bad.error().message.find(args[0]), std::string::npos);
    }
}

TEST(Config, ABadEnvironmentValueNamesTheVariable) {
    auto p = parse({}, {{"MIMAMORI_DATABASE_URL", "postgresql:///x"}, {"MIMAMORI_PORT", "http"}});
    ASSERT_FALSE(p.ok());
    EXPECT_NE(p.error().message.find("MIMAMORI_PORT"), std::string::npos);
}

TEST(Config, RequiresADatabaseUrl) {
    auto p = parse({}, {});
    ASSERT_FALSE(p.ok());
    EXPECT_NE(p.error().message.find("--database-url"), std::string::npos);
    EXPECT_TRUE(parse({"--database-url", "postgresql:///y"}, {}).ok());
}

TEST(Config, HelpNeedsNothingElse) {
    auto p = parse({"--help"}, {});
    ASSERT_TRUE(p.ok());
    EXPECT_TRUE(p->help);
    EXPECT_NE(usage().find("--max-body-bytes"), std::string::npos);
}

TEST(Config, TestRoutesOnlyFromTheEnvironment) {
    EXPECT_TRUE(parse({}, {{"MIMAMORI_DATABASE_URL", "x"}, {"MIMAMORI_TEST_ROUTES", "1"}})->config.test_routes);
    EXPECT_FALSE(parse({"--test-routes"}).ok());
}

TEST(Config, MailLinksAndDemoData) {
    auto defaults = parse({});
    ASSERT_TRUE(defaults.ok());
    EXPECT_TRUE(defaults->config.smtp_host.empty()) << "no SMTP host: the development outbox";
    EXPECT_TRUE(defaults->config.public_url.empty()) << "this server's own address";
    EXPECT_EQ(defaults->config.invitation_lifetime.count(), 7 * 24 * 3600);
    auto p = parse({"--smtp-host", "mail.example.jp", "--smtp-port=587", "--mail-from", "jimukyoku@example.jp",
                    "--public-url", "https://mimamori.example.jp", "--invitation-lifetime-s", "3600",
                    "--demo-data", "assets/demo"},
                   {{"MIMAMORI_DATABASE_URL", "postgresql:///x"}, {"MIMAMORI_SMTP_TIMEOUT_MS", "2500"}});
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->config.smtp_host, "mail.example.jp");
    EXPECT_EQ(p->config.smtp_port, 587);
    EXPECT_EQ(p->config.mail_from, "jimukyoku@example.jp");
    EXPECT_EQ(p->config.smtp_timeout.count(), 2500);
    EXPECT_EQ(p->config.public_url, "https://mimamori.example.jp");
    EXPECT_EQ(p->config.invitation_lifetime.count(), 3600);
    EXPECT_EQ(p->config.demo_data, "assets/demo");
    auto bad = parse({"--public-url", "mimamori.example.jp"});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "--public-url");
    EXPECT_FALSE(parse({"--smtp-port", "0"}).ok());
    EXPECT_FALSE(parse({"--invitation-lifetime-s", "10"}).ok());
}

} // namespace
} // namespace mimamori::server
