#pragma once
// AppState: everything the app knows, as plain data, owned by App and passed by reference to the
// screens (hello_imgui's AppState). Screens read and change it; nothing in it draws.

#include <string>

#include "api/api_client.hpp"
#include "async.hpp"
#include "live_feed.hpp"
#include "mimamori/common/vocabulary.hpp"
#include "session/session.hpp"

namespace mimamori::web {

struct HealthCheck {
    Async<api::Health> request;
    double finished_at = 0.0; // ImGui time when the last request finished (for the retry delay)
};

struct AppState {
    Lang lang = Lang::Ja;
    HealthCheck health;
    std::string input_check; // the start screen's text field (not saved anywhere)
    Session session;
    LiveFeed live; // the event stream of the signed-in person (issue 5)
};

} // namespace mimamori::web
