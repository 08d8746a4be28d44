#pragma once
// Changing one's own password: the current one, the new one with the live checklist, and its
// confirmation. Shown by the forced change at first sign-in ("/password") and on the account
// screen.

#include <string>

#include "api/account_api.hpp"
#include "app_state.hpp"
#include "ui/form.hpp"
#include "ui/password_fields.hpp"

namespace mimamori::web {

class PasswordChangeForm {
public:
    explicit PasswordChangeForm(AppState& state) : m_state(state) {}
    ~PasswordChangeForm();

    // Draws the form; true in the frame the server accepted the new password.
    bool draw();

private:
    password::Context context() const;

    AppState& m_state;
    std::string m_current;
    ui::PasswordFields m_new;
    ui::FieldErrors m_errors;
    std::string m_problem;
    api::Job<api::Nothing> m_job;
};

} // namespace mimamori::web
