// event_stream.hpp in the browser: EventSource (web/js/live.js), answered through main_queue.

#include "platform/event_stream.hpp"

#include <string>
#include <utility>

#include <emscripten/emscripten.h>

#include "platform/main_queue.hpp"

extern "C" {
void mimamori_js_events_open(int id, const char* url);
void mimamori_js_events_close();
}

namespace mimamori::web::event_stream {
namespace {
int g_id = 0; // of the open stream; 0 when closed (signals of older streams are dropped)
Listener g_listener;
} // namespace

void open(const std::string& url, Listener listener) {
    g_listener = std::move(listener);
    g_id += 1;
    mimamori_js_events_open(g_id, url.c_str());
}

void close() {
    if (g_listener) mimamori_js_events_close();
    g_listener = nullptr;
    g_id += 1;
}

bool is_open() { return static_cast<bool>(g_listener); }

} // namespace mimamori::web::event_stream

extern "C" EMSCRIPTEN_KEEPALIVE void mimamori_web_event(int id, int signal, const char* data) {
    using namespace mimamori::web;
    std::string text = data != nullptr ? data : "";
    main_queue::post([id, signal, text = std::move(text)] {
        if (id != event_stream::g_id || !event_stream::g_listener) return;
        const auto s = static_cast<event_stream::Signal>(signal);
        const event_stream::Listener listener = event_stream::g_listener; // may close() inside
        if (s == event_stream::Signal::Closed) event_stream::g_listener = nullptr;
        listener(s, text);
    });
}
