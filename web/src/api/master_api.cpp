#include "api/master_api.hpp"

#include <string>
#include <utility>

#include "api/json_reader.hpp"

namespace mimamori::web::api {
namespace {

Result<Facility> parse_facility(const Json& j) {
    JsonReader r(j, "facility");
    Facility f;
    f.id = r.id("id");
    f.fields.type = r.opt_str("type");
    f.fields.name = r.str("name");
    f.fields.name_kana = r.opt_str("name_kana");
    f.fields.postal_code = r.opt_str("postal_code");
    f.fields.address = r.opt_str("address");
    f.fields.phone = r.opt_str("phone");
    f.fields.plan = r.opt_str("plan");
    f.monthly_fee_yen = r.integer("monthly_fee_yen");
    f.annual_fee_yen = r.integer("annual_fee_yen");
    f.status = r.opt_str("status");
    f.require_two_factor = r.flag("require_two_factor");
    f.staff_count = r.integer("staff_count");
    f.patient_count = r.integer("patient_count");
    if (const Json* rep = r.object("representative")) {
        JsonReader p(*rep, "facility.representative");
        f.representative = Representative{p.id("account_id"), p.opt_str("name"), p.opt_str("login"),
                                          p.opt_str("status")};
        if (p.error()) r.fail(*p.error());
    }
    f.created_at = r.opt_str("created_at");
    return r.result(std::move(f));
}

// Answers that wrap one facility ({"facility": {...}}) or are the facility itself.
Result<Facility> parse_facility_answer(const Json& j) {
    const auto it = j.find("facility");
    return parse_facility(it != j.end() && it->is_object() ? *it : j);
}

Result<Staff> parse_staff(const Json& j) {
    JsonReader r(j, "staff");
    Staff s;
    s.id = r.id("id");
    s.person.login = r.str("login");
    s.person.name = r.opt_str("name");
    s.person.name_kana = r.opt_str("name_kana");
    s.person.email = r.opt_str("email");
    s.person.profession = r.opt_str("profession");
    s.status = r.opt_str("status");
    s.secretariat_role = r.opt_str("secretariat_role");
    s.two_factor_enabled = r.flag("two_factor_enabled");
    auto affiliations = read_list<StaffAffiliation>(r.array("affiliations"), [](const Json& a) {
        JsonReader ar(a, "staff.affiliation");
        StaffAffiliation out{ar.id("facility_id"), ar.opt_str("facility_name"), ar.flag("manager")};
        return ar.result(std::move(out));
    });
    if (!affiliations) return affiliations.error();
    s.affiliations = std::move(affiliations).value();
    return r.result(std::move(s));
}

Json facility_json(const FacilityFields& f) {
    Json j = {{"type", f.type}, {"name", f.name},       {"name_kana", f.name_kana}, {"address", f.address},
              {"phone", f.phone}, {"plan", f.plan}};
    if (!f.postal_code.empty()) j["postal_code"] = f.postal_code;
    return j;
}

Json person_json(const PersonFields& p) {
    return {{"name", p.name}, {"name_kana", p.name_kana}, {"email", p.email}, {"login", p.login},
            {"profession", p.profession}};
}

std::string facility_path(perm::Id id) { return "facilities/" + std::to_string(id); }

Result<std::string> parse_reinvited(const Json& j) {
    JsonReader r(j, "invitation");
    return r.result(r.opt_str("expires_at"));
}

} // namespace

Call<std::vector<Facility>> list_facilities(const FacilityQuery& query) {
    std::string path = "facilities";
    add_query(path, "q", query.q);
    add_query(path, "type", query.type);
    return call<std::vector<Facility>>({"GET", std::move(path)}, [](const Json& j) {
        return read_list_answer<Facility>(j, "facilities", parse_facility);
    });
}

Call<Facility> create_facility(const FacilityFields& facility, const PersonFields& representative) {
    Json body = facility_json(facility);
    body["representative"] = person_json(representative);
    return call<Facility>({"POST", "facilities", std::move(body)}, parse_facility_answer);
}

Call<Facility> update_facility(perm::Id id, const FacilityFields& facility) {
    return call<Facility>({"PUT", facility_path(id), facility_json(facility)}, parse_facility_answer);
}

Call<Nothing> delete_facility(perm::Id id) { return call_for_status({"DELETE", facility_path(id)}); }

Call<Facility> fetch_facility(perm::Id id) { return call<Facility>({"GET", facility_path(id)}, parse_facility_answer); }

Call<std::string> reinvite_representative(perm::Id facility_id) {
    return call<std::string>({"POST", facility_path(facility_id) + "/representative/reinvite"}, parse_reinvited);
}

Call<Facility> set_facility_security(perm::Id facility_id, bool require_two_factor) {
    return call<Facility>(
        {"PUT", facility_path(facility_id) + "/security", Json{{"require_two_factor", require_two_factor}}},
        parse_facility_answer);
}

Call<std::vector<Staff>> list_staff(const StaffQuery& query) {
    std::string path = "staff";
    if (query.facility_id) add_query(path, "facility_id", std::to_string(*query.facility_id));
    add_query(path, "q", query.q);
    return call<std::vector<Staff>>({"GET", std::move(path)}, [](const Json& j) {
        return read_list_answer<Staff>(j, "staff", parse_staff);
    });
}

Call<Staff> register_staff(perm::Id facility_id, const PersonFields& person, bool manager) {
    Json body = person_json(person);
    body["manager"] = manager;
    return call<Staff>({"POST", facility_path(facility_id) + "/staff", std::move(body)}, [](const Json& j) {
        const auto it = j.find("staff");
        return parse_staff(it != j.end() && it->is_object() ? *it : j);
    });
}

Call<Nothing> unaffiliate_staff(perm::Id facility_id, perm::Id account_id) {
    return call_for_status({"DELETE", facility_path(facility_id) + "/staff/" + std::to_string(account_id)});
}

Call<std::string> reinvite_staff(perm::Id facility_id, perm::Id account_id) {
    return call<std::string>({"POST", facility_path(facility_id) + "/staff/" + std::to_string(account_id) + "/reinvite"},
                             parse_reinvited);
}

} // namespace mimamori::web::api
