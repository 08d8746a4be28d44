// settings.hpp in the browser: localStorage, keys prefixed "mimamori.".

#include "platform/settings.hpp"

#include <cstdlib>

#include "platform/js_bridge.hpp"

namespace mimamori::web::settings {

std::optional<std::string> load(std::string_view key) {
    const std::string k(key);
    char* value = mimamori_js_setting_get(k.c_str());
    if (value == nullptr) return std::nullopt;
    std::string result(value);
    std::free(value);
    return result;
}

void save(std::string_view key, std::string_view value) {
    const std::string k(key);
    const std::string v(value);
    mimamori_js_setting_set(k.c_str(), v.c_str());
}

} // namespace mimamori::web::settings
