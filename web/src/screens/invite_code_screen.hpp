#pragma once
// Route "/invite" (public): a family member types the one-time code a nurse's tablet showed at a
// home visit; the server answers with the invitation's link, and the invitation screen follows
// (setting a password). A mistyped, expired or used code, and too many wrong codes, are said
// plainly.

#include <string>

#include "app_state.hpp"
#include "ui/form.hpp"

namespace mimamori::web {

class InviteCodeScreen {
public:
    explicit InviteCodeScreen(AppState& state) : m_state(state) {}
    void draw();

private:
    AppState& m_state;
    std::string m_code;
    ui::FieldErrors m_errors;
    std::string m_problem;
    api::Job<std::string> m_redeem;
};

} // namespace mimamori::web
