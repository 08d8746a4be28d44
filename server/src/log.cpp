#include "log.hpp"

#include <unistd.h>

#include <charconv>
#include <condition_variable>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <string>
#include <thread>

namespace mimamori::log {
namespace {

using namespace std::chrono_literals;

// The request lines are gathered here and written by one thread: a write(2) per request was a
// good part of a cached page's CPU. Bounded: a caller that finds the buffer full writes it out
// itself, so nothing is dropped and memory stays small.
constexpr std::size_t k_wake_writer_bytes = 64 * 1024;
constexpr std::size_t k_max_buffer_bytes = 1024 * 1024;
constexpr auto k_flush_interval = 100ms;

void write_all(std::string_view text) {
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(STDERR_FILENO, text.data() + done, text.size() - done);
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

class Sink {
public:
    static Sink& instance() {
        static Sink* sink = [] {
            auto* s = new Sink; // never destroyed: workers may log while statics are torn down
            std::atexit([] { Sink::instance().stop(); });
            return s;
        }();
        return *sink;
    }

    // A request line: buffered, written within k_flush_interval by the writer thread.
    void buffered(std::string_view line) {
        bool wake = false;
        {
            std::lock_guard lock(m_buffer_mutex);
            if (!m_stopped && m_buffer.size() + line.size() <= k_max_buffer_bytes) {
                if (!m_writer.joinable()) m_writer = std::thread([this] { run(); });
                m_buffer.append(line);
                wake = m_buffer.size() >= k_wake_writer_bytes && m_buffer.size() - line.size() < k_wake_writer_bytes;
                line = {};
            }
        }
        if (wake) m_wake.notify_one();
        if (!line.empty()) flush_then(line); // full or stopped: this thread writes, in order
    }

    // Everything buffered so far, then `line`, written now (events other than requests are rare
    // and some are awaited by whoever reads the log).
    void flush_then(std::string_view line) {
        std::lock_guard write_lock(m_write_mutex); // the order of batches is the order of lines
        std::string pending;
        {
            std::lock_guard lock(m_buffer_mutex);
            pending.swap(m_buffer);
        }
        if (!line.empty()) pending.append(line);
        write_all(pending);
    }

    void stop() {
        {
            std::lock_guard lock(m_buffer_mutex);
            m_stopped = true; // from now on every line is written by its caller
        }
        m_wake.notify_one();
        flush_then({});
    }

private:
    void run() {
        std::unique_lock lock(m_buffer_mutex);
        while (!m_stopped) {
            m_wake.wait_for(lock, k_flush_interval, [&] { return m_stopped || m_buffer.size() >= k_wake_writer_bytes; });
            if (m_buffer.empty()) continue;
            lock.unlock();
            flush_then({});
            lock.lock();
        }
    }

    std::mutex m_buffer_mutex;
    std::mutex m_write_mutex;
    std::condition_variable m_wake;
    std::string m_buffer;
    bool m_stopped = false;
    std::thread m_writer; // detached in effect: the process ends with it
};

// "2025-01-31T09:00:00.123Z ": the part up to the seconds is formatted once per second per thread.
void append_timestamp(std::string& line) {
    thread_local std::time_t cached_second = -1;
    thread_local char cached_text[24];
    thread_local std::size_t cached_size = 0;
    auto now = std::chrono::system_clock::now();
    std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    if (seconds != cached_second) {
        std::tm tm{};
        gmtime_r(&seconds, &tm);
        cached_size = std::strftime(cached_text, sizeof cached_text, "%Y-%m-%dT%H:%M:%S", &tm);
        cached_second = seconds;
    }
    line.append(cached_text, cached_size);
    char ms[5] = {'.', static_cast<char>('0' + millis / 100), static_cast<char>('0' + millis / 10 % 10),
                  static_cast<char>('0' + millis % 10), 'Z'};
    line.append(ms, sizeof ms);
    line.push_back(' ');
}

void append_clean(std::string& line, std::string_view text) {
    for (char c : text) line.push_back(c == '\n' || c == '\r' ? ' ' : c);
}

void emit(std::string_view level, std::string_view message) {
    std::string line;
    line.reserve(message.size() + 48);
    append_timestamp(line);
    line.append(level);
    line.push_back(' ');
    append_clean(line, message);
    line.push_back('\n');
    Sink::instance().flush_then(line);
}

} // namespace

void info(std::string_view message) { emit("INFO", message); }
void warning(std::string_view message) { emit("WARN", message); }
void error(std::string_view message) { emit("ERROR", message); }

void access(std::string_view method, std::string_view target, int status, std::chrono::microseconds duration) {
    thread_local std::string line; // keeps its capacity: no allocation per request
    line.clear();
    append_timestamp(line);
    line.append("HTTP ");
    append_clean(line, method.empty() ? "-" : method);
    line.push_back(' ');
    std::string_view path = target.substr(0, target.find('?'));
    append_clean(line, path.empty() ? "-" : path);
    char tail[48];
    char* end = tail;
    *end++ = ' ';
    end = std::to_chars(end, tail + sizeof tail, status).ptr;
    *end++ = ' ';
    // As printf's "%.2f": the same correctly rounded digits.
    end = std::to_chars(end, tail + sizeof tail - 3, static_cast<double>(duration.count()) / 1000.0,
                        std::chars_format::fixed, 2)
              .ptr;
    *end++ = 'm';
    *end++ = 's';
    *end++ = '\n';
    line.append(tail, static_cast<std::size_t>(end - tail));
    Sink::instance().buffered(line);
}

void flush() { Sink::instance().flush_then({}); }

} // namespace mimamori::log
