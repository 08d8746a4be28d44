#pragma once
// The real mimamori-server binary as a child process, for what only a process shows: its
// command line, its one "listening" line, its exit status, and signals.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mimamori::test {

using namespace std::chrono_literals;

// The path of the server binary built next to the tests.
std::string server_binary();
// The path of mimamori-verify-audit (tools/verify-audit's program).
std::string verify_audit_binary();

class ChildProcess {
public:
    // Starts `path` with `args`; the environment is this process's plus `env` (which wins).
    ChildProcess(const std::string& path, const std::vector<std::string>& args,
                 const std::vector<std::pair<std::string, std::string>>& env = {});
    ~ChildProcess(); // kills and reaps the child if it still runs
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // The next whole line of stdout, or nullopt when none came within `timeout`.
    std::optional<std::string> read_stdout_line(std::chrono::milliseconds timeout = 20s);
    // Waits until stderr (so far, or within `timeout`) contains `text`.
    bool wait_for_stderr(const std::string& text, std::chrono::milliseconds timeout = 20s);
    void send_signal(int signal);
    // The exit status (128 + N when killed by signal N), or nullopt after `timeout`.
    std::optional<int> wait_for_exit(std::chrono::milliseconds timeout = 20s);

    const std::string& stderr_text() const { return m_err; }
    pid_t pid() const { return m_pid; }

private:
    // Reads whatever the child wrote; false when `deadline` passed first.
    bool pump(std::chrono::steady_clock::time_point deadline);

    pid_t m_pid = -1;
    int m_out = -1;
    int m_errfd = -1;
    std::string m_stdout;
    std::string m_err;
    std::optional<int> m_status;
};

} // namespace mimamori::test
