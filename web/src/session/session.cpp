#include "session/session.hpp"

#include <algorithm>
#include <cmath>

#include "app_state.hpp"
#include "platform/frames.hpp"
#include "platform/runtime.hpp"

namespace mimamori::web::session {
namespace {

// A kiosk shows the seconds left before it locks for this long (session.hpp).
constexpr double kCountdownSeconds = 60.0;

// Signals from API answers arrive between frames; they are acted on in update().
bool g_ended_signal = false;
bool g_refresh_signal = false;

void listen() {
    static bool listening = false;
    if (listening) return;
    listening = true;
    api::set_session_listener([](api::SessionSignal signal) {
        if (signal == api::SessionSignal::Ended) g_ended_signal = true;
        if (signal == api::SessionSignal::PasswordChangeRequired) g_refresh_signal = true;
    });
}

void adopt(Session& s, api::Me me) {
    api::set_csrf_token(me.csrf_token);
    s.principal = me.principal();
    s.me = std::move(me);
    if (s.phase != Session::Phase::SignedIn) {
        s.phase = Session::Phase::SignedIn;
        ++s.generation;
    }
}

void wipe(Session& s, SessionEnd why) {
    api::set_csrf_token({});
    s.me.reset();
    s.principal = {};
    s.me_request.reset();
    s.phase = Session::Phase::SignedOut;
    s.last_end = why;
    ++s.generation;
}

} // namespace

void update(AppState& state) {
    listen();
    Session& s = state.session;
    if (s.phase == Session::Phase::Checking && s.me_request.not_started()) s.me_request = api::fetch_me();
    if (s.me_request.done()) {
        api::Me me = s.me_request.value();
        s.me_request.reset();
        adopt(s, std::move(me));
    } else if (s.me_request.failed()) {
        const bool gone = s.me_request.error().http_status == 401;
        s.me_request.reset();
        if (s.phase == Session::Phase::SignedIn) {
            // A refresh that failed: the session is over only when the server says so.
            if (gone) wipe(s, SessionEnd::Expired);
        } else {
            s.phase = Session::Phase::SignedOut;
        }
    }
    if (g_ended_signal) {
        g_ended_signal = false;
        if (s.phase == Session::Phase::SignedIn) wipe(s, SessionEnd::Expired);
    }
    if (g_refresh_signal) {
        g_refresh_signal = false;
        if (s.phase == Session::Phase::SignedIn) refresh(state);
    }
    if (const auto left = seconds_to_lock(state)) {
        if (*left <= 0.0) {
            end(state, SessionEnd::IdleLock);
        } else if (s.me->kiosk && *left <= kCountdownSeconds) {
            frames::request_in(*left - std::floor(*left) + 0.01); // the countdown's next second
        } else {
            // No frames while idle: one at the lock, or at the start of a kiosk's countdown.
            frames::request_in(s.me->kiosk ? *left - kCountdownSeconds : *left);
        }
    }
}

void begin(AppState& state, const api::SignedIn& signed_in) {
    Session& s = state.session;
    if (s.phase == Session::Phase::SignedIn) wipe(s, SessionEnd::SignedOut); // another account's session
    api::Me me = signed_in.me;
    if (me.csrf_token.empty()) me.csrf_token = signed_in.csrf_token;
    adopt(s, std::move(me));
}

void refresh(AppState& state) {
    if (!state.session.me_request.in_flight()) state.session.me_request = api::fetch_me();
}

void end(AppState& state, SessionEnd why) {
    Session& s = state.session;
    if (s.phase != Session::Phase::SignedIn) return;
    // The request carries the token, so it goes out before the wipe forgets it.
    if (why != SessionEnd::Expired) s.sign_out_request = api::sign_out();
    wipe(s, why);
}

bool allows(const AppState& state, perm::Action action, const perm::Target& target) {
    return state.session.signed_in() && perm::decide(state.session.principal, action, target).allowed;
}

std::optional<double> seconds_to_lock(const AppState& state) {
    const Session& s = state.session;
    if (!s.signed_in() || s.me->idle_timeout_seconds <= 0) return std::nullopt;
    return static_cast<double>(s.me->idle_timeout_seconds) - runtime::seconds_since_input();
}

} // namespace mimamori::web::session
