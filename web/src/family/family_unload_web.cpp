// family_vault.hpp's page-unload wipe in the browser: a pagehide listener (fired when the page
// is left, reloaded or put into the back-forward cache) calls back into the module.
#include <emscripten.h>

#include "family/family_vault.hpp"

extern "C" EMSCRIPTEN_KEEPALIVE void mimamori_family_wipe() { mimamori::web::family::vault().wipe(); }

namespace mimamori::web::family {

void install_unload_wipe() {
    EM_ASM({
        window.addEventListener('pagehide', function() { Module['_mimamori_family_wipe'](); });
    });
}

} // namespace mimamori::web::family
