// page.hpp and clock.hpp in the browser (pre.js).

#include <cstdlib>
#include <ctime>
#include <string>

#include "platform/clock.hpp"
#include "platform/js_bridge.hpp"
#include "platform/page.hpp"

namespace mimamori::web {

void page::download(std::string_view url) {
    const std::string u(url);
    mimamori_js_download(u.c_str());
}

void page::print(std::string_view title, std::span<const std::string> lines) {
    std::string joined;
    for (const std::string& line : lines) {
        if (!joined.empty()) joined += '\n';
        joined += line;
    }
    const std::string t(title);
    mimamori_js_print(t.c_str(), joined.c_str());
}

std::int64_t clock::unix_seconds() { return static_cast<std::int64_t>(mimamori_js_unix_seconds()); }

int clock::current_year() {
    const std::time_t now = static_cast<std::time_t>(unix_seconds());
    std::tm local{};
    localtime_r(&now, &local); // emscripten takes the time zone from the browser
    return local.tm_year + 1900;
}

std::string clock::local_time(std::string_view iso) {
    const std::string in(iso);
    char* out = mimamori_js_local_time(in.c_str());
    std::string result = out != nullptr ? out : in;
    std::free(out);
    return result;
}

std::string clock::local_time_at(std::int64_t unix_seconds) {
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char iso[32];
    std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return local_time(iso);
}

} // namespace mimamori::web
