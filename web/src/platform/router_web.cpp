// router.hpp in the browser: the URL hash, kept in step by pre.js (hashchange).

#include "platform/router.hpp"

#include <emscripten/emscripten.h>

#include "platform/frames.hpp"
#include "platform/js_bridge.hpp"
#include "platform/runtime.hpp"

namespace mimamori::web::router {
namespace {
std::string g_route = "/";
} // namespace

const std::string& current() { return g_route; }

void navigate(std::string_view path) {
    const std::string p(path);
    mimamori_js_navigate(p.c_str(), 0); // the hashchange that follows sets g_route
}

void redirect(std::string_view path) {
    const std::string p(path);
    mimamori_js_navigate(p.c_str(), 1);
}

} // namespace mimamori::web::router

extern "C" EMSCRIPTEN_KEEPALIVE void mimamori_web_route(const char* path) {
    using namespace mimamori::web;
    router::g_route = path != nullptr && path[0] == '/' ? path : "/";
    runtime::request_settle_frames();
}
