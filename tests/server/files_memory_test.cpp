// A large file goes up and comes down without the server holding it in memory (issue 7): the
// real server binary as a child process, its resident memory (VmRSS) watched while 64 MiB are
// uploaded in PATCHes of 16 MiB and downloaded again. Memory, not time, is asserted.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <thread>

#include "files_support.hpp"
#include "mimamori/common/crypto.hpp"
#include "support/child_process.hpp"

namespace mimamori::test {
namespace {

// VmRSS of a process in KiB, or -1.
long resident_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

class FileMemory : public FreshDatabaseTest {};

TEST_F(FileMemory, A64MiBFileGoesUpAndDownWhileTheServersMemoryGrowsFarLess) {
    ChildProcess child(server_binary(), {"--port", "0", "--database-url", database().url(), "--threads", "4",
                                         "--password-hash-limits", "minimum", "--soffice", "none"});
    auto line = child.read_stdout_line().value_or("");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(line, m, std::regex(R"(:(\d+)$)"))) << line << child.stderr_text();
    auto port = static_cast<std::uint16_t>(std::stoi(m[1]));
    auto care = create_care_setting(database()); // the server has migrated the database
    auto nurse = sign_in(port, "nurse");

    // Warm up: every worker thread opens its database connection, the readers theirs.
    for (int i = 0; i < 8; ++i) {
        std::string url;
        ASSERT_EQ(upload_file(nurse, upload_metadata(care.patient, "warm.jpg"), sample::big_jpeg(600 * 1024), url).status,
                  204);
        ASSERT_EQ(get_file(nurse, url).status, 200);
    }
    const long before = resident_kib(child.pid());
    ASSERT_GT(before, 0);
    long most = before;

    constexpr std::size_t size = 64u << 20;
    const std::string bytes = sample::big_jpeg(size);
    auto created = tus_create(nurse, size, upload_metadata(care.patient, "walk.jpg"));
    ASSERT_EQ(created.status, 201);
    const std::string url = created.header("Location").value_or("");
    constexpr std::size_t chunk = 16u << 20;
    for (std::size_t offset = 0; offset < size; offset += chunk) {
        ASSERT_EQ(tus_patch(nurse, url, offset, bytes.substr(offset, chunk)).status, 204);
        most = std::max(most, resident_kib(child.pid()));
    }

    HttpConnection c(port);
    c.send_request("GET", url, session_headers(nurse, false));
    auto head = c.read_head();
    ASSERT_EQ(head.status, 200);
    crypto::Sha256 got;
    std::size_t received = 0;
    while (received < size) {
        auto piece = c.read_some(size - received);
        got.update(as_bytes(piece));
        received += piece.size();
        if (received % (4u << 20) < piece.size()) most = std::max(most, resident_kib(child.pid()));
    }
    EXPECT_EQ(got.finish(), crypto::sha256(as_bytes(bytes)));
    most = std::max(most, resident_kib(child.pid()));

    const long growth_kib = most - before;
    RecordProperty("rss_before_kib", std::to_string(before));
    RecordProperty("rss_growth_kib", std::to_string(growth_kib));
    std::printf("server VmRSS %ld KiB before, at most %ld KiB during (+%ld KiB) for a %zu MiB file\n", before, most,
                growth_kib, size >> 20);
    EXPECT_LT(growth_kib, 16 * 1024) << "the server's memory grew with the file";
}

} // namespace
} // namespace mimamori::test
