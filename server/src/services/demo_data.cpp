#include "services/demo_data.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "mimamori/common/password_policy.hpp"
#include "repositories/facility_repository.hpp"
#include "repositories/staff_repository.hpp"
#include "services/demo_family_space.hpp"
#include "services/demo_memos.hpp"
#include "services/demo_patients.hpp"
#include "services/master_input.hpp"

namespace mimamori::services {
namespace {

struct Person {
    PersonInput input;
    std::string role;     // secretariat_admin, secretariat_user, facility_manager, facility_user, family
    std::string facility; // its name; "" for the secretariat and families
    std::size_t facility_index = 0;
};

// Thrown inside the loading transaction so that nothing of a wrong file is stored.
struct Refused {
    Error error;
};

struct Region {
    std::vector<repositories::FacilityFields> facilities;
    std::vector<Person> people;
};

Error in_file(const std::string& file, const Error& e) {
    return Error{ErrorCode::InvalidInput, file + ": " + e.message, e.field};
}

Result<Json> read_json(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::make(ErrorCode::InvalidInput, "cannot read " + path.string());
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = json::parse(text.str());
    if (!parsed) return in_file(path.string(), parsed.error());
    return std::move(parsed).value();
}

Result<Region> read_region(const Json& j, const std::string& file) {
    if (!j.is_object() || !j.value("secretariat", Json()).is_array() || !j.value("facilities", Json()).is_array())
        return Error::make(ErrorCode::InvalidInput, file + ": needs the arrays \"secretariat\" and \"facilities\"");
    Region region;
    const auto& secretariat = j.at("secretariat");
    for (std::size_t i = 0; i < secretariat.size(); ++i) {
        const std::string at = "secretariat[" + std::to_string(i) + "].";
        Json person = secretariat[i];
        const std::string role = person.is_object() ? person.value("role", "") : "";
        if (role != "secretariat_admin" && role != "secretariat_user")
            return in_file(file, Error::invalid(at + "role", at + "role must be secretariat_admin or secretariat_user"));
        person.erase("role");
        auto input = read_person(person, at, false);
        if (!input) return in_file(file, input.error());
        region.people.push_back({*input, role, "", 0});
    }
    const auto& facilities = j.at("facilities");
    for (std::size_t i = 0; i < facilities.size(); ++i) {
        const std::string at = "facilities[" + std::to_string(i) + "]";
        if (!facilities[i].is_object()) return in_file(file, Error::invalid(at, at + " must be an object"));
        auto fields = read_facility_fields(facilities[i], nullptr, "staff");
        if (!fields) return in_file(file, prefixed(fields.error(), at + "."));
        region.facilities.push_back(*fields);
        const Json staff = facilities[i].value("staff", Json::array());
        for (std::size_t s = 0; s < staff.size(); ++s) {
            auto input = read_person(staff[s], at + ".staff[" + std::to_string(s) + "].", true);
            if (!input) return in_file(file, input.error());
            region.people.push_back({*input, input->manager ? "facility_manager" : "facility_user", fields->name, i});
        }
    }
    auto family = demo::read_family_members(j, file);
    if (!family) return family.error();
    for (const auto& f : *family) {
        PersonInput input;
        input.login = f.login;
        input.name = f.name;
        input.name_kana = f.name_kana;
        input.email = f.email;
        region.people.push_back({input, "family", "", 0}); // profession "": accounts.json says null
    }
    return region;
}

// login -> password, after checking each entry against the region.
Result<std::map<std::string, std::string>> read_sign_ins(const Json& j, const Region& region, const std::string& file) {
    if (!j.is_array()) return Error::make(ErrorCode::InvalidInput, file + ": must be an array of sign-ins");
    std::map<std::string, std::string> passwords;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string at = "[" + std::to_string(i) + "]";
        const Json& e = j[i];
        auto field = [&](const char* key) { return e.is_object() && e.value(key, Json()).is_string() ? e.at(key).get<std::string>() : std::string(); };
        const std::string login = field("login");
        auto person = std::find_if(region.people.begin(), region.people.end(),
                                   [&](const Person& p) { return p.input.login == login; });
        if (person == region.people.end())
            return Error::make(ErrorCode::InvalidInput, file + ": " + at + " login \"" + login + "\" is no person of region.json");
        if (field("role") != person->role || field("facility") != person->facility ||
            field("profession") != person->input.profession)
            return Error::make(ErrorCode::InvalidInput, file + ": " + at + " (" + login +
                                                            ") does not match region.json: role " + person->role +
                                                            ", facility \"" + person->facility + "\", profession " +
                                                            person->input.profession);
        const std::string password = field("password");
        if (auto ok = password::check("password", password, {login, false}); !ok)
            return Error::make(ErrorCode::InvalidInput, file + ": " + at + " (" + login + "): " + ok.error().message);
        if (!passwords.emplace(login, password).second)
            return Error::make(ErrorCode::InvalidInput, file + ": " + at + " repeats the login " + login);
    }
    return passwords;
}

// One Argon2id hash per distinct password, computed in parallel.
std::map<std::string, std::string> hash_each(const std::map<std::string, std::string>& passwords,
                                             const PasswordHasher& hasher) {
    std::map<std::string, std::string> hashes; // password -> hash
    for (const auto& [login, password] : passwords) hashes.emplace(password, "");
    std::vector<std::thread> threads;
    for (auto& [password, hash] : hashes)
        threads.emplace_back([&hasher, &password, &hash] { hash = hasher.hash(password); });
    for (auto& t : threads) t.join();
    return hashes;
}

// Everything, in the files' order (ids are predictable in an empty database).
Result<DemoSummary> insert_region(db::Tx& tx, const Region& region, const Json& region_json,
                                  const std::filesystem::path& dir, const std::map<std::string, std::string>& passwords,
                                  const std::map<std::string, std::string>& hashes, const Inviter& inviter) {
    if (repositories::any_account(tx)) return DemoSummary{}; // another process was first
    DemoSummary summary{true, region.facilities.size(), 0, 0, 0};
    demo::Ids ids;
    std::vector<std::int64_t> facility_ids;
    for (const auto& f : region.facilities) {
        facility_ids.push_back(repositories::insert_facility(tx, f));
        ids.facilities[f.name] = facility_ids.back();
    }
    for (const auto& p : region.people) {
        const auto password = passwords.find(p.input.login);
        if (p.role == "family") { // inserted with their patient, below
            if (password != passwords.end()) ids.password_hashes[p.input.login] = hashes.at(password->second);
            continue;
        }
        repositories::NewStaffAccount account = invited_account(p.input);
        if (p.facility.empty()) account.secretariat_role = p.role;
        if (password != passwords.end()) {
            account.status = "active";
            account.password_hash = hashes.at(password->second);
        }
        const std::int64_t id = repositories::insert_staff_account(tx, account);
        ids.staff[p.input.login] = id;
        std::optional<std::int64_t> facility_id;
        if (!p.facility.empty()) {
            facility_id = facility_ids[p.facility_index];
            repositories::insert_affiliation(tx, id, *facility_id, p.input.manager);
        }
        if (password != passwords.end()) {
            ++summary.sign_ins;
        } else {
            send_invitation(tx, inviter, {id, p.input.name, p.input.login, p.input.email, facility_id, p.facility},
                            p.input.manager ? InvitationPurpose::Representative : InvitationPurpose::Staff);
            ++summary.invited;
        }
    }
    auto patients = demo::insert_patients(tx, region_json, dir, ids, inviter);
    if (!patients) throw Refused{patients.error()};
    if (auto family_space = demo::insert_family_space(tx, dir, passwords); !family_space)
        throw Refused{family_space.error()};
    auto memos = demo::insert_memos(tx, dir, region_json, ids);
    if (!memos) throw Refused{memos.error()};
    summary.memos = memos->memos;
    summary.patients = patients->patients;
    summary.sign_ins += patients->family_sign_ins;
    summary.invited += patients->family_invited;
    return summary;
}

} // namespace

Result<DemoSummary> load_demo_data(db::Database& database, const std::filesystem::path& dir,
                                   const PasswordHasher& hasher, const Inviter& inviter) {
    if (database.transact([](db::Tx& tx) { return repositories::any_account(tx); })) return DemoSummary{};

    auto region_json = read_json(dir / "region.json");
    if (!region_json) return region_json.error();
    auto region = read_region(*region_json, "region.json");
    if (!region) return region.error();
    std::set<std::string> logins;
    for (const auto& p : region->people)
        if (!logins.insert(p.input.login).second)
            return Error::make(ErrorCode::InvalidInput, "region.json: the login " + p.input.login + " appears twice");
    auto accounts_json = read_json(dir / "accounts.json");
    if (!accounts_json) return accounts_json.error();
    auto passwords = read_sign_ins(*accounts_json, *region, "accounts.json");
    if (!passwords) return passwords.error();
    const auto hashes = hash_each(*passwords, hasher);

    try {
        return database.transact([&](db::Tx& tx) -> Result<DemoSummary> {
            return insert_region(tx, *region, *region_json, dir, *passwords, hashes, inviter);
        });
    } catch (const Refused& refused) {
        return refused.error;
    }
}

} // namespace mimamori::services
