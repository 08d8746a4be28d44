#include "log.hpp"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <string>

namespace mimamori::log {
namespace {

void append_timestamp(std::string& line) {
    auto now = std::chrono::system_clock::now();
    std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char text[40];
    std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(text + n, sizeof text - n, ".%03dZ ", static_cast<int>(millis));
    line.append(text);
}

// One write(2) per line: lines from different threads never interleave (a pipe keeps writes of
// up to PIPE_BUF bytes whole), and no lock is shared by the workers.
void emit(std::string_view level, std::string_view message) {
    std::string line;
    line.reserve(message.size() + 48);
    append_timestamp(line);
    line.append(level);
    line.push_back(' ');
    for (char c : message) line.push_back(c == '\n' || c == '\r' ? ' ' : c);
    line.push_back('\n');
    std::size_t done = 0;
    while (done < line.size()) {
        ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

} // namespace

void info(std::string_view message) { emit("INFO", message); }
void warning(std::string_view message) { emit("WARN", message); }
void error(std::string_view message) { emit("ERROR", message); }

void access(std::string_view method, std::string_view target, int status, std::chrono::microseconds duration) {
    std::string line;
    line.append(method.empty() ? "-" : method);
    line.push_back(' ');
    std::string_view path = target.substr(0, target.find('?'));
    line.append(path.empty() ? "-" : path);
    char tail[48];
    std::snprintf(tail, sizeof tail, " %d %.2fms", status, static_cast<double>(duration.count()) / 1000.0);
    line.append(tail);
    emit("HTTP", line);
}

} // namespace mimamori::log
