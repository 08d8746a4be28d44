#pragma once
// Reading and validating a patient form (POST and PUT /api/v1/patients). Every error is
// InvalidInput naming the field ("name_kana", "key_person.phone") with a message a person can
// act on; the caller stores only a fully valid form.

#include <cstdint>

#include "db/database.hpp"
#include "mimamori/common/date.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"
#include "repositories/patient_repository.hpp"

namespace mimamori::services {

struct PatientForm {
    repositories::PatientFields fields;
    bool allow_duplicate = false; // POST only: register despite a likely duplicate
};

// The registering facility the form names ("facility_id"), read first: the permission to
// register depends on it.
Result<std::int64_t> form_facility_id(const Json& body);

// The whole form. `current`: the stored patient a PUT changes (a status left out stays), or
// none for a new one (status at_home unless given; "allow_duplicate" accepted). `today`: the Japan
// date, after which no one is born. The facility must exist.
Result<PatientForm> read_patient_form(db::Tx& tx, const Json& body, const repositories::PatientFields* current,
                                      const Date& today);

} // namespace mimamori::services
