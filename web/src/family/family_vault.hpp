#pragma once
// The signed-in member's family space keys (DESIGN.md §5): unwrapped in wasm memory only, never
// written to any browser storage, and wiped (sodium_memzero, by family_crypto's Secret types)
// when the session ends -- sign-out, the kiosk idle lock, an expired session -- and when the page
// is unloaded. The keys belong to one session: a vault of an earlier session's generation is
// wiped before anything else looks at it.
//
// At sign-in the app unwraps the keys with the password just typed (hold_sign_in_password()),
// so that the family space opens without asking again; after a page reload (the keys are gone,
// the session cookie is not) the family space asks for the password.

#include <optional>
#include <string>

#include "api/call.hpp"
#include "mimamori/common/family_crypto/key_wrap.hpp"
#include "mimamori/common/family_crypto/member_keys.hpp"

namespace mimamori::web {
struct AppState;
}

namespace mimamori::web::family {

namespace fc = family_crypto;

class Vault {
public:
    // The unlocked identity of session `generation`; null when locked or of another session.
    const fc::MemberIdentity* identity(int generation) const;
    void set(fc::MemberIdentity identity, int generation);
    // Wipes the identity and any password held.
    void wipe();
    // The password of a sign-in, held (in memory, for this session only) until GET /me/keys has
    // answered and the keys are unwrapped with it; wiped then, or by wipe().
    void hold_sign_in_password(const std::string& password, int generation);
    // Once per frame: wipes what belongs to an ended session; unwraps with a held password.
    void update(AppState& state);

private:
    std::optional<fc::MemberIdentity> m_identity;
    int m_generation = -1;
    std::string m_password; // a held sign-in password ("" when none)
    int m_password_generation = -1;
    api::Call<Json> m_keys;
};

// The one vault of the page.
Vault& vault();

// The password wrap of the unlocked keys under `new_password`, for a password change to carry
// (PUT /api/v1/me/password's family_key_wrap); null when the keys are not unlocked.
Json password_wrap_for(const AppState& state, const std::string& new_password);

// Registers the page-unload wipe (web: the page's pagehide event). Called once at start-up.
void install_unload_wipe();

} // namespace mimamori::web::family
