#pragma once
// URL routes: the part of the address after '#', e.g. "/" or "/about" (later "/patients/123").
// Deep links open straight on their screen, and the browser's back and forward buttons move
// between routes: a route change requests a frame.

#include <string>
#include <string_view>

namespace mimamori::web::router {

// The current route, always starting with '/'.
const std::string& current();

// Goes to `path` (starting with '/'), adding a history entry so that Back returns here.
void navigate(std::string_view path);

// Goes to `path` in place of the current history entry (a screen the person may not see sends
// them on: Back must not bring them to it again).
void redirect(std::string_view path);

} // namespace mimamori::web::router
