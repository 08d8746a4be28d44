#pragma once
// Route "/invite/{token}": the link of an invitation mail. Shows whom it is for (name, login id,
// facility) and lets the person set a password under the guideline's rules (two-factor sign-in
// is not on yet, so 13+ mixed characters); accepting signs them in. An expired, used or unknown
// link gets one plain answer and who to ask for a new one.

#include <string>

#include "api/account_api.hpp"
#include "app_state.hpp"
#include "ui/form.hpp"
#include "ui/password_fields.hpp"

namespace mimamori::web {

class InvitationScreen {
public:
    explicit InvitationScreen(AppState& state) : m_state(state) {}
    ~InvitationScreen() { m_password.wipe(); }

    // `token`: the last segment of the route.
    void draw(const std::string& token);
    bool ready() const { return m_invitation.finished(); }

private:
    void draw_invitation(const api::Invitation& invitation);
    void draw_gone();

    AppState& m_state;
    std::string m_token;
    api::Call<api::Invitation> m_invitation;
    ui::PasswordFields m_password;
    ui::FieldErrors m_errors;
    api::Job<api::SignedIn> m_accept;
    std::string m_problem;
    bool m_gone = false;
};

} // namespace mimamori::web
