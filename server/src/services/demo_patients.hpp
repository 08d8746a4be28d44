#pragma once
// The patients of the demo region (--demo-data; services/demo_data.hpp): region.json's
// "patients", each with its registering facility and the staff member who registered it
// ("registered_by", a login), care team (members by login, with team roles
// and periods), consent (an e-signature's strokes, or a paper form: a file of the demo
// directory; optionally withdrawn) and family accounts. They go through the API's own checks
// (patient form, consent body) and are inserted in the file's order, so that in an empty
// database patient i of the file has id i + 1 (accounts.json names them by id).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"
#include "services/invitations.hpp"

namespace mimamori::services::demo {

// A family member of region.json (a person who may have a sign-in in accounts.json).
struct FamilyMember {
    std::string login;
    std::string name;
    std::string name_kana;
    std::string email;    // "" for none
    std::string relation;
    std::size_t patient_index = 0; // in region.json's "patients"
};

// The family members of every patient, their shape checked (InvalidInput naming the file and
// the entry, e.g. "region.json: patients[1].family[0].login ...").
Result<std::vector<FamilyMember>> read_family_members(const Json& region, const std::string& file);

struct Ids {
    std::map<std::string, std::int64_t> facilities; // by name
    std::map<std::string, std::int64_t> staff;      // by login
    std::map<std::string, std::string> password_hashes; // login -> hash, for those with a sign-in
};

struct PatientCounts {
    std::size_t patients = 0;
    std::size_t family_sign_ins = 0;
    std::size_t family_invited = 0;
};

// Inserts every patient of region.json with its team, consent and family. An InvalidInput naming
// the entry when one is wrong (the caller rolls the transaction back).
Result<PatientCounts> insert_patients(db::Tx& tx, const Json& region, const std::filesystem::path& dir, const Ids& ids,
                                      const Inviter& inviter);

} // namespace mimamori::services::demo
