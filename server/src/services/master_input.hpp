#pragma once
// Reading and validating the JSON of master-maintenance requests (facility and person forms).
// Every error is InvalidInput naming the field as a JSON path ("representative.email"), with a
// message a person can act on; nothing is half-read: the caller stores only a fully valid input.

#include <optional>
#include <string>
#include <string_view>

#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"
#include "repositories/facility_repository.hpp"
#include "repositories/staff_repository.hpp"

namespace mimamori::services {

// A staff member as a form gives them (a facility's representative, or a new staff member).
struct PersonInput {
    std::string name;
    std::string name_kana;  // katakana
    std::string email;
    std::string login;      // lower case
    std::string profession; // vocabulary code
    bool manager = false;
};

// {"name","name_kana","email","login","profession"[,"manager"]} at `prefix` ("" or
// "representative."); "manager" only when `allow_manager`.
Result<PersonInput> read_person(const Json& object, std::string_view prefix, bool allow_manager);

// The invited staff account of a person (no password yet, no secretariat role).
repositories::NewStaffAccount invited_account(const PersonInput& person);

// A facility form. `current`: the stored facility that a PUT changes (status and contract dates
// it leaves out stay as they are), or none for a new one. `extra_key`: one more key the object
// may hold ("representative" on POST), read by the caller.
Result<repositories::FacilityFields> read_facility_fields(const Json& object,
                                                          const repositories::FacilityFields* current,
                                                          std::string_view extra_key);

// A required string field (missing, null or not a string: an error naming it, after `prefix`).
Result<std::string> string_field(const Json& object, std::string_view key, std::string_view prefix);
// An optional string field: absent or null is "".
Result<std::string> optional_string_field(const Json& object, std::string_view key);
// A フリガナ of at most 100 characters; half-width katakana (ｶﾀｶﾅ from older systems) is accepted
// and stored full width, hiragana as katakana.
Result<std::string> kana_field(std::string_view field, std::string_view value);

// "910-0004", "9100004" or full-width digits -> "910-0004"; "" stays "".
Result<std::string> postal_code(std::string_view field, std::string_view value);

// The same error with `prefix` before its field (and in its message).
Error prefixed(Error error, std::string_view prefix);

} // namespace mimamori::services
