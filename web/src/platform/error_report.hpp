#pragma once
// Reports an unexpected failure (an exception that aborted a frame, a broken invariant) to the
// server's POST /api/v1/client-errors, best effort: the report is dropped if the server is down,
// and the page sends at most a few per load.

#include <string_view>

namespace mimamori::web {

void report_client_error(std::string_view message, std::string_view where);

// For failures the app cannot recover from (its font or WebGL2 missing): reports the error and
// replaces the app with a message asking to reload the page.
void fail(std::string_view message, std::string_view where);

} // namespace mimamori::web
