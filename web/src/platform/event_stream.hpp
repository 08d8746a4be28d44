#pragma once
// Server-Sent Events from the browser's EventSource (web/js/live.js): one stream at a time, its
// messages handed to the app through the main-thread queue (a message wakes a frame). The
// browser reconnects by itself after a network failure, sending Last-Event-ID; a stream the
// server refuses (401 after the session ended) is closed for good and reported as Closed.

#include <functional>
#include <string>
#include <string_view>

namespace mimamori::web::event_stream {

enum class Signal {
    Open,    // connected (again)
    Message, // `data` holds the message's data
    Closed,  // the browser gave up: the server refused the stream
};

using Listener = std::function<void(Signal, std::string_view data)>;

// Opens `url` (same origin, the session cookie goes with it), replacing an open stream.
void open(const std::string& url, Listener listener);
// Closes the stream; no signal follows.
void close();
bool is_open();

} // namespace mimamori::web::event_stream
