#pragma once
// The one permission function of the system (DESIGN.md §3). The server calls decide() on every
// request before it touches data; the app calls the same function to show only the menus and
// buttons a user may use. It combines the seed's role table (with the planned change: facility
// managers register patients and link teams) with relationships: own facility only, care-team
// membership, a family account's own patient, consent and team locks.
//
// decide() is pure: the caller loads the facts (affiliations, memberships, consent state) into
// Principal and Target first. Anything not explicitly allowed is denied.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "mimamori/common/vocabulary.hpp"

namespace mimamori::perm {

using Id = std::int64_t;

// The roles of the seed's table, plus the patient/family role.
enum class Role {
    SecretariatAdmin, // 事務局 管理者
    SecretariatUser,  // 事務局 利用者
    FacilityManager,  // 事業所管理者 (代表スタッフ)
    FacilityUser,     // 事業所 利用者
    Family,           // 患者・家族
};

std::string_view to_string(Role role);             // "secretariat_admin", ...
std::optional<Role> role_from_string(std::string_view code);
const Label& label(Role role);                     // Japanese and English names

// A staff member's affiliation with one facility; `manager` makes them its 代表スタッフ.
struct Affiliation {
    Id facility_id = 0;
    bool manager = false;
};

// Who is asking: a signed-in account with the facts decide() needs.
struct Principal {
    Id account_id = 0;
    bool family = false;                    // a patient/family account
    std::optional<Role> secretariat;        // SecretariatAdmin or SecretariatUser, if any
    std::vector<Affiliation> affiliations;  // staff only; active affiliations
    std::optional<Profession> profession;   // staff only
    std::optional<Id> family_patient_id;    // family only: the one patient whose space it belongs to

    bool is_secretariat_admin() const { return secretariat == Role::SecretariatAdmin; }
    bool is_secretariat() const { return secretariat.has_value(); }
    bool manages(Id facility_id) const;
    bool belongs_to(Id facility_id) const;
    bool manages_any() const;
};

// The roles a principal holds (a person can be manager at one facility and user at another).
std::vector<Role> roles(const Principal& principal);

// What is acted on. Only the fields an action needs are read; unset facts count as "no".
struct Target {
    std::optional<Id> facility_id;          // the facility concerned (staff, facility actions)
    std::optional<Id> patient_id;           // the patient concerned
    std::vector<Id> patient_facility_ids;   // facilities related to the patient: the registering
                                            // facility and those of the care team's members
    bool team_member = false;               // principal is a current member of the patient's team
    bool consent_recorded = false;          // a consent record exists (同意書必須)
    bool family_scope = false;              // that consent includes family participation
    bool team_locked = false;               // consent withdrawn: the team is read-only
    bool own_item = false;                  // the principal wrote the item (memo, file)
};

// Every action the system guards. Menu* actions decide what the app shows.
enum class Action {
    // The seed's table (マスタメンテナンス).
    MenuFacilityList,
    MenuStaffList,
    MenuPatientList,
    ExportStaffCsv,
    ExportPatientCsv,
    FacilityRegister,
    FacilityEdit,
    FacilityDelete,
    FacilityRerequestRepresentative, // 代表スタッフ再依頼
    FacilityView,
    StaffRegister,                   // own facility (any for the secretariat admin)
    StaffUnaffiliate,                // 所属解除
    StaffResendInvitation,           // スタッフ登録再依頼
    StaffView,
    PatientRegister,
    PatientViewMaster,
    TeamLinkEdit,                    // link / unlink patient and team
    TeamLinkView,
    FamilyAccountRegister,           // register / remove
    FamilyAccountResend,
    // What the table's rows imply (issue 4).
    PatientEdit,                     // as register: the registering facility's manager
    FamilyAccountView,               // the secretariat admin; team members see names and status
    ConsentOverview,                 // every patient's consent state (the secretariat, no paper mail)
    // Secretariat duties beyond the table (DESIGN.md §7: logs readable only by the secretariat).
    AuditLogView,
    OutboxView,
    FeeReport,
    FacilitySecurityPolicyEdit,      // e.g. enforce two-factor sign-in for a facility
    // Every signed-in account, about itself.
    OwnAccountManage,                // password, two-factor, sessions
    // Care teams and patient data (relationship rules).
    TeamCreate,                      // a doctor, visiting nurse or care manager (seed)
    TeamView,                        // members, and managers of the facilities around the patient
    TeamMemberInvite,
    TeamMemberRemove,                // someone else: a manager around the patient (self: TeamLeave)
    TeamLeave,
    StaffDirectory,                  // find staff of any facility to invite into a team
    ConsentRecord,
    ConsentWithdraw,
    ConsentView,                     // the records, their text, signature and paper form
    FamilyHandover,                  // the invitation code + QR on a team member's tablet
    // Fee-rule evidence (issue 5, DESIGN.md §6).
    FeeEvidenceView,                 // a facility's 在宅医療情報連携加算 / 協力医療機関連携加算 evidence
    SpecialRelationshipEdit,         // which facilities are in a special relationship (特別の関係) with it
    PatientRecordRead,               // timeline, files, schedule of a patient
    PatientRecordWrite,              // memos, files, schedule entries
    PatientRecordCorrect,            // edit or retract own memo
    FamilySpaceRead,
    FamilySpaceWrite,
    FamilyScheduleShare,             // share an upcoming visit with the family: the team, never the family
};

// All actions, for table-driven tests and for the app's menu building.
std::span<const Action> all_actions();
std::string_view to_string(Action action); // "facility_register", ...

// The answer, with a reason a person can read in the access log and in a 403 message.
struct Decision {
    bool allowed = false;
    std::string_view reason;
    explicit operator bool() const { return allowed; }
};

Decision decide(const Principal& principal, Action action, const Target& target = {});

} // namespace mimamori::perm
