#include "support/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <map>
#include <stdexcept>

extern char** environ;

namespace mimamori::test {

std::string server_binary() { return MIMAMORI_SERVER_BINARY; }
std::string verify_audit_binary() { return MIMAMORI_VERIFY_AUDIT_BINARY; }

ChildProcess::ChildProcess(const std::string& path, const std::vector<std::string>& args,
                           const std::vector<std::pair<std::string, std::string>>& env) {
    // Everything exec needs is built before fork: the child calls only async-signal-safe
    // functions (this test process has threads).
    std::map<std::string, std::string> merged;
    for (char** e = environ; *e != nullptr; ++e) {
        std::string entry(*e);
        auto eq = entry.find('=');
        if (eq != std::string::npos) merged[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    for (const auto& [name, value] : env) merged[name] = value;
    std::vector<std::string> env_strings;
    for (const auto& [name, value] : merged) env_strings.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings{path};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);

    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    m_pid = ::fork();
    if (m_pid < 0) throw std::runtime_error("fork failed");
    if (m_pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        ::execve(path.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    m_out = out[0];
    m_errfd = err[0];
}

ChildProcess::~ChildProcess() {
    if (!m_status && m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        int status;
        ::waitpid(m_pid, &status, 0);
    }
    if (m_out >= 0) ::close(m_out);
    if (m_errfd >= 0) ::close(m_errfd);
}

bool ChildProcess::pump(std::chrono::steady_clock::time_point deadline) {
    pollfd fds[2] = {{m_out, POLLIN, 0}, {m_errfd, POLLIN, 0}};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    int ready = ::poll(fds, 2, left.count() > 0 ? static_cast<int>(left.count()) : 0);
    if (ready <= 0) return false;
    char chunk[4096];
    for (int i = 0; i < 2; ++i) {
        if ((fds[i].revents & (POLLIN | POLLHUP)) == 0) continue;
        ssize_t n = ::read(fds[i].fd, chunk, sizeof chunk);
        if (n > 0) (i == 0 ? m_stdout : m_err).append(chunk, static_cast<std::size_t>(n));
        if (n == 0) { // the child closed it: stop polling it
            ::close(fds[i].fd);
            (i == 0 ? m_out : m_errfd) = -1;
        }
    }
    return true;
}

std::optional<std::string> ChildProcess::read_stdout_line(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (auto eol = m_stdout.find('\n'); eol != std::string::npos) {
            std::string line = m_stdout.substr(0, eol);
            m_stdout.erase(0, eol + 1);
            return line;
        }
        if (m_out < 0 || !pump(deadline)) return std::nullopt; // stdout ended, or time is up
    }
}

bool ChildProcess::wait_for_stderr(const std::string& text, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (m_err.find(text) == std::string::npos)
        if (m_errfd < 0 || !pump(deadline)) return false;
    return true;
}

void ChildProcess::send_signal(int signal) { ::kill(m_pid, signal); }

std::optional<int> ChildProcess::wait_for_exit(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!m_status) {
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        // Keep reading its output meanwhile, so a chatty child never blocks on a full pipe.
        if (m_out >= 0 || m_errfd >= 0) {
            pump(std::min(deadline, std::chrono::steady_clock::now() + 50ms));
        } else {
            ::usleep(20000);
        }
    }
    while ((m_out >= 0 || m_errfd >= 0) && pump(std::chrono::steady_clock::now() + 1s)) {}
    return m_status;
}

} // namespace mimamori::test
