#include "services/demo_patients.hpp"

#include <fstream>
#include <sstream>

#include "mimamori/common/base64url.hpp"
#include "mimamori/common/consent.hpp"
#include "mimamori/common/vocabulary.hpp"
#include "repositories/family_repository.hpp"
#include "repositories/team_repository.hpp"
#include "services/consents.hpp"
#include "services/master_input.hpp"
#include "services/patient_access.hpp"
#include "services/patient_input.hpp"
#include "services/patients.hpp"

namespace mimamori::services::demo {
namespace {

Error at(const std::string& where, const std::string& message) {
    return Error::make(ErrorCode::InvalidInput, "region.json: " + where + ": " + message);
}

Result<std::int64_t> staff_id(const Ids& ids, const Json& login, const std::string& where) {
    auto it = login.is_string() ? ids.staff.find(login.get<std::string>()) : ids.staff.end();
    if (it == ids.staff.end()) return at(where, "names no staff member of region.json");
    return it->second;
}

// The team: members by login, each with a team role and, optionally, a period (a past period
// shows an ended membership in the demo).
Status insert_team(db::Tx& tx, std::int64_t patient_id, const Json& team, const Ids& ids, const std::string& where) {
    if (team.is_null()) return {};
    const auto members = team.value("members", Json::array());
    if (!team.value("name", Json()).is_string() || !members.is_array() || members.empty())
        return at(where, "a team needs a \"name\" and \"members\"");
    auto creator = staff_id(ids, members[0].value("login", Json()), where + ".members[0].login");
    if (!creator) return creator.error();
    const std::int64_t team_id = repositories::insert_team(tx, team["name"].get<std::string>(), patient_id, *creator);
    for (std::size_t i = 0; i < members.size(); ++i) {
        const std::string w = where + ".members[" + std::to_string(i) + "]";
        const Json& m = members[i];
        auto account = staff_id(ids, m.value("login", Json()), w + ".login");
        if (!account) return account.error();
        auto invitee = repositories::find_invitee(tx, *account);
        if (!invitee || !invitee->facility_id) return at(w, "the member has no facility");
        const std::string role = m.value("team_role", "");
        if (!team_role_from_code(role)) return at(w + ".team_role", "is no team role code");
        auto starts = parse_date(m.value("starts_on", japan_today().to_string()), "starts_on");
        if (!starts) return at(w + ".starts_on", starts.error().message);
        std::optional<Date> ends;
        if (m.contains("ends_on")) {
            auto e = parse_date(m.value("ends_on", ""), "ends_on");
            if (!e) return at(w + ".ends_on", e.error().message);
            ends = *e;
        }
        repositories::insert_member(tx, {team_id, *account, *invitee->facility_id, role, *starts, ends, *creator});
    }
    return {};
}

Result<std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::make(ErrorCode::InvalidInput, "cannot read " + path.string());
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// The consent as the app would send it, through the API's checks.
Status insert_consent(db::Tx& tx, std::int64_t patient_id, const Json& c, const std::filesystem::path& dir,
                      const Ids& ids, const std::string& where) {
    if (c.is_null()) return {};
    const auto& text = consent::current_text();
    Json body = {{"scope", {{"professional", true}, {"family", c.value("family", false)}}},
                 {"signer", c.value("signer", Json::object())},
                 {"method", c.value("method", "")},
                 {"text_version", text.version},
                 {"text_sha256", consent::sha256_hex(text.text)}};
    if (c.contains("signature")) body["signature"] = c["signature"];
    if (c.contains("document")) {
        const std::string name = c["document"].get<std::string>();
        auto bytes = read_file(dir / name);
        if (!bytes) return bytes.error();
        body["document"] = {{"name", name}, {"media_type", ""}, {"content_base64", encoding::base64_encode(as_bytes(*bytes))}};
    }
    auto input = read_consent(body);
    if (!input) return at(where, input.error().message);
    auto by = staff_id(ids, c.value("recorded_by", Json()), where + ".recorded_by");
    if (!by) return by.error();
    auto stored = record_consent(tx, patient_id, std::move(*input), *by);
    if (!stored) return at(where, stored.error().message);
    if (c.contains("withdrawn")) {
        auto withdrawn_by = staff_id(ids, c["withdrawn"].value("by", Json()), where + ".withdrawn.by");
        if (!withdrawn_by) return withdrawn_by.error();
        auto done = withdraw_consent(tx, stored->id, *withdrawn_by, {{"reason", c["withdrawn"].value("reason", "")}});
        if (!done) return at(where + ".withdrawn", done.error().message);
    }
    return {};
}

} // namespace

Result<std::vector<FamilyMember>> read_family_members(const Json& region, const std::string& file) {
    std::vector<FamilyMember> out;
    const Json patients = region.value("patients", Json::array());
    if (!patients.is_array()) return Error::make(ErrorCode::InvalidInput, file + ": \"patients\" must be an array");
    for (std::size_t p = 0; p < patients.size(); ++p) {
        const Json family = patients[p].is_object() ? patients[p].value("family", Json::array()) : Json::array();
        for (std::size_t f = 0; f < family.size(); ++f) {
            const std::string where = "patients[" + std::to_string(p) + "].family[" + std::to_string(f) + "].";
            Json person = family[f];
            if (!person.is_object()) return Error::make(ErrorCode::InvalidInput, file + ": " + where + " must be an object");
            const std::string relation = person.value("relation", "");
            const std::string email = person.value("email", "");
            if (relation.empty()) return Error::make(ErrorCode::InvalidInput, file + ": " + where + "relation is required");
            person.erase("relation");
            person["email"] = email.empty() ? "nobody@example.jp" : email; // read_person wants one
            person["profession"] = "other";
            auto input = read_person(person, where, false);
            if (!input) return Error{ErrorCode::InvalidInput, file + ": " + input.error().message, input.error().field};
            out.push_back({input->login, input->name, input->name_kana, email.empty() ? "" : input->email, relation, p});
        }
    }
    return out;
}

Result<PatientCounts> insert_patients(db::Tx& tx, const Json& region, const std::filesystem::path& dir, const Ids& ids,
                                      const Inviter& inviter) {
    PatientCounts counts;
    auto members = read_family_members(region, "region.json");
    if (!members) return members.error();
    const Json patients = region.value("patients", Json::array());
    for (std::size_t i = 0; i < patients.size(); ++i) {
        const std::string where = "patients[" + std::to_string(i) + "]";
        Json form = patients[i];
        const std::string facility = form.value("facility", "");
        auto facility_id = ids.facilities.find(facility);
        if (facility_id == ids.facilities.end()) return at(where + ".facility", "names no facility of region.json");
        const Json team = form.value("team", Json());
        const Json consent = form.value("consent", Json());
        auto registrar = staff_id(ids, form.value("registered_by", Json()), where + ".registered_by");
        if (!registrar) return registrar.error();
        for (const char* key : {"facility", "registered_by", "team", "consent", "family"}) form.erase(key);
        form["facility_id"] = facility_id->second;
        auto valid = read_patient_form(tx, form, nullptr, japan_today());
        if (!valid) return at(where, valid.error().message);
        valid->allow_duplicate = true;
        auto registered = register_patient(tx, *valid, *registrar);
        if (!registered || !registered->patient) return at(where, "could not be registered");
        const std::int64_t patient_id = registered->patient->id;
        ++counts.patients;
        if (auto ok = insert_team(tx, patient_id, team, ids, where + ".team"); !ok) return ok.error();
        if (auto ok = insert_consent(tx, patient_id, consent, dir, ids, where + ".consent"); !ok) return ok.error();
        for (const auto& f : *members) {
            if (f.patient_index != i) continue;
            repositories::NewFamilyAccount a;
            a.patient_id = patient_id;
            a.login = f.login;
            a.name = f.name;
            a.name_kana = f.name_kana;
            a.email = f.email;
            a.relation = f.relation;
            auto hash = ids.password_hashes.find(a.login);
            if (hash != ids.password_hashes.end()) {
                a.status = "active";
                a.password_hash = hash->second;
            }
            const std::int64_t id = repositories::insert_family_account(tx, a);
            if (a.password_hash) {
                ++counts.family_sign_ins;
            } else if (!a.email.empty()) {
                send_invitation(tx, inviter, {id, a.name, a.login, a.email, std::nullopt, ""}, InvitationPurpose::Family);
                ++counts.family_invited;
            }
        }
    }
    return counts;
}

} // namespace mimamori::services::demo
