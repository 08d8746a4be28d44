#include "services/facilities.hpp"

#include "mimamori/common/fees.hpp"
#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/kana.hpp"
#include "mimamori/common/text.hpp"
#include "mimamori/common/vocabulary.hpp"
#include "repositories/staff_repository.hpp"
#include "services/master_input.hpp"

namespace mimamori::services {
namespace {

Error not_found() { return Error::make(ErrorCode::NotFound, "no such facility"); }

Facility complete(repositories::FacilityRow row, const std::map<std::int64_t, std::int64_t>& patients) {
    Facility f;
    auto it = patients.find(row.id);
    f.patient_count = it == patients.end() ? 0 : it->second;
    const auto type = facility_type_from_code(row.fields.type);
    const auto plan = fees::plan_from_code(row.fields.plan);
    if (type && plan) {
        f.monthly_fee_yen = fees::monthly_fee_yen(*type, *plan);
        f.annual_fee_yen = fees::annual_fee_yen(*type, *plan);
    }
    f.row = std::move(row);
    return f;
}

// Search text as stored: names as typed, kana in full-width katakana.
std::string kana_form(std::string_view q) {
    return text::to_katakana(kana::half_width_to_full_width_katakana(q));
}

} // namespace

Result<std::vector<Facility>> list_facilities(db::Tx& tx, const FacilityQuery& query) {
    if (!query.type.empty() && !facility_type_from_code(query.type))
        return Error::invalid("type", "type must be a facility type code");
    if (!query.status.empty() && query.status != "active" && query.status != "suspended")
        return Error::invalid("status", "status must be active or suspended");
    const std::string q = text::trim(query.q);
    auto rows = repositories::list_facilities(tx, {q, kana_form(q), query.type, query.status});
    const auto patients = repositories::patient_counts(tx);
    std::vector<Facility> out;
    out.reserve(rows.size());
    for (auto& row : rows) out.push_back(complete(std::move(row), patients));
    return out;
}

Result<Facility> get_facility(db::Tx& tx, std::int64_t id) {
    auto row = repositories::find_facility(tx, id);
    if (!row) return not_found();
    return complete(std::move(*row), repositories::patient_counts(tx));
}

Result<Facility> register_facility(db::Tx& tx, const Json& body, const Inviter& inviter) {
    auto fields = read_facility_fields(body, nullptr, "representative");
    if (!fields) return fields.error();
    auto rep_json = body.find("representative");
    if (rep_json == body.end() || rep_json->is_null())
        return Error::invalid("representative", "representative is required: the facility's first staff member");
    auto rep = read_person(*rep_json, "representative.", false);
    if (!rep) return rep.error();
    if (repositories::login_taken(tx, rep->login))
        return Error{ErrorCode::Conflict, "representative.login is already taken: choose another login id",
                     "representative.login"};

    const std::int64_t id = repositories::insert_facility(tx, *fields);
    const std::int64_t account_id = repositories::insert_staff_account(tx, invited_account(*rep));
    repositories::insert_affiliation(tx, account_id, id, true);
    send_invitation(tx, inviter, {account_id, rep->name, rep->login, rep->email, id, fields->name},
                    InvitationPurpose::Representative);
    return get_facility(tx, id);
}

Result<Facility> update_facility(db::Tx& tx, std::int64_t id, const Json& body) {
    auto current = repositories::find_facility(tx, id);
    if (!current) return not_found();
    auto fields = read_facility_fields(body, &current->fields, "");
    if (!fields) return fields.error();
    repositories::update_facility(tx, id, *fields);
    return get_facility(tx, id);
}

Status delete_facility(db::Tx& tx, std::int64_t id) {
    if (!repositories::lock_facility(tx, id)) return not_found();
    auto facility = get_facility(tx, id);
    if (!facility) return facility.error();
    const auto staff = facility->row.staff_count;
    const auto patients = facility->patient_count;
    if (staff > 0 || patients > 0) {
        std::string what;
        if (staff > 0) what = std::to_string(staff) + " staff";
        if (patients > 0) what += (what.empty() ? "" : " and ") + std::to_string(patients) + (patients == 1 ? " patient" : " patients");
        return Error::make(ErrorCode::Conflict, "the facility still has " + what +
                                                    ": un-affiliate its staff and move its patients first");
    }
    repositories::delete_facility(tx, id);
    return {};
}

Result<std::int64_t> reinvite_representative(db::Tx& tx, std::int64_t id, const Inviter& inviter) {
    if (!repositories::lock_facility(tx, id)) return not_found();
    auto facility = repositories::find_facility(tx, id);
    if (!facility) return not_found();
    const auto& rep = facility->representative;
    if (!rep) return Error::make(ErrorCode::Conflict, "the facility has no representative: register a staff member as its manager");
    if (rep->status != "invited")
        return Error::make(ErrorCode::Conflict, "the representative has already set a password: no invitation is needed");
    return send_invitation(tx, inviter, {rep->account_id, rep->name, rep->login, rep->email, id, facility->fields.name},
                           InvitationPurpose::Representative);
}

Result<Facility> set_facility_security(db::Tx& tx, std::int64_t id, const Json& body) {
    if (auto known = json::reject_unknown_keys(body, {"require_two_factor"}); !known) return known.error();
    auto required = json::get_bool(body, "require_two_factor");
    if (!required) return required.error();
    if (!repositories::set_facility_two_factor(tx, id, *required)) return not_found();
    return get_facility(tx, id);
}

Json to_json(const Facility& f) {
    const auto& r = f.row;
    Json representative = nullptr;
    if (r.representative)
        representative = {{"account_id", r.representative->account_id},
                          {"name", r.representative->name},
                          {"login", r.representative->login},
                          {"status", r.representative->status}};
    return {{"id", r.id},
            {"type", r.fields.type},
            {"name", r.fields.name},
            {"name_kana", r.fields.name_kana},
            {"postal_code", r.fields.postal_code},
            {"address", r.fields.address},
            {"phone", r.fields.phone},
            {"plan", r.fields.plan},
            {"monthly_fee_yen", f.monthly_fee_yen},
            {"annual_fee_yen", f.annual_fee_yen},
            {"status", r.fields.status},
            {"require_two_factor", r.require_two_factor},
            {"contract_start", r.fields.contract_start.to_string()},
            {"contract_end", r.fields.contract_end ? Json(r.fields.contract_end->to_string()) : Json(nullptr)},
            {"staff_count", r.staff_count},
            {"patient_count", f.patient_count},
            {"representative", representative},
            {"created_at", japan_iso8601(r.created_at)}};
}

} // namespace mimamori::services
