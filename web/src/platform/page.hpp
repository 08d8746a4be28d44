#pragma once
// What the page does for the app beyond drawing: downloads and printing (pre.js).

#include <span>
#include <string>
#include <string_view>

namespace mimamori::web::page {

// Starts a browser download of `url` (same origin, relative to the page, e.g.
// "api/v1/staff.csv"): the session cookie goes with it, and the browser saves the answer under
// the name the server's Content-Disposition gives.
void download(std::string_view url);

// Opens the browser's print dialog for `title` and `lines` alone (the app is not printed). The
// text exists in the page only while the dialog is open: fit for recovery codes.
void print(std::string_view title, std::span<const std::string> lines);

} // namespace mimamori::web::page
