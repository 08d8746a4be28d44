#pragma once
// Small per-device preferences (the display language), kept by the browser. Never anything
// secret or about a patient: DESIGN.md §5 keeps such data out of browser storage.

#include <optional>
#include <string>
#include <string_view>

namespace mimamori::web::settings {

std::optional<std::string> load(std::string_view key);
void save(std::string_view key, std::string_view value);

} // namespace mimamori::web::settings
