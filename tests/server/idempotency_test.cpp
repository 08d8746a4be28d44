// Idempotency-Key on state-changing requests: replays, refusals, and no write twice (counted in
// the database).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "services/idempotency.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

using Idempotency = ServerTest;

const Json k_report = {{"message", "TypeError: x is undefined"}, {"where", "patients screen"}};

HttpResponse post_with_key(std::uint16_t port, const std::string& key, const Json& body) {
    return http_request(port, "POST", "/api/v1/client-errors",
                        {{"Content-Type", "application/json"}, {"Idempotency-Key", key}}, body.dump());
}

TEST_F(Idempotency, RepeatGetsTheFirstAnswerAndWritesOnce) {
    auto first = post_with_key(port(), "key-1", k_report);
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_FALSE(first.header("Idempotent-Replayed").has_value());
    for (int i = 0; i < 3; ++i) {
        auto again = post_with_key(port(), "key-1", k_report);
        EXPECT_EQ(again.status, 201);
        EXPECT_EQ(again.body, first.body);
        EXPECT_EQ(again.header("Content-Type"), first.header("Content-Type"));
        EXPECT_EQ(again.header("Idempotent-Replayed").value_or(""), "true");
    }
    EXPECT_EQ(database().count_rows("client_errors"), 1);
    // Another key is another request.
    EXPECT_EQ(post_with_key(port(), "key-2", k_report).status, 201);
    EXPECT_EQ(database().count_rows("client_errors"), 2);
}

TEST_F(Idempotency, SameKeyForADifferentRequestIs422AndWritesNothing) {
    ASSERT_EQ(post_with_key(port(), "key-1", k_report).status, 201);
    Json other = k_report;
    other["message"] = "something else";
    auto r = post_with_key(port(), "key-1", other);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.error_code(), "unprocessable");
    EXPECT_EQ(database().count_rows("client_errors"), 1);
}

TEST_F(Idempotency, DuplicateWhileTheFirstRunsIs409UntilItIsAbandoned) {
    // What a duplicate meets while the first request runs: its claim, committed, no answer yet.
    auto fingerprint = services::Idempotency::fingerprint("POST", "/api/v1/client-errors", k_report.dump());
    database().exec("INSERT INTO idempotency_keys (principal, key, fingerprint, claim, state) "
                    "VALUES ('', 'busy', '" + fingerprint + "', 'first', 'in_flight')");
    auto r = post_with_key(port(), "busy", k_report);
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.error_code(), "conflict");
    EXPECT_EQ(database().count_rows("client_errors"), 0);
    // A claim that never completed (its server died) is taken over after a while.
    database().exec("UPDATE idempotency_keys SET created_at = now() - interval '10 minutes'");
    EXPECT_EQ(post_with_key(port(), "busy", k_report).status, 201);
    EXPECT_EQ(database().count_rows("client_errors"), 1);
}

TEST_F(Idempotency, ConcurrentDuplicatesWriteOnce) {
    constexpr int k_clients = 12;
    std::atomic<int> created{0}, replayed{0}, busy{0}, other{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < k_clients; ++i) {
        clients.emplace_back([&] {
            auto r = post_with_key(port(), "race", k_report);
            if (r.status == 201 && r.header("Idempotent-Replayed")) ++replayed;
            else if (r.status == 201) ++created;
            else if (r.status == 409) ++busy;
            else ++other;
        });
    }
    for (auto& t : clients) t.join();
    EXPECT_EQ(created.load(), 1);
    EXPECT_EQ(created + replayed + busy, k_clients);
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(database().count_rows("client_errors"), 1);
}

TEST_F(Idempotency, FailedRequestIsNotStoredSoARetryRunsAgain) {
    Json bad = {{"message", ""}, {"where", "w"}};
    EXPECT_EQ(post_with_key(port(), "retry", bad).status, 400);
    EXPECT_EQ(database().count_rows("idempotency_keys"), 0);
    EXPECT_EQ(post_with_key(port(), "retry", bad).status, 400);
    EXPECT_EQ(post_with_key(port(), "retry", k_report).status, 201); // the key is free
    EXPECT_EQ(database().count_rows("client_errors"), 1);
}

TEST_F(Idempotency, MalformedKeysAre400) {
    for (const std::string& key : {std::string(""), std::string(256, 'k'), std::string("a\x01" "b")}) {
        auto r = post_with_key(port(), key, k_report);
        EXPECT_EQ(r.status, 400) << key.size();
        EXPECT_EQ(r.error_code(), "invalid_input");
    }
    EXPECT_EQ(post_with_key(port(), std::string(255, 'k'), k_report).status, 201);
    auto two = http_request(port(), "POST", "/api/v1/client-errors",
                            {{"Content-Type", "application/json"}, {"Idempotency-Key", "a"}, {"Idempotency-Key", "b"}},
                            k_report.dump());
    EXPECT_EQ(two.status, 400);
    EXPECT_EQ(database().count_rows("client_errors"), 1);
}

TEST_F(Idempotency, ExpiredKeyIsAFreshKey) {
    ASSERT_EQ(post_with_key(port(), "old", k_report).status, 201);
    database().exec("UPDATE idempotency_keys SET created_at = now() - interval '25 hours'");
    Json other = k_report;
    other["message"] = "a new request with a recycled key";
    EXPECT_EQ(post_with_key(port(), "old", other).status, 201);
    EXPECT_EQ(database().count_rows("client_errors"), 2);
}

TEST_F(Idempotency, IgnoredOnReadsAndWithoutAKeyEveryPostWrites) {
    EXPECT_EQ(get("/api/v1/health", {{"Idempotency-Key", ""}}).status, 200);
    EXPECT_EQ(post_json("/api/v1/client-errors", k_report).status, 201);
    EXPECT_EQ(post_json("/api/v1/client-errors", k_report).status, 201);
    EXPECT_EQ(database().count_rows("client_errors"), 2);
}

} // namespace
} // namespace mimamori::test
