#include "api/fee_evidence_api.hpp"

#include <utility>

#include "api/json_reader.hpp"

namespace mimamori::web::api {
namespace {

std::string base(perm::Id facility_id) { return "facilities/" + std::to_string(facility_id); }
const char* lang_code(Lang lang) { return lang == Lang::Ja ? "ja" : "en"; }

std::string evidence_path(perm::Id facility_id, const char* what, const std::string& month, Lang lang) {
    std::string path = base(facility_id) + "/fee-evidence/" + what;
    add_query(path, "month", month);
    add_query(path, "lang", lang_code(lang));
    return path;
}

Result<HomeCarePatient> parse_patient(const Json& j) {
    JsonReader r(j, "home-care patient");
    HomeCarePatient p;
    p.patient_id = r.id("patient_id");
    p.patient_name = r.opt_str("patient_name");
    p.claimable = r.flag("claimable");
    for (const Json& c : r.array("conditions")) {
        JsonReader x(c, "condition");
        FeeCondition cond{x.opt_str("condition"), x.opt_str("label"), x.flag("met"), {}};
        for (const Json& f : x.array("findings")) {
            JsonReader y(f, "finding");
            cond.findings.push_back({y.opt_str("code"), y.opt_str("message"), y.opt_id("memo_id")});
        }
        if (x.error()) r.fail(*x.error());
        p.conditions.push_back(std::move(cond));
    }
    for (const Json& l : r.array("linked_institutions")) {
        JsonReader x(l, "linked institution");
        p.linked_institutions.push_back(x.opt_str("name"));
    }
    return r.result(std::move(p));
}

Result<Facilities> parse_facilities(const Json& j) {
    JsonReader r(j, "special relationships");
    Facilities out;
    for (const Json& f : r.array("facilities")) {
        JsonReader x(f, "facility");
        out.facilities.emplace_back(x.id("id"), x.opt_str("name"));
        if (x.error()) r.fail(*x.error());
    }
    return r.result(std::move(out));
}

} // namespace

Call<HomeCareEvidence> fetch_home_care_evidence(perm::Id facility_id, const std::string& month, Lang lang) {
    return call<HomeCareEvidence>({"GET", evidence_path(facility_id, "home-care", month, lang)},
                                  [](const Json& j) -> Result<HomeCareEvidence> {
                                      JsonReader r(j, "home-care evidence");
                                      HomeCareEvidence e{r.opt_str("facility_name"), r.opt_str("month"), {}};
                                      auto patients = read_list<HomeCarePatient>(r.array("patients"), parse_patient);
                                      if (!patients) return patients.error();
                                      e.patients = std::move(patients).value();
                                      return r.result(std::move(e));
                                  });
}

Call<CooperationEvidence> fetch_cooperation_evidence(perm::Id facility_id, const std::string& month, Lang lang) {
    return call<CooperationEvidence>({"GET", evidence_path(facility_id, "cooperation", month, lang)},
                                     [](const Json& j) -> Result<CooperationEvidence> {
                                         JsonReader r(j, "cooperation evidence");
                                         CooperationEvidence e;
                                         for (const Json& id : r.array("lacking"))
                                             if (id.is_number_integer()) e.lacking.push_back(id.get<perm::Id>());
                                         for (const Json& res : r.array("residents")) {
                                             JsonReader x(res, "resident");
                                             CooperationResident c{x.id("patient_id"), x.opt_str("patient_name"),
                                                                   x.flag("met"), x.opt_str("basis_label"),
                                                                   x.opt_id("memo_id"), x.opt_str("at"), {}};
                                             if (const Json* f = x.object("finding")) {
                                                 JsonReader y(*f, "finding");
                                                 c.finding = y.opt_str("message");
                                             }
                                             if (x.error()) r.fail(*x.error());
                                             e.residents.push_back(std::move(c));
                                         }
                                         return r.result(std::move(e));
                                     });
}

std::string home_care_csv_url(perm::Id facility_id, const std::string& month, Lang lang, CsvEncoding encoding) {
    std::string path = "api/v1/" + evidence_path(facility_id, "home-care.csv", month, lang);
    if (encoding == CsvEncoding::ShiftJis) add_query(path, "encoding", "shift_jis");
    return path;
}

std::string cooperation_csv_url(perm::Id facility_id, const std::string& month, Lang lang, CsvEncoding encoding) {
    std::string path = "api/v1/" + evidence_path(facility_id, "cooperation.csv", month, lang);
    if (encoding == CsvEncoding::ShiftJis) add_query(path, "encoding", "shift_jis");
    return path;
}

Call<Facilities> fetch_special_relationships(perm::Id facility_id) {
    return call<Facilities>({"GET", base(facility_id) + "/special-relationships"}, parse_facilities);
}

Call<Facilities> save_special_relationships(perm::Id facility_id, const std::vector<perm::Id>& facility_ids) {
    return call<Facilities>({"PUT", base(facility_id) + "/special-relationships", Json{{"facility_ids", facility_ids}}},
                            parse_facilities);
}

} // namespace mimamori::web::api
