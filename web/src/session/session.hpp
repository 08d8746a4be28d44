#pragma once
// The session as the app knows it: whether someone is signed in, who (GET /api/v1/me), and what
// perm::decide lets them do. Sign-in and invitation acceptance start it; sign-out, an answer
// that shows the session is gone, and the idle lock end it. Every end wipes what the screens
// held (App rebuilds them when `generation` changes) and forgets the CSRF token.

#include <optional>
#include <string>

#include "api/account_api.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::web {

struct AppState;

// Why the last session ended, for the sign-in screen to say.
enum class SessionEnd {
    None,      // never signed in on this page
    SignedOut, // the person signed out
    Expired,   // the server no longer knows the session (idle timeout elsewhere, signed out everywhere)
    IdleLock,  // no input for the idle timeout: locked on this device
};

struct Session {
    enum class Phase { Checking, SignedOut, SignedIn };

    Phase phase = Phase::Checking;
    api::Call<api::Me> me_request; // the GET /me of start-up or of a refresh
    std::optional<api::Me> me;
    perm::Principal principal;     // from `me`
    int generation = 0;            // +1 at every sign-in and end
    SessionEnd last_end = SessionEnd::None;
    std::string return_to;         // the route asked for before signing in
    api::Call<api::Nothing> sign_out_request;

    bool signed_in() const { return phase == Phase::SignedIn && me.has_value(); }
};

namespace session {

// Once per frame, before the screens: start-up check, refreshes, signals from API answers, and
// the idle lock (with a timer frame for its deadline).
void update(AppState& state);

// A sign-in (or an accepted invitation) succeeded.
void begin(AppState& state, const api::SignedIn& signed_in);

// Fetches /me again (after a password change or a two-factor change).
void refresh(AppState& state);

// Ends the session here: tells the server (best effort) and wipes it.
void end(AppState& state, SessionEnd why);

// perm::decide for the signed-in person (false when signed out).
bool allows(const AppState& state, perm::Action action, const perm::Target& target = {});

// Seconds left before the idle lock (nullopt when signed out or without a timeout). A kiosk
// shows them during the last minute.
std::optional<double> seconds_to_lock(const AppState& state);

} // namespace session
} // namespace mimamori::web
