// file_picker.hpp in the browser: an <input type="file"> made for each pick (pre.js), the file
// read with File.arrayBuffer() and handed over through main_queue.

#include "platform/file_picker.hpp"

#include <string>
#include <unordered_map>
#include <utility>

#include <emscripten/emscripten.h>

#include "platform/js_bridge.hpp"
#include "platform/main_queue.hpp"

namespace mimamori::web::file_picker {
namespace {

using Picked = Async<std::optional<PickedFile>>;

int g_next_id = 1;
std::unordered_map<int, Picked::Completer> g_pending;

// The outcomes pre.js reports.
enum Outcome { kChosen = 0, kCancelled = 1, kTooLarge = 2, kUnreadable = 3 };

} // namespace

Picked pick(std::string_view accept, std::size_t max_bytes) {
    auto [handle, complete] = Picked::start();
    const int id = g_next_id++;
    g_pending.emplace(id, complete);
    const std::string a(accept);
    mimamori_js_pick_file(id, a.c_str(), static_cast<double>(max_bytes));
    return handle;
}

} // namespace mimamori::web::file_picker

extern "C" {

// `size`: the file's size as the browser knows it (also when it was not read).
EMSCRIPTEN_KEEPALIVE void mimamori_web_file_done(int id, int outcome, const char* name, const char* media_type,
                                                const char* data, int length, double size) {
    using namespace mimamori::web::file_picker;
    auto it = g_pending.find(id);
    if (it == g_pending.end()) return;
    Picked::Completer complete = it->second;
    g_pending.erase(it);
    PickedFile file{name, media_type, std::string(data, static_cast<std::size_t>(length))};
    mimamori::web::main_queue::post([complete, outcome, size, file = std::move(file)]() mutable {
        switch (outcome) {
        case kChosen: return complete.succeed(std::move(file));
        case kCancelled: return complete.succeed(std::nullopt);
        case kTooLarge:
            return complete.fail(mimamori::Error::make(mimamori::ErrorCode::PayloadTooLarge,
                                                       file.name + ": " + std::to_string(static_cast<long long>(size)) +
                                                           " bytes"));
        default:
            return complete.fail(mimamori::Error::make(mimamori::ErrorCode::Unavailable, file.name + ": not readable"));
        }
    });
}

} // extern "C"
