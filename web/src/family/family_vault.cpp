#include "family/family_vault.hpp"

#include "app_state.hpp"
#include "family/family_space_api.hpp"
#include "mimamori/common/family_crypto/secret.hpp"

namespace mimamori::web::family {

Vault& vault() {
    static Vault v;
    return v;
}

const fc::MemberIdentity* Vault::identity(int generation) const {
    return m_identity && m_generation == generation ? &*m_identity : nullptr;
}

void Vault::set(fc::MemberIdentity identity, int generation) {
    m_identity = std::move(identity);
    m_generation = generation;
}

void Vault::wipe() {
    m_identity.reset(); // the Secret destructors wipe the seed and secret keys
    m_generation = -1;
    fc::wipe(m_password);
    m_password.clear();
    m_password_generation = -1;
    m_keys.reset();
}

void Vault::hold_sign_in_password(const std::string& password, int generation) {
    fc::wipe(m_password);
    m_password = password;
    m_password_generation = generation;
    m_keys.reset();
}

void Vault::update(AppState& state) {
    const int generation = state.session.generation;
    if ((m_identity && m_generation != generation) ||
        (!m_password.empty() && m_password_generation != generation) || !state.session.signed_in()) {
        if (m_identity || !m_password.empty()) wipe();
        return;
    }
    if (m_password.empty() || m_identity) return;
    const auto& me = *state.session.me;
    if (me.must_change_password || (me.two_factor_required && !me.two_factor_enabled)) {
        // Nothing else is reachable before that step, the keys included: they are opened later,
        // in the family space, with the password asked again.
        fc::wipe(m_password);
        m_password.clear();
        return;
    }
    if (m_keys.not_started()) m_keys = get_own_keys();
    if (!m_keys.finished()) return;
    if (m_keys.done()) {
        const Json keys = m_keys.value().value("keys", Json());
        if (keys.is_object()) {
            auto wrap = fc::wrapped_keys_from_json(keys.value("password_wrap", Json()));
            const auto account = state.session.me ? state.session.me->account.id : 0;
            if (wrap) {
                auto identity = fc::unwrap_member_keys(*wrap, m_password, account);
                if (identity) set(std::move(identity).value(), generation);
            }
        }
    }
    // Whatever the outcome (no keys yet, a password wrap of an older password): the family
    // space asks for what it needs. The password is not kept.
    fc::wipe(m_password);
    m_password.clear();
    m_password_generation = -1;
    m_keys.reset();
}

Json password_wrap_for(const AppState& state, const std::string& new_password) {
    const fc::MemberIdentity* identity = vault().identity(state.session.generation);
    if (identity == nullptr) return nullptr;
    auto wrap = fc::wrap_member_keys(*identity, new_password, fc::KdfParams::interactive());
    return wrap ? fc::to_json(*wrap) : Json(nullptr);
}

} // namespace mimamori::web::family
