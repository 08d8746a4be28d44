// Every answer reaches the request it answers: Pistache queues writes by fd number, and fds are
// reused as soon as a connection closes, so clients here open, reuse, pipeline, close and reset
// connections concurrently while each answer's X-Request-Id and body are checked.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <random>
#include <thread>

#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

using ResponseMatching = ServerTest;

struct Probe {
    std::string target;
    std::string expected_body; // empty: check the status only
    int status;
};

Probe pick(std::mt19937& random) {
    int n = static_cast<int>(random() % 20);
    if (n < 16) {
        std::string name = "stress/" + std::to_string(n) + ".txt";
        return {"/" + name, read_web_file(name), 200};
    }
    if (n < 18) return {"/api/v1/health", "", 200};
    if (n < 19) return {"/api/v1/missing-" + std::to_string(random()), "", 404};
    return {"/big.bin", read_web_file("big.bin"), 200};
}

TEST_F(ResponseMatching, UnderConcurrencyAndConnectionChurn) {
    constexpr int k_threads = 8;
    constexpr int k_rounds = 150;
    std::atomic<int> checked{0};
    std::atomic<int> mismatched{0};
    std::atomic<int> failed{0};
    std::mutex reports_mutex;
    std::vector<std::string> reports;
    std::vector<std::thread> threads;
    for (int t = 0; t < k_threads; ++t) {
        threads.emplace_back([&, t] {
            std::mt19937 random(static_cast<unsigned>(1000 + t));
            std::optional<HttpConnection> c;
            for (int round = 0; round < k_rounds; ++round) {
                try {
                    if (!c || random() % 4 == 0) c.emplace(port());
                    std::string id = "t" + std::to_string(t) + "-" + std::to_string(round);
                    int mode = static_cast<int>(random() % 10);
                    if (mode == 0) { // send, then vanish with a reset before the answer
                        c->send_request("GET", pick(random).target, {{"X-Request-Id", id}});
                        c->reset();
                        c.reset();
                        continue;
                    }
                    int count = mode == 1 ? 3 : 1; // pipelined
                    bool close = mode == 2;
                    std::vector<Probe> probes;
                    for (int i = 0; i < count; ++i) {
                        probes.push_back(pick(random));
                        HeaderList headers{{"X-Request-Id", id + "-" + std::to_string(i)}};
                        if (close && i == count - 1) headers.emplace_back("Connection", "close");
                        c->send_request("GET", probes.back().target, headers);
                    }
                    for (int i = 0; i < count; ++i) {
                        auto r = c->read_response();
                        bool ok = r.header("X-Request-Id").value_or("") == id + "-" + std::to_string(i) &&
                                  r.status == probes[static_cast<std::size_t>(i)].status &&
                                  (probes[static_cast<std::size_t>(i)].expected_body.empty() ||
                                   r.body == probes[static_cast<std::size_t>(i)].expected_body);
                        ++checked;
                        if (!ok) {
                            ++mismatched;
                            std::lock_guard lock(reports_mutex);
                            reports.push_back("sent " + id + "-" + std::to_string(i) + " for " +
                                              probes[static_cast<std::size_t>(i)].target + ", got " +
                                              r.header("X-Request-Id").value_or("(none)") + " status " +
                                              std::to_string(r.status) + " body " + r.body.substr(0, 60));
                        }
                    }
                    if (close) c.reset();
                } catch (const std::exception&) {
                    ++failed;
                    c.reset();
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(mismatched.load(), 0);
    for (const auto& report : reports) ADD_FAILURE() << report;
    EXPECT_EQ(failed.load(), 0);
    EXPECT_GT(checked.load(), k_threads * k_rounds / 2);
    EXPECT_EQ(get("/api/v1/health").status, 200);
}

} // namespace
} // namespace mimamori::test
