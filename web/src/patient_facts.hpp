#pragma once
// What the app knows about a patient, for perm::decide and for showing it: the Target built from
// the answers of the API (the same facts the server loads for its own decision,
// server/src/services/patient_access.hpp), the consent state as a badge, and the age.

#include <string>
#include <string_view>

#include "api/patients_api.hpp"
#include "api/teams_api.hpp"
#include "mimamori/common/permissions.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

// A patient's facts: the registering facility and those of the current members, whether the
// person is a current member, and the consent with its lock. `team` may be null (none, or not
// visible to the person).
perm::Target patient_target(const api::Patient& patient, const api::Team* team, const perm::Principal& principal);

// A team's own facts, when it has no patient: its current members and their facilities.
perm::Target team_target(const api::Team& team, const perm::Principal& principal);

// The facts of "my" lists, for deciding whether to show one at all (as the server does for
// lists): the person's facilities as the patients' facilities.
perm::Target own_facilities_target(const perm::Principal& principal);

// The consent state in words and as a badge: 同意あり (with 家族参加 when it includes the family),
// 同意なし, 同意撤回.
std::string consent_state_text(Lang lang, const api::ConsentState& consent);
ui::Tone consent_state_tone(const api::ConsentState& consent);
void consent_badge(Lang lang, const api::ConsentState& consent);
// The width in em of a table column that shows every consent badge whole.
float consent_badge_column_em(Lang lang);

// When something last happened, as a list shows it: "今日 09:30" today (on the device's clock and
// time zone), else the date "2026-04-01".
std::string activity_text(Lang lang, std::string_view iso);

// "87歳" by today's date in Japan; "" when it is not a date.
std::string age_text(Lang lang, std::string_view birth_date);
// "1938-05-12（87歳）"; the text alone when it is not a date.
std::string birth_date_with_age(Lang lang, std::string_view birth_date);

} // namespace mimamori::web
