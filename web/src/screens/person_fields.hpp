#pragma once
// The fields of a person a form registers (a facility's representative, a new staff member):
// name, kana, e-mail, login id and profession, checked by common's validators before sending,
// exactly as the server checks them.

#include <string>

#include "api/master_api.hpp"
#include "ui/form.hpp"

namespace mimamori::web {

// Draws the fields; `prefix` ("representative." or "") prefixes their field names and ids.
void draw_person_fields(Lang lang, const std::string& prefix, api::PersonFields& person, const ui::FieldErrors& errors);

// Checks every field, noting problems in `errors`; on success `person` holds the normalised
// values (trimmed, kana in katakana, login id in lower case).
bool check_person_fields(Lang lang, const std::string& prefix, api::PersonFields& person, ui::FieldErrors& errors);

} // namespace mimamori::web
