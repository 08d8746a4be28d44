#include "services/demo_memos.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "mimamori/common/permissions.hpp"
#include "repositories/demo_memo_repository.hpp"
#include "repositories/family_space_repository.hpp" // patient_id_by_name
#include "services/memos.hpp"
#include "services/patient_access.hpp"
#include "services/signed_in.hpp"

namespace mimamori::services::demo {
namespace {

const char* const k_file = "memos.json";

Error wrong(const std::string& at, const std::string& what) {
    return Error::make(ErrorCode::InvalidInput, std::string(k_file) + ": " + at + " " + what);
}

// The staff member `login` of region.json as a request of theirs would be signed in: the
// account, its facility, and the Principal perm::decide judges.
std::optional<SignedIn> staff_member(const Json& region, const Ids& ids, const std::string& login) {
    auto id = ids.staff.find(login);
    if (id == ids.staff.end()) return std::nullopt;
    for (const auto& f : region.value("facilities", Json::array())) {
        for (const auto& s : f.value("staff", Json::array())) {
            if (s.value("login", "") != login) continue;
            SignedIn who;
            who.account.id = id->second;
            who.account.login = login;
            who.account.name = s.value("name", "");
            who.account.kind = "staff";
            who.account.status = "active";
            who.account.profession = s.value("profession", "other");
            const std::string facility = f.value("name", "");
            who.affiliations.push_back({ids.facilities.at(facility), facility, f.value("type", ""), s.value("manager", false), false});
            who.principal = make_principal(who.account, who.affiliations);
            return who;
        }
    }
    return std::nullopt;
}

// Whether `who` may do `action` on the patient's record, decided as the API decides it.
bool allowed(db::Tx& tx, const SignedIn& who, std::int64_t patient_id, perm::Action action) {
    auto target = load_patient_target(tx, patient_id, who.principal);
    return target && perm::decide(who.principal, action, *target);
}

} // namespace

Result<MemoCounts> insert_memos(db::Tx& tx, const std::filesystem::path& dir, const Json& region, const Ids& ids) {
    std::ifstream in(dir / k_file, std::ios::binary);
    if (!in) return MemoCounts{};
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = json::parse_object(text.str());
    if (!parsed) return Error::make(ErrorCode::InvalidInput, std::string(k_file) + ": " + parsed.error().message);
    const Json memos = parsed->value("memos", Json());
    if (!memos.is_array()) return wrong("", "must hold \"memos\": [...]");

    // Oldest first: a timeline is in the order memos were posted.
    std::vector<std::size_t> order(memos.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        const Json& e = memos[i];
        const std::string at = "memos[" + std::to_string(i) + "]";
        if (!e.is_object() || !e.value("minutes_ago", Json()).is_number_integer() || e.at("minutes_ago").get<std::int64_t>() < 0 ||
            e.at("minutes_ago").get<std::int64_t>() > 60 * 24 * 365)
            return wrong(at, "needs \"minutes_ago\": minutes before the load (0 to a year)");
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return memos[a].at("minutes_ago").get<std::int64_t>() > memos[b].at("minutes_ago").get<std::int64_t>();
    });

    MemoCounts counts;
    const Date today = japan_today();
    for (std::size_t i : order) {
        const Json& e = memos[i];
        const std::string at = "memos[" + std::to_string(i) + "]";
        auto patient = repositories::patient_id_by_name(tx, e.value("patient", ""));
        if (!patient) return wrong(at, "\"patient\" must name one patient of region.json");
        auto author = staff_member(region, ids, e.value("author", ""));
        if (!author) return wrong(at, "\"author\" must be the login of a staff member of region.json");
        if (!allowed(tx, *author, *patient, perm::Action::PatientRecordWrite))
            return wrong(at, author->account.login + " may not write " + e.value("patient", "") + "'s record");
        Json body = e.value("memo", Json());
        if (!body.is_object()) return wrong(at, "needs \"memo\": the body of a post");
        if (body.contains("next_visit_in_days")) {
            const Json days = body["next_visit_in_days"];
            body.erase("next_visit_in_days");
            if (!days.is_number_integer()) return wrong(at, "next_visit_in_days must be a whole number of days");
            body["next_visit_date"] = today.add_days(days.get<std::int64_t>()).to_string();
        }
        auto memo = post_memo(tx, *author, *patient, body);
        if (!memo) return wrong(at, memo.error().message + (memo.error().field.empty() ? "" : " (" + memo.error().field + ")"));
        for (const auto& login : e.value("acknowledged_by", Json::array())) {
            auto member = login.is_string() ? staff_member(region, ids, login.get<std::string>()) : std::nullopt;
            if (!member) return wrong(at, "acknowledged_by must list staff logins of region.json");
            if (!allowed(tx, *member, *patient, perm::Action::PatientRecordWrite))
                return wrong(at, member->account.login + " may not acknowledge on " + e.value("patient", "") + "'s record");
            auto acknowledged = acknowledge(tx, *member, memo->id, Json{{"version", 1}});
            if (!acknowledged) return wrong(at, member->account.login + ": " + acknowledged.error().message);
            ++counts.acknowledgements;
        }
        repositories::date_memo_back(tx, memo->id, e.at("minutes_ago").get<std::int64_t>());
        ++counts.memos;
    }
    return counts;
}

} // namespace mimamori::services::demo
