#pragma once
// Patients (/api/v1/patients, issue 4): the master list with its search, one patient with its care
// team, registration with the duplicate check (same kana and birth date), editing, and "my
// patients" (the patients of the teams one belongs to; a family account's own patient).

#include <optional>
#include <string>
#include <vector>

#include "api/call.hpp"
#include "api/teams_api.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::web::api {

// A patient's consent to sharing, as every patient answer carries it.
struct ConsentState {
    std::string state = "none"; // "none", "active", "withdrawn"
    bool professional = false;
    bool family = false;          // includes family participation
    std::string recorded_at;      // ISO 8601, "" without a record
    std::optional<perm::Id> consent_id;

    bool none() const { return state == "none"; }
    bool active() const { return state == "active"; }
    bool withdrawn() const { return state == "withdrawn"; }
};

struct KeyPerson {
    std::string name;
    std::string relation;
    std::string phone;
};

// What the registration and edit form holds (POST and PUT /api/v1/patients).
struct PatientFields {
    std::string name;
    std::string name_kana;
    std::string birth_date; // YYYY-MM-DD
    std::string sex;        // "female", "male", "other", "unknown"
    std::string postal_code;
    std::string address;
    std::string phone;
    KeyPerson key_person;
    perm::Id facility_id = 0; // the registering facility
    std::string status = "at_home"; // "at_home", "admitted", "in_facility", "ended"
};

struct Patient {
    perm::Id id = 0;
    PatientFields fields;
    std::string facility_name;
    std::optional<perm::Id> team_id;
    ConsentState consent;
    std::string last_activity_at;
    std::string created_at;
};

// GET /api/v1/patients/{id}: the patient and, for those who may see it, the care team.
struct PatientRecord {
    Patient patient;
    std::optional<Team> team;
};

struct PatientQuery {
    std::string q;      // part of the name or its kana
    std::string status; // "" for every status
};

// A patient already registered with the same kana and birth date.
struct Duplicate {
    perm::Id id = 0;
    std::string name;
    std::string name_kana;
    std::string birth_date;
    std::string facility_name;
};

// The answer to a registration: the patient, or (nothing stored) the likely duplicates to show
// before saving anyway.
struct PatientRegistration {
    std::optional<Patient> patient;
    std::vector<Duplicate> duplicates;
};

// One row of "my patients".
struct MyPatient {
    perm::Id id = 0;
    std::string name;
    std::string name_kana;
    std::string birth_date;
    std::string status;
    std::optional<perm::Id> team_id;
    std::string team_role; // the person's role in the team ("" for a family account)
    ConsentState consent;
    std::string last_activity_at;
    std::int64_t unread = 0; // unread memos (issue 5)
};

Call<std::vector<Patient>> list_patients(const PatientQuery& query);
Call<PatientRecord> fetch_patient(perm::Id id);
// A 409 with duplicates is an answer, not a failure: `allow_duplicate` saves anyway.
Call<PatientRegistration> register_patient(const PatientFields& fields, bool allow_duplicate);
Call<Patient> update_patient(perm::Id id, const PatientFields& fields);
// Newest activity first.
Call<std::vector<MyPatient>> list_my_patients();

} // namespace mimamori::web::api
