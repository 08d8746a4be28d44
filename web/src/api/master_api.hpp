#pragma once
// Master maintenance (マスタメンテナンス): facilities with their representative staff, and the
// staff of a facility, with invitations and their re-sending.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/call.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::web::api {

struct Representative {
    perm::Id account_id = 0;
    std::string name;
    std::string login;
    std::string status;
};

// What a facility form edits (POST and PUT /api/v1/facilities).
struct FacilityFields {
    std::string type; // vocabulary code
    std::string name;
    std::string name_kana;
    std::string postal_code;
    std::string address;
    std::string phone;
    std::string plan; // "network_and_sns", "network_only", "sns_only"
};

struct Facility {
    perm::Id id = 0;
    FacilityFields fields;
    std::int64_t monthly_fee_yen = 0;
    std::int64_t annual_fee_yen = 0;
    std::string status; // "active" or "suspended"
    bool require_two_factor = false;
    std::int64_t staff_count = 0;
    std::int64_t patient_count = 0;
    std::optional<Representative> representative;
    std::string created_at;
};

// The person a new facility is registered with, or a new staff member.
struct PersonFields {
    std::string name;
    std::string name_kana;
    std::string email;
    std::string login;
    std::string profession; // vocabulary code
};

struct FacilityQuery {
    std::string q;    // part of the name or its kana
    std::string type; // vocabulary code, "" for all
};

Call<std::vector<Facility>> list_facilities(const FacilityQuery& query);
Call<Facility> fetch_facility(perm::Id id);
Call<Facility> create_facility(const FacilityFields& facility, const PersonFields& representative);
Call<Facility> update_facility(perm::Id id, const FacilityFields& facility);
// 409 with the reason while the facility still has staff or patients.
Call<Nothing> delete_facility(perm::Id id);
// 代表スタッフ再依頼: a new invitation link; the old one stops working. The value: until when
// the new link works (ISO 8601).
Call<std::string> reinvite_representative(perm::Id facility_id);
Call<Facility> set_facility_security(perm::Id facility_id, bool require_two_factor);

struct StaffAffiliation {
    perm::Id facility_id = 0;
    std::string facility_name;
    bool manager = false;
};

struct Staff {
    perm::Id id = 0;
    PersonFields person;
    std::string status;           // "invited", "active", "locked", "left"
    std::string secretariat_role; // "", "secretariat_admin", "secretariat_user"
    bool two_factor_enabled = false;
    std::vector<StaffAffiliation> affiliations;
};

struct StaffQuery {
    std::optional<perm::Id> facility_id; // none: everyone the user may see (the secretariat's own staff
                                         // for a secretariat user)
    std::string q;
};

Call<std::vector<Staff>> list_staff(const StaffQuery& query);
// 409 with field "login" when the login id is taken.
Call<Staff> register_staff(perm::Id facility_id, const PersonFields& person, bool manager);
// 所属解除.
Call<Nothing> unaffiliate_staff(perm::Id facility_id, perm::Id account_id);
// スタッフ登録再依頼 (accounts still invited); the value as reinvite_representative's.
Call<std::string> reinvite_staff(perm::Id facility_id, perm::Id account_id);

} // namespace mimamori::web::api
