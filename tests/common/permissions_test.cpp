// The permission function against the role table of DESIGN.md §3 (the seed's 権限一覧 with the
// planned change ×→○), every cell for every role, then the relationship rules around it.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "mimamori/common/permissions.hpp"

using namespace mimamori;
using namespace mimamori::perm;

namespace {

constexpr Id kOwnFacility = 10;
constexpr Id kOtherFacility = 20;
constexpr Id kPatient = 100;

Principal secretariat_admin() { return Principal{.account_id = 1, .secretariat = Role::SecretariatAdmin}; }
Principal secretariat_user() { return Principal{.account_id = 2, .secretariat = Role::SecretariatUser}; }
Principal facility_manager() {
    return Principal{.account_id = 3, .affiliations = {{kOwnFacility, true}}, .profession = Profession::Nurse};
}
Principal facility_user() {
    return Principal{.account_id = 4, .affiliations = {{kOwnFacility, false}}, .profession = Profession::Nurse};
}
Principal family() { return Principal{.account_id = 5, .family = true, .family_patient_id = kPatient}; }

// One row of the table: the action, the target it is tried on, and ○/× per role.
struct Row {
    Action action;
    Target target;
    bool admin, sec_user, manager, user;
};

Target own_facility() { return Target{.facility_id = kOwnFacility}; }
Target own_patient() { return Target{.patient_id = kPatient, .patient_facility_ids = {kOwnFacility}}; }

const std::vector<Row>& table() {
    static const std::vector<Row> rows = {
        {Action::MenuFacilityList, {}, true, false, false, false},
        {Action::MenuStaffList, {}, true, true, true, true},
        {Action::MenuPatientList, {}, true, false, false, false},
        {Action::ExportStaffCsv, {}, true, false, false, false},
        {Action::ExportPatientCsv, {}, true, false, false, false},
        {Action::FacilityRegister, {}, true, false, false, false},
        {Action::FacilityEdit, own_facility(), true, false, false, false},
        {Action::FacilityDelete, own_facility(), true, false, false, false},
        {Action::FacilityRerequestRepresentative, own_facility(), true, false, false, false},
        {Action::FacilityView, own_facility(), true, false, false, false},
        {Action::StaffRegister, own_facility(), true, false, true, false},
        {Action::StaffUnaffiliate, own_facility(), true, false, true, false},
        {Action::StaffResendInvitation, own_facility(), true, false, true, false},
        {Action::PatientRegister, own_facility(), true, false, true, false},
        {Action::PatientViewMaster, own_patient(), true, false, true, false},
        {Action::TeamLinkEdit, own_patient(), true, false, true, false},
        {Action::TeamLinkView, own_patient(), true, false, true, false},
        {Action::FamilyAccountRegister, own_patient(), true, false, false, false},
        {Action::FamilyAccountResend, own_patient(), true, false, false, false},
        // What the rows imply (issue 4): editing is registering's right; the secretariat's
        // overview of consents; finding staff to invite is open to facility staff.
        {Action::PatientEdit, own_facility(), true, false, true, false},
        {Action::ConsentOverview, {}, true, false, false, false},
        {Action::StaffDirectory, {}, true, false, true, true},
    };
    return rows;
}

} // namespace

TEST(PermissionTable, EveryCellForEveryRole) {
    for (const Row& row : table()) {
        SCOPED_TRACE(std::string(to_string(row.action)));
        EXPECT_EQ(decide(secretariat_admin(), row.action, row.target).allowed, row.admin);
        EXPECT_EQ(decide(secretariat_user(), row.action, row.target).allowed, row.sec_user);
        EXPECT_EQ(decide(facility_manager(), row.action, row.target).allowed, row.manager);
        EXPECT_EQ(decide(facility_user(), row.action, row.target).allowed, row.user);
        EXPECT_FALSE(decide(family(), row.action, row.target).allowed) << "family accounts have no master rights";
    }
}

// 自施設のスタッフ参照 ○○○○: each role sees the staff of its own facility; the secretariat's own
// staff list (no facility) is the secretariat user's.
TEST(PermissionTable, OwnFacilityStaffView) {
    EXPECT_TRUE(decide(secretariat_admin(), Action::StaffView, own_facility()));
    EXPECT_TRUE(decide(secretariat_user(), Action::StaffView, {}));
    EXPECT_TRUE(decide(facility_manager(), Action::StaffView, own_facility()));
    EXPECT_TRUE(decide(facility_user(), Action::StaffView, own_facility()));
    EXPECT_FALSE(decide(family(), Action::StaffView, own_facility()));
    EXPECT_FALSE(decide(facility_user(), Action::StaffView, {}));
}

TEST(PermissionRelationships, ManagersActOnlyForTheirOwnFacility) {
    const Target other{.facility_id = kOtherFacility};
    for (Action a : {Action::StaffRegister, Action::StaffUnaffiliate, Action::StaffResendInvitation,
                     Action::PatientRegister, Action::StaffView, Action::FacilitySecurityPolicyEdit}) {
        SCOPED_TRACE(std::string(to_string(a)));
        EXPECT_FALSE(decide(facility_manager(), a, other).allowed);
        EXPECT_TRUE(decide(secretariat_admin(), a, other).allowed);
    }
    const Target other_patient{.patient_id = kPatient, .patient_facility_ids = {kOtherFacility}};
    for (Action a : {Action::PatientViewMaster, Action::TeamLinkEdit, Action::TeamLinkView}) {
        EXPECT_FALSE(decide(facility_manager(), a, other_patient).allowed) << to_string(a);
    }
    // A facility-scoped action without a facility is denied to a manager (no implicit scope).
    EXPECT_FALSE(decide(facility_manager(), Action::StaffRegister, {}).allowed);
}

TEST(PermissionRelationships, ManagerOfOneUserOfAnother) {
    Principal p{.account_id = 7, .affiliations = {{kOwnFacility, true}, {kOtherFacility, false}}};
    EXPECT_TRUE(decide(p, Action::StaffRegister, Target{.facility_id = kOwnFacility}));
    EXPECT_FALSE(decide(p, Action::StaffRegister, Target{.facility_id = kOtherFacility}));
    EXPECT_TRUE(decide(p, Action::StaffView, Target{.facility_id = kOtherFacility}));
    auto r = roles(p);
    EXPECT_EQ(r.size(), 2u);
}

TEST(PermissionRelationships, PatientRecordsNeedMembershipAndConsent) {
    const Principal nurse = facility_user();
    Target t{.patient_id = kPatient, .patient_facility_ids = {kOwnFacility}};
    EXPECT_FALSE(decide(nurse, Action::PatientRecordRead, t)) << "not a team member";
    t.team_member = true;
    EXPECT_FALSE(decide(nurse, Action::PatientRecordRead, t)) << "no consent yet";
    EXPECT_FALSE(decide(nurse, Action::PatientRecordWrite, t));
    t.consent_recorded = true;
    EXPECT_TRUE(decide(nurse, Action::PatientRecordRead, t));
    EXPECT_TRUE(decide(nurse, Action::PatientRecordWrite, t));
    EXPECT_FALSE(decide(nurse, Action::PatientRecordCorrect, t)) << "not the writer";
    t.own_item = true;
    EXPECT_TRUE(decide(nurse, Action::PatientRecordCorrect, t));
    t.team_locked = true;
    EXPECT_TRUE(decide(nurse, Action::PatientRecordRead, t)) << "locked teams stay readable";
    EXPECT_FALSE(decide(nurse, Action::PatientRecordWrite, t));
    EXPECT_FALSE(decide(nurse, Action::PatientRecordCorrect, t));
    EXPECT_FALSE(decide(nurse, Action::TeamMemberInvite, t));
}

TEST(PermissionRelationships, SecretariatNeverReadsClinicalRecords) {
    const Target t{.patient_id = kPatient, .consent_recorded = true};
    EXPECT_FALSE(decide(secretariat_admin(), Action::PatientRecordRead, t));
    EXPECT_FALSE(decide(secretariat_admin(), Action::FamilySpaceRead, t));
    EXPECT_TRUE(decide(secretariat_admin(), Action::PatientViewMaster, t));
}

TEST(PermissionRelationships, FamilySeesOnlyItsOwnFamilySpace) {
    Target own{.patient_id = kPatient, .consent_recorded = true, .family_scope = true};
    EXPECT_TRUE(decide(family(), Action::FamilySpaceRead, own));
    EXPECT_TRUE(decide(family(), Action::FamilySpaceWrite, own));
    Target other = own;
    other.patient_id = kPatient + 1;
    EXPECT_FALSE(decide(family(), Action::FamilySpaceRead, other));
    Target no_scope = own;
    no_scope.family_scope = false;
    EXPECT_FALSE(decide(family(), Action::FamilySpaceRead, no_scope));
    Target locked = own;
    locked.team_locked = true;
    EXPECT_TRUE(decide(family(), Action::FamilySpaceRead, locked));
    EXPECT_FALSE(decide(family(), Action::FamilySpaceWrite, locked));
    // Never the professional timeline, even with a membership flag set by mistake.
    Target clinical = own;
    clinical.team_member = true;
    EXPECT_FALSE(decide(family(), Action::PatientRecordRead, clinical));
    EXPECT_FALSE(decide(family(), Action::PatientRecordWrite, clinical));
    EXPECT_TRUE(decide(family(), Action::OwnAccountManage));
}

TEST(PermissionRelationships, TeamCreationFollowsTheSeed) {
    Target t{.patient_id = kPatient, .patient_facility_ids = {kOwnFacility}};
    for (Profession p : {Profession::Doctor, Profession::Nurse, Profession::CareManager}) {
        Principal staff{.account_id = 9, .affiliations = {{kOwnFacility, false}}, .profession = p};
        EXPECT_TRUE(decide(staff, Action::TeamCreate, t)) << label(p).en;
    }
    Principal pharmacist{.account_id = 9, .affiliations = {{kOwnFacility, false}}, .profession = Profession::Pharmacist};
    EXPECT_FALSE(decide(pharmacist, Action::TeamCreate, t));
    Principal far_doctor{.account_id = 9, .affiliations = {{kOtherFacility, false}}, .profession = Profession::Doctor};
    EXPECT_FALSE(decide(far_doctor, Action::TeamCreate, t));
    EXPECT_TRUE(decide(facility_manager(), Action::TeamCreate, t));
}

TEST(Permission, UnauthenticatedIsAlwaysDenied) {
    Principal nobody;
    for (Action a : all_actions()) EXPECT_FALSE(decide(nobody, a, own_patient())) << to_string(a);
}

TEST(Permission, ActionNamesAreUnique) {
    std::map<std::string, int> seen;
    for (Action a : all_actions()) EXPECT_EQ(++seen[std::string(to_string(a))], 1) << to_string(a);
    EXPECT_EQ(seen.count("unknown"), 0u);
}

TEST(Permission, RolesRoundTrip) {
    for (Role r : {Role::SecretariatAdmin, Role::SecretariatUser, Role::FacilityManager, Role::FacilityUser, Role::Family}) {
        EXPECT_EQ(role_from_string(to_string(r)), r);
        EXPECT_FALSE(label(r).ja.empty());
    }
    EXPECT_EQ(roles(family()), std::vector<Role>{Role::Family});
    EXPECT_EQ(roles(secretariat_admin()), std::vector<Role>{Role::SecretariatAdmin});
}

// Issue 4: who acts on a care team and its consent records. Team members, and the managers of the
// facilities around the patient; a lock (consent withdrawn) stops invitations, not removals.
TEST(PermissionRelationships, TeamsAndConsentRecords) {
    const Principal user = facility_user();
    Target t{.patient_id = kPatient, .patient_facility_ids = {kOwnFacility}};
    for (Action a : {Action::TeamView, Action::ConsentRecord, Action::ConsentWithdraw, Action::ConsentView,
                     Action::TeamMemberInvite, Action::TeamLeave, Action::TeamMemberRemove}) {
        SCOPED_TRACE(std::string(to_string(a)));
        EXPECT_FALSE(decide(user, a, t)) << "not a member";
        EXPECT_FALSE(decide(secretariat_user(), a, t));
        EXPECT_TRUE(decide(secretariat_admin(), a, t) || a == Action::TeamLeave);
        EXPECT_TRUE(decide(facility_manager(), a, t) || a == Action::TeamLeave) << "manager around the patient";
    }
    Target member = t;
    member.team_member = true;
    for (Action a : {Action::TeamView, Action::ConsentRecord, Action::ConsentWithdraw, Action::ConsentView,
                     Action::TeamMemberInvite, Action::TeamLeave})
        EXPECT_TRUE(decide(user, a, member)) << to_string(a);
    EXPECT_FALSE(decide(user, Action::TeamMemberRemove, member)) << "members remove only themselves (leave)";
    member.team_locked = true;
    EXPECT_FALSE(decide(user, Action::TeamMemberInvite, member));
    EXPECT_FALSE(decide(facility_manager(), Action::TeamMemberInvite, member));
    EXPECT_TRUE(decide(user, Action::TeamLeave, member));
    EXPECT_TRUE(decide(facility_manager(), Action::TeamMemberRemove, member));
    EXPECT_TRUE(decide(user, Action::ConsentView, member));
    // A manager of another facility is not around this patient.
    Principal far_manager{.account_id = 8, .affiliations = {{kOtherFacility, true}}};
    EXPECT_FALSE(decide(far_manager, Action::TeamView, t));
    EXPECT_FALSE(decide(far_manager, Action::TeamMemberRemove, t));
    EXPECT_FALSE(decide(far_manager, Action::ConsentRecord, t));
    for (Action a : {Action::TeamView, Action::TeamMemberInvite, Action::ConsentView, Action::StaffDirectory})
        EXPECT_FALSE(decide(family(), a, member)) << to_string(a);
}

// The family list: the secretariat admin in full, team members once consent is recorded; the
// handover at a home visit only with family participation consented and not withdrawn.
TEST(PermissionRelationships, FamilyAccountsAndHandover) {
    const Principal nurse = facility_user();
    Target t{.patient_id = kPatient, .patient_facility_ids = {kOwnFacility}, .team_member = true};
    EXPECT_FALSE(decide(nurse, Action::FamilyAccountView, t)) << "no consent yet";
    EXPECT_FALSE(decide(nurse, Action::FamilyHandover, t));
    t.consent_recorded = true;
    EXPECT_TRUE(decide(nurse, Action::FamilyAccountView, t));
    EXPECT_FALSE(decide(nurse, Action::FamilyHandover, t)) << "no family scope";
    t.family_scope = true;
    EXPECT_TRUE(decide(nurse, Action::FamilyHandover, t));
    t.team_locked = true;
    EXPECT_FALSE(decide(nurse, Action::FamilyHandover, t));
    EXPECT_TRUE(decide(nurse, Action::FamilyAccountView, t));
    EXPECT_TRUE(decide(secretariat_admin(), Action::FamilyHandover, t));
    EXPECT_FALSE(decide(facility_manager(), Action::FamilyAccountView, Target{.patient_id = kPatient,
                                                                            .patient_facility_ids = {kOwnFacility}}))
        << "managers outside the team see no family accounts";
    EXPECT_FALSE(decide(family(), Action::FamilyAccountView, t));
    EXPECT_FALSE(decide(family(), Action::FamilyHandover, t));
}

TEST(Permission, FeeEvidenceIsForTheFacilitysStaff) {
    EXPECT_TRUE(decide(facility_user(), Action::FeeEvidenceView, own_facility()));
    EXPECT_TRUE(decide(facility_manager(), Action::FeeEvidenceView, own_facility()));
    EXPECT_TRUE(decide(secretariat_admin(), Action::FeeEvidenceView, own_facility()));
    EXPECT_FALSE(decide(secretariat_user(), Action::FeeEvidenceView, own_facility()));
    EXPECT_FALSE(decide(facility_user(), Action::FeeEvidenceView, Target{.facility_id = kOtherFacility}));
    EXPECT_FALSE(decide(facility_user(), Action::FeeEvidenceView, Target{}));
    EXPECT_FALSE(decide(family(), Action::FeeEvidenceView, own_facility()));
    // Special relationships: the facility's manager (or the secretariat administrator) says which.
    EXPECT_TRUE(decide(facility_manager(), Action::SpecialRelationshipEdit, own_facility()));
    EXPECT_TRUE(decide(secretariat_admin(), Action::SpecialRelationshipEdit, own_facility()));
    EXPECT_FALSE(decide(facility_user(), Action::SpecialRelationshipEdit, own_facility()));
    EXPECT_FALSE(decide(facility_manager(), Action::SpecialRelationshipEdit, Target{.facility_id = kOtherFacility}));
}
