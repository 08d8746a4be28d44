#pragma once
// Reading the app's routes ("/facilities/12/edit"): their segments and the ids in them.

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace mimamori::web::route {

// "/facilities/12/edit" -> {"facilities", "12", "edit"}; empty segments are dropped.
inline std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    while (!path.empty()) {
        const auto slash = path.find('/');
        const std::string_view part = path.substr(0, slash);
        if (!part.empty()) out.push_back(part);
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

// A positive id written in decimal, or nullopt.
inline std::optional<std::int64_t> id(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
    return value;
}

} // namespace mimamori::web::route
