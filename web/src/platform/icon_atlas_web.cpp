// icon_atlas.hpp in the browser: an <img> per SVG drawn into a canvas and uploaded as a WebGL
// texture (web/js/live.js), answered through main_queue.

#include "platform/icon_atlas.hpp"

#include <cstdint>

#include <emscripten/emscripten.h>

#include "platform/frames.hpp"
#include "platform/main_queue.hpp"

extern "C" {
void mimamori_js_icons_load(int request, const char* urls, int cell);
void mimamori_js_icons_free(int texture);
}

namespace mimamori::web::icon_atlas {
namespace {
int g_request = 0;
int g_cell_px = 0;
unsigned g_texture = 0;
int g_count = 0;
} // namespace

void request(const std::vector<std::string>& urls, int cell_px) {
    if (cell_px == g_cell_px || cell_px <= 0 || urls.empty()) return;
    g_cell_px = cell_px;
    std::string joined;
    for (const std::string& u : urls) joined += u + '\n';
    mimamori_js_icons_load(++g_request, joined.c_str(), cell_px);
}

bool ready() { return g_texture != 0 && g_count > 0; }
int cell_px() { return g_cell_px; }
ImTextureID texture() { return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(g_texture)); }
ImVec2 uv0(int index) { return ImVec2(static_cast<float>(index) / static_cast<float>(g_count), 0.0f); }
ImVec2 uv1(int index) { return ImVec2(static_cast<float>(index + 1) / static_cast<float>(g_count), 1.0f); }

} // namespace mimamori::web::icon_atlas

extern "C" EMSCRIPTEN_KEEPALIVE void mimamori_web_icons_done(int request, int texture, int count) {
    using namespace mimamori::web;
    main_queue::post([request, texture, count] {
        if (request != icon_atlas::g_request) {
            if (texture != 0) mimamori_js_icons_free(texture);
            return;
        }
        if (texture == 0) return; // keeps the old texture (if any); callers draw the fallback
        if (icon_atlas::g_texture != 0) mimamori_js_icons_free(static_cast<int>(icon_atlas::g_texture));
        icon_atlas::g_texture = static_cast<unsigned>(texture);
        icon_atlas::g_count = count;
    });
}
