#include "patient_facts.hpp"

#include <algorithm>

#include "i18n/i18n.hpp"
#include "mimamori/common/date.hpp"
#include "mimamori/common/japan_time.hpp"
#include "platform/clock.hpp"
#include "ui/table.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;

void add_facility(perm::Target& t, perm::Id id) {
    if (std::find(t.patient_facility_ids.begin(), t.patient_facility_ids.end(), id) == t.patient_facility_ids.end()) {
        t.patient_facility_ids.push_back(id);
    }
}

void add_members(perm::Target& t, const api::Team& team, const perm::Principal& principal) {
    for (const api::TeamMember& m : team.members) {
        if (!m.active) continue;
        if (m.facility_id) add_facility(t, *m.facility_id);
        if (m.account_id == principal.account_id && !principal.family) t.team_member = true;
    }
}

} // namespace

perm::Target patient_target(const api::Patient& patient, const api::Team* team, const perm::Principal& principal) {
    perm::Target t;
    t.patient_id = patient.id;
    if (patient.fields.facility_id != 0) add_facility(t, patient.fields.facility_id);
    if (team != nullptr) add_members(t, *team, principal);
    t.consent_recorded = !patient.consent.none();
    t.family_scope = t.consent_recorded && patient.consent.family;
    t.team_locked = patient.consent.withdrawn() || (team != nullptr && team->locked);
    return t;
}

perm::Target team_target(const api::Team& team, const perm::Principal& principal) {
    perm::Target t;
    t.patient_id = team.patient_id;
    add_members(t, team, principal);
    t.team_locked = team.locked;
    return t;
}

perm::Target own_facilities_target(const perm::Principal& principal) {
    perm::Target t;
    for (const perm::Affiliation& a : principal.affiliations) t.patient_facility_ids.push_back(a.facility_id);
    return t;
}

std::string consent_state_text(Lang lang, const api::ConsentState& consent) {
    if (consent.withdrawn()) return i18n::tr(lang, Msg::ConsentWithdrawnState);
    if (consent.none()) return i18n::tr(lang, Msg::ConsentNoneState);
    return i18n::tr(lang, consent.family ? Msg::ConsentActiveWithFamily : Msg::ConsentActiveState);
}

ui::Tone consent_state_tone(const api::ConsentState& consent) {
    if (consent.withdrawn()) return ui::Tone::Error;
    return consent.none() ? ui::Tone::Warning : ui::Tone::Ok;
}

void consent_badge(Lang lang, const api::ConsentState& consent) {
    ui::badge(consent_state_text(lang, consent), consent_state_tone(consent));
}

std::string activity_text(Lang lang, std::string_view iso) {
    const std::string local = clock::local_time(iso); // "2026-04-01 09:30"
    if (local.size() != 16) return local;
    const std::string today = clock::local_time_at(clock::unix_seconds()).substr(0, 10);
    if (local.substr(0, 10) != today) return local.substr(0, 10);
    return std::string(i18n::tr(lang, Msg::Today)) + " " + local.substr(11);
}

float consent_badge_column_em(Lang lang) {
    float widest = 0.0f;
    for (Msg m : {Msg::ConsentActiveWithFamily, Msg::ConsentActiveState, Msg::ConsentNoneState, Msg::ConsentWithdrawnState})
        widest = std::max(widest, ui::fitting_width_em(i18n::tr(lang, m)));
    return widest + 1.0f; // the badge's own padding (ui::badge: 0.45 em a side)
}

std::string age_text(Lang lang, std::string_view birth_date) {
    const auto born = parse_date(birth_date, "birth_date");
    if (!born) return {};
    const Date today = japan_date(clock::unix_seconds());
    int age = today.year - born->year;
    if (today.month < born->month || (today.month == born->month && today.day < born->day)) --age;
    return i18n::fmt(i18n::tr(lang, Msg::AgeYears), {std::to_string(std::max(age, 0))});
}

std::string birth_date_with_age(Lang lang, std::string_view birth_date) {
    const std::string age = age_text(lang, birth_date);
    if (age.empty()) return std::string(birth_date);
    return i18n::fmt(i18n::tr(lang, Msg::BirthDateWithAge), {birth_date, age});
}

} // namespace mimamori::web
