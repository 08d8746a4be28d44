#pragma once
// Patients (issue 4): registration with the likely-duplicate check, edits, the master list each
// role may see, and "my patients". The caller has checked the action's permission for the
// patient (or facility) concerned with perm::decide; lists are narrowed here row by row with it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/permissions.hpp"
#include "mimamori/common/result.hpp"
#include "repositories/patient_repository.hpp"
#include "services/patient_input.hpp"

namespace mimamori::services {

// A registration: the patient stored, or -- when a likely duplicate exists (the same kana and
// birth date anywhere in the region) and the form does not allow it -- the duplicates and
// nothing stored.
struct Registration {
    std::optional<repositories::PatientRow> patient;
    std::vector<repositories::DuplicateRow> duplicates;
};
Result<Registration> register_patient(db::Tx& tx, const PatientForm& form, std::int64_t created_by);

// NotFound for an unknown id.
Result<repositories::PatientRow> get_patient(db::Tx& tx, std::int64_t id);
Result<repositories::PatientRow> update_patient(db::Tx& tx, std::int64_t id, const PatientForm& form);

struct PatientQuery {
    std::string q;      // part of the name or the kana (hiragana matches katakana)
    std::string status; // "" for all
    std::optional<std::int64_t> facility_id;
};
// The master list: the secretariat administrator every patient, a manager the patients of the
// facilities they manage (PatientViewMaster for each row).
Result<std::vector<repositories::PatientRow>> list_patients(db::Tx& tx, const perm::Principal& viewer,
                                                            const PatientQuery& query);

// GET /api/v1/my/patients: for staff the patients of the teams they currently belong to, newest
// activity first; for a family account its own patient, once the consent includes the family.
std::vector<repositories::MyPatientRow> my_patients(db::Tx& tx, const perm::Principal& viewer);

// The API's JSON: Patient, the consent summary, a "my patients" row, a likely duplicate.
Json to_json(const repositories::PatientRow& patient);
Json consent_state_json(const repositories::ConsentSummary& consent);
Json my_patient_json(const repositories::MyPatientRow& row);
Json duplicate_json(const repositories::DuplicateRow& duplicate);
// "none", "active" or "withdrawn".
std::string consent_state(const repositories::ConsentSummary& consent);

} // namespace mimamori::services
