#pragma once
// A new password and its confirmation, with a checklist of the guideline's rules
// (password::violations, the same code the server runs) that updates as the person types: used
// by the invitation, the forced change and the account screen. The text lives only here and is
// overwritten by wipe() as soon as it has been sent.

#include <string>

#include "i18n/i18n.hpp"
#include "mimamori/common/password_policy.hpp"
#include "ui/form.hpp"

namespace mimamori::web::ui {

class PasswordFields {
public:
    // Draws the two fields (ids "<id>-new", "<id>-confirm") and the checklist. The server's
    // problem with the password, if any, is shown under the first field (`field` names it).
    void draw(Lang lang, const char* id, const char* field, const password::Context& context,
              const FieldErrors& errors);

    // Every rule is kept and the confirmation matches.
    bool acceptable(const password::Context& context) const;
    const std::string& value() const { return m_password; }

    // Overwrites both texts (and ImGui's copy of the last field typed in).
    void wipe();

private:
    std::string m_password;
    std::string m_confirmation;
};

// The person's words for a broken rule (for the server's "rule" of a refused password).
std::string rule_text(Lang lang, password::Rule rule, const password::Context& context);
std::string rule_text(Lang lang, std::string_view rule_code, const password::Context& context);

// Overwrites a string that held a secret, then empties it.
void wipe(std::string& secret);

} // namespace mimamori::web::ui
