// family_files.hpp's make_thumbnail and save_file in the browser: web/js/family.js (a thumbnail's
// answer comes back through main_queue).
#include <emscripten/emscripten.h>

#include <unordered_map>

#include "family/family_files.hpp"
#include "platform/main_queue.hpp"

extern "C" void mimamori_js_family_thumbnail(int id, int handle, int max_side, int max_bytes);
extern "C" void mimamori_js_family_save(const char* bytes, std::size_t length, const char* name, const char* type);

namespace mimamori::web::family {
namespace {
int g_next_id = 1;
std::unordered_map<int, Async<Thumbnail>::Completer> g_thumbnails;
} // namespace

Async<Thumbnail> make_thumbnail(int file_handle, int max_side) {
    auto [handle, complete] = Async<Thumbnail>::start();
    const int id = g_next_id++;
    g_thumbnails.emplace(id, complete);
    mimamori_js_family_thumbnail(id, file_handle, max_side, static_cast<int>(family_crypto::max_thumbnail_bytes));
    return handle;
}

void save_file(const std::string& bytes, const std::string& name, const std::string& media_type) {
    mimamori_js_family_save(bytes.data(), bytes.size(), name.c_str(), media_type.c_str());
}

} // namespace mimamori::web::family

extern "C" EMSCRIPTEN_KEEPALIVE void mimamori_web_family_thumbnail_done(int id, int ok, const char* data, int length,
                                                                      const char* type) {
    using namespace mimamori::web::family;
    auto it = g_thumbnails.find(id);
    if (it == g_thumbnails.end()) return;
    auto complete = it->second;
    g_thumbnails.erase(it);
    Thumbnail t{std::string(data, static_cast<std::size_t>(length)), type};
    mimamori::web::main_queue::post([complete, ok, t = std::move(t)]() mutable {
        if (ok) return complete.succeed(std::move(t));
        complete.fail(mimamori::Error::make(mimamori::ErrorCode::Unavailable, "the browser could not make a thumbnail"));
    });
}
