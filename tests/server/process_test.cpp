// The real binary as a child process: its command line, its "listening" line, its exit status,
// refusal to start, and the SIGTERM drain.
#include <gtest/gtest.h>

#include <signal.h>

#include <regex>
#include <thread>

#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace mimamori::test {
namespace {

class Process : public FreshDatabaseTest {
protected:

    // Starts the server on a free port; returns its port from the one line it prints.
    std::uint16_t start(ChildProcess& child) {
        auto line = child.read_stdout_line();
        EXPECT_TRUE(line.has_value()) << child.stderr_text();
        std::smatch m;
        std::string text = line.value_or("");
        if (!std::regex_match(text, m, std::regex(R"(mimamori-server listening on http://127\.0\.0\.1:(\d+))"))) {
            ADD_FAILURE() << "unexpected first line: " << text;
            return 0;
        }
        return static_cast<std::uint16_t>(std::stoi(m[1]));
    }

    std::vector<std::string> args() { return {"--port", "0", "--database-url", database().url()}; }

    // Starts `child` (with test routes) and sends it a request that sleeps `ms`; returns once
    // the child says the request runs. Throws when the child did not start.
    HttpConnection sleeping_request(ChildProcess& child, int ms) {
        auto port = start(child);
        if (port == 0) throw std::runtime_error("the server did not start: " + child.stderr_text());
        HttpConnection slow(port);
        slow.send_request("GET", "/api/v1/test/sleep?ms=" + std::to_string(ms));
        if (!child.wait_for_stderr("test sleep started")) throw std::runtime_error("no sleep: " + child.stderr_text());
        return slow;
    }
};

TEST_F(Process, PrintsItsRealPortAndServes) {
    ChildProcess child(server_binary(), args());
    auto port = start(child);
    ASSERT_NE(port, 0);
    EXPECT_EQ(http_request(port, "GET", "/api/v1/health").status, 200);
    EXPECT_FALSE(child.read_stdout_line(200ms).has_value()); // exactly one line
    child.send_signal(SIGINT);
    EXPECT_EQ(child.wait_for_exit(), 0);
    // One access-log line per request, without the query.
    EXPECT_NE(child.stderr_text().find("GET /api/v1/health 200"), std::string::npos) << child.stderr_text();
}

TEST_F(Process, RequestLinesAreWrittenWhileItRunsAndAllOfThemAtExit) {
    ChildProcess child(server_binary(), args());
    auto port = start(child);
    ASSERT_NE(port, 0);
    EXPECT_EQ(http_request(port, "GET", "/api/v1/health?secret=token-123").status, 200);
    // Buffered, but written within ~100 ms without further requests, in the same format.
    ASSERT_TRUE(child.wait_for_stderr(" HTTP GET /api/v1/health 200 ")) << child.stderr_text();
    EXPECT_TRUE(std::regex_search(child.stderr_text(),
                                  std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z HTTP GET /api/v1/health 200 \d+\.\d\dms\n)")))
        << child.stderr_text();
    for (int i = 0; i < 300; ++i) EXPECT_EQ(http_request(port, "GET", "/api/v1/no-such-thing").status, 404);
    child.send_signal(SIGINT);
    EXPECT_EQ(child.wait_for_exit(), 0);
    const std::string& text = child.stderr_text();
    std::size_t lines = 0;
    for (std::size_t at = text.find("HTTP GET /api/v1/no-such-thing 404 "); at != std::string::npos;
         at = text.find("HTTP GET /api/v1/no-such-thing 404 ", at + 1))
        ++lines;
    EXPECT_EQ(lines, 300u); // none dropped, each whole
    // The query (where a careless client might put a token) never reaches the log.
    EXPECT_EQ(text.find("token-123"), std::string::npos);
    // Lines of other kinds come after the request lines before them.
    EXPECT_LT(text.rfind("no-such-thing"), text.find("INFO stopped")) << text;
}

TEST_F(Process, TakesItsConfigurationFromTheEnvironment) {
    ChildProcess child(server_binary(), {}, {{"MIMAMORI_PORT", "0"}, {"MIMAMORI_DATABASE_URL", database().url()}});
    auto port = start(child);
    ASSERT_NE(port, 0);
    EXPECT_EQ(http_request(port, "GET", "/api/v1/health").status, 200);
}

TEST_F(Process, SigtermLetsTheRequestInFlightFinishThenExitsZero) {
    ChildProcess child(server_binary(), args(), {{"MIMAMORI_TEST_ROUTES", "1"}});
    HttpConnection slow = sleeping_request(child, 1500);
    child.send_signal(SIGTERM);
    auto r = slow.read_response();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json()["slept_ms"], 1500);
    EXPECT_EQ(child.wait_for_exit(), 0) << child.stderr_text();
}

TEST_F(Process, ASecondSignalDoesNotWait) {
    ChildProcess child(server_binary(), args(), {{"MIMAMORI_TEST_ROUTES", "1"}});
    HttpConnection slow = sleeping_request(child, 10000);
    child.send_signal(SIGTERM);
    ASSERT_TRUE(child.wait_for_stderr("finishing the requests in flight"));
    child.send_signal(SIGTERM);
    EXPECT_EQ(child.wait_for_exit(5s), 1) << child.stderr_text(); // well before the 10 s sleep ends
}

TEST_F(Process, TestRoutesAreOffByDefault) {
    ChildProcess child(server_binary(), args());
    auto port = start(child);
    ASSERT_NE(port, 0);
    EXPECT_EQ(http_request(port, "GET", "/api/v1/test/sleep?ms=1").status, 404);
}

TEST_F(Process, HelpExitsZero) {
    ChildProcess child(server_binary(), {"--help"});
    auto line = child.read_stdout_line();
    EXPECT_NE(line.value_or("").find("Usage: mimamori-server"), std::string::npos);
    EXPECT_EQ(child.wait_for_exit(), 0);
}

TEST_F(Process, BadFlagExitsTwoWithAMessage) {
    ChildProcess child(server_binary(), {"--port", "seventy"});
    EXPECT_EQ(child.wait_for_exit(), 2);
    EXPECT_NE(child.stderr_text().find("--port must be a whole number"), std::string::npos) << child.stderr_text();
}

TEST_F(Process, UnreachableDatabaseExitsOne) {
    ChildProcess child(server_binary(), {"--port", "0", "--database-url", with_database(database().url(), "no_such_db")});
    EXPECT_EQ(child.wait_for_exit(), 1);
    EXPECT_NE(child.stderr_text().find("cannot prepare the database"), std::string::npos) << child.stderr_text();
}

TEST_F(Process, RefusesToStartOnANewerSchema) {
    {
        ChildProcess first(server_binary(), args());
        ASSERT_NE(start(first), 0);
        first.send_signal(SIGTERM);
        ASSERT_EQ(first.wait_for_exit(), 0);
    }
    database().exec("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, '9999_future.sql', 'x')");
    ChildProcess child(server_binary(), args());
    EXPECT_EQ(child.wait_for_exit(), 1);
    EXPECT_NE(child.stderr_text().find("newer than this server knows"), std::string::npos) << child.stderr_text();
    EXPECT_FALSE(child.read_stdout_line(100ms).has_value());
}

TEST_F(Process, PortInUseExitsOne) {
    ChildProcess first(server_binary(), args());
    auto port = start(first);
    ASSERT_NE(port, 0);
    ChildProcess second(server_binary(), {"--port", std::to_string(port), "--database-url", database().url()});
    EXPECT_EQ(second.wait_for_exit(), 1);
    EXPECT_NE(second.stderr_text().find("cannot listen"), std::string::npos) << second.stderr_text();
}

} // namespace
} // namespace mimamori::test
