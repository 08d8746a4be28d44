#pragma once
// The server's log: one line per event on stderr, "2025-01-31T09:00:00.123Z LEVEL text".
// Never log request bodies, cookies, passwords or tokens; the access log has the path without
// its query for that reason.

#include <chrono>
#include <string_view>

namespace mimamori::log {

void info(std::string_view message);
void warning(std::string_view message);
void error(std::string_view message);

// One line per answered request: method, path without query, status, duration. These lines are
// buffered and written by one thread at least every 100 ms, at exit and before any other line
// (never dropped: a full buffer is written by the caller).
void access(std::string_view method, std::string_view target, int status, std::chrono::microseconds duration);

// Writes the buffered request lines now.
void flush();

} // namespace mimamori::log
