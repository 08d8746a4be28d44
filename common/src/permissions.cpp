#include "mimamori/common/permissions.hpp"

#include <algorithm>
#include <array>

namespace mimamori::perm {
namespace {

constexpr std::array kActions = {
    Action::MenuFacilityList, Action::MenuStaffList, Action::MenuPatientList, Action::ExportStaffCsv,
    Action::ExportPatientCsv, Action::FacilityRegister, Action::FacilityEdit, Action::FacilityDelete,
    Action::FacilityRerequestRepresentative, Action::FacilityView, Action::StaffRegister,
    Action::StaffUnaffiliate, Action::StaffResendInvitation, Action::StaffView, Action::PatientRegister,
    Action::PatientViewMaster, Action::TeamLinkEdit, Action::TeamLinkView, Action::FamilyAccountRegister,
    Action::FamilyAccountResend, Action::AuditLogView, Action::OutboxView, Action::FeeReport,
    Action::FacilitySecurityPolicyEdit, Action::OwnAccountManage, Action::TeamCreate,
    Action::TeamMemberInvite, Action::TeamLeave, Action::ConsentRecord, Action::ConsentWithdraw,
    Action::PatientRecordRead, Action::PatientRecordWrite, Action::PatientRecordCorrect,
    Action::FamilySpaceRead, Action::FamilySpaceWrite, Action::PatientEdit, Action::FamilyAccountView,
    Action::ConsentOverview, Action::TeamView, Action::TeamMemberRemove, Action::StaffDirectory,
    Action::ConsentView, Action::FamilyHandover, Action::FeeEvidenceView, Action::SpecialRelationshipEdit,
    Action::FamilyScheduleShare,
};

struct RoleInfo {
    Role role;
    Label label;
};
constexpr std::array kRoles = {
    RoleInfo{Role::SecretariatAdmin, {"secretariat_admin", "事務局 管理者", "Secretariat administrator"}},
    RoleInfo{Role::SecretariatUser, {"secretariat_user", "事務局 利用者", "Secretariat user"}},
    RoleInfo{Role::FacilityManager, {"facility_manager", "事業所管理者", "Facility manager"}},
    RoleInfo{Role::FacilityUser, {"facility_user", "事業所 利用者", "Facility user"}},
    RoleInfo{Role::Family, {"family", "患者・家族", "Patient / family"}},
};

constexpr Decision allow(std::string_view why) { return {true, why}; }
constexpr Decision deny(std::string_view why) { return {false, why}; }

// A manager of any facility related to the patient (registering facility or a member's).
bool manages_patient_facility(const Principal& p, const Target& t) {
    return std::any_of(t.patient_facility_ids.begin(), t.patient_facility_ids.end(),
                       [&](Id f) { return p.manages(f); });
}
bool belongs_to_patient_facility(const Principal& p, const Target& t) {
    return std::any_of(t.patient_facility_ids.begin(), t.patient_facility_ids.end(),
                       [&](Id f) { return p.belongs_to(f); });
}

// Seed: a doctor, a visiting nurse or a care manager may start a care team.
bool may_start_teams(const Principal& p) {
    return p.profession == Profession::Doctor || p.profession == Profession::Nurse ||
           p.profession == Profession::CareManager;
}

Decision secretariat_admin_only(const Principal& p) {
    return p.is_secretariat_admin() ? allow("secretariat administrator")
                                    : deny("only the secretariat administrator may do this");
}

// Facility-scoped master actions: the secretariat admin anywhere, a manager in own facility.
Decision admin_or_facility_manager(const Principal& p, const Target& t) {
    if (p.is_secretariat_admin()) return allow("secretariat administrator");
    if (t.facility_id && p.manages(*t.facility_id)) return allow("manager of this facility");
    return deny("only the secretariat administrator or this facility's manager may do this");
}

// Patient master actions (register/view/link): the secretariat admin, or a manager of a facility
// related to the patient (the seed's planned change ×→○).
Decision admin_or_patient_facility_manager(const Principal& p, const Target& t) {
    if (p.is_secretariat_admin()) return allow("secretariat administrator");
    if (manages_patient_facility(p, t)) return allow("manager of a facility caring for this patient");
    return deny("only the secretariat administrator or a manager of a facility caring for this patient may do this");
}

Decision decide_staff(const Principal& p, Action action, const Target& t) {
    switch (action) {
    case Action::MenuFacilityList:
    case Action::MenuPatientList:
    case Action::ExportStaffCsv:
    case Action::ExportPatientCsv:
    case Action::FacilityRegister:
    case Action::FacilityEdit:
    case Action::FacilityDelete:
    case Action::FacilityRerequestRepresentative:
    case Action::FacilityView:
    case Action::FamilyAccountRegister:
    case Action::FamilyAccountResend:
    case Action::ConsentOverview:
    case Action::AuditLogView:
    case Action::OutboxView:
    case Action::FeeReport:
        return secretariat_admin_only(p);

    case Action::MenuStaffList:
        if (p.is_secretariat() || !p.affiliations.empty()) return allow("staff list is open to all staff roles");
        return deny("no facility affiliation");

    case Action::StaffRegister:
    case Action::StaffUnaffiliate:
    case Action::StaffResendInvitation:
    case Action::FacilitySecurityPolicyEdit:
    case Action::SpecialRelationshipEdit:
        return admin_or_facility_manager(p, t);

    // A facility's own staff prepare its claims (a clinic's 医事課, a home's staff); the evidence
    // names patients and memo ids, never memo content.
    case Action::FeeEvidenceView:
        if (p.is_secretariat_admin()) return allow("secretariat administrator");
        if (t.facility_id && p.belongs_to(*t.facility_id)) return allow("staff of this facility");
        return deny("only this facility's staff see its fee-rule evidence");

    case Action::StaffView:
        if (p.is_secretariat_admin()) return allow("secretariat administrator");
        // No facility: the secretariat's own staff, which secretariat users see.
        if (!t.facility_id) {
            if (p.is_secretariat()) return allow("secretariat staff");
            return deny("only the secretariat sees the secretariat's staff");
        }
        if (p.belongs_to(*t.facility_id)) return allow("own facility");
        return deny("staff of other facilities are not visible");

    case Action::PatientRegister:
    case Action::PatientEdit:
        if (p.is_secretariat_admin()) return allow("secretariat administrator");
        if (t.facility_id && p.manages(*t.facility_id)) return allow("manager registering for own facility");
        return deny("only the secretariat administrator or a facility manager (for own facility) may register patients");

    case Action::PatientViewMaster:
    case Action::TeamLinkEdit:
    case Action::TeamLinkView:
        return admin_or_patient_facility_manager(p, t);

    case Action::OwnAccountManage:
        return p.account_id != 0 ? allow("own account") : deny("not signed in");

    case Action::TeamCreate:
        if (p.is_secretariat_admin()) return allow("secretariat administrator");
        if (manages_patient_facility(p, t)) return allow("manager of a facility caring for this patient");
        if (may_start_teams(p) && belongs_to_patient_facility(p, t))
            return allow("doctor, visiting nurse or care manager of a facility caring for this patient");
        return deny("a care team is started by a doctor, a visiting nurse or a care manager caring for this patient, "
                    "or by a facility manager");

    case Action::TeamMemberInvite:
        if (t.team_locked) return deny("the team is locked: consent was withdrawn");
        if (t.team_member) return allow("team member");
        return admin_or_patient_facility_manager(p, t);

    // Removing people narrows what is shared, so a lock does not stop it.
    case Action::TeamMemberRemove:
        return admin_or_patient_facility_manager(p, t);

    case Action::TeamLeave:
        return t.team_member ? allow("team member") : deny("not a member of this team");

    case Action::TeamView:
    case Action::ConsentRecord:
    case Action::ConsentWithdraw:
    case Action::ConsentView:
        if (t.team_member) return allow("team member");
        return admin_or_patient_facility_manager(p, t);

    case Action::StaffDirectory:
        if (p.is_secretariat_admin()) return allow("secretariat administrator");
        if (!p.affiliations.empty()) return allow("staff of a facility");
        return deny("only staff of a facility look for team members");

    case Action::FamilyAccountView:
        if (p.is_secretariat_admin()) return allow("secretariat administrator");
        if (!t.team_member) return deny("not a current member of this patient's care team");
        if (!t.consent_recorded) return deny("nothing is shared before the patient's consent is recorded");
        return allow("care-team member");

    // Handing a family member their invitation at a home visit: only for a patient who consented
    // to family participation, and not while that consent is withdrawn.
    case Action::FamilyHandover:
        if (p.is_secretariat_admin()) return allow("secretariat administrator");
        if (!t.team_member) return deny("not a current member of this patient's care team");
        if (!t.consent_recorded || !t.family_scope) return deny("the patient has not consented to family participation");
        if (t.team_locked) return deny("the family space is locked: consent was withdrawn");
        return allow("care-team member");

    case Action::PatientRecordRead:
        if (!t.team_member) return deny("not a current member of this patient's care team");
        if (!t.consent_recorded) return deny("nothing is shared before the patient's consent is recorded");
        return allow("care-team member");

    case Action::PatientRecordWrite:
    case Action::PatientRecordCorrect:
        if (!t.team_member) return deny("not a current member of this patient's care team");
        if (!t.consent_recorded) return deny("nothing is shared before the patient's consent is recorded");
        if (t.team_locked) return deny("the team is locked: consent was withdrawn");
        if (action == Action::PatientRecordCorrect && !t.own_item) return deny("only the writer may correct an entry");
        return allow("care-team member");

    case Action::FamilySpaceRead:
    case Action::FamilySpaceWrite:
    case Action::FamilyScheduleShare:
        if (!t.team_member) return deny("not a current member of this patient's care team");
        if (!t.consent_recorded || !t.family_scope) return deny("the patient has not consented to family participation");
        if (action != Action::FamilySpaceRead && t.team_locked) return deny("the family space is locked: consent was withdrawn");
        return allow("care-team member");
    }
    return deny("unknown action");
}

Decision decide_family(const Principal& p, Action action, const Target& t) {
    switch (action) {
    case Action::OwnAccountManage:
        return p.account_id != 0 ? allow("own account") : deny("not signed in");
    case Action::FamilySpaceRead:
    case Action::FamilySpaceWrite:
        if (!p.family_patient_id || !t.patient_id || *p.family_patient_id != *t.patient_id)
            return deny("a family account sees only its own patient's family space");
        if (!t.consent_recorded || !t.family_scope) return deny("the patient has not consented to family participation");
        if (action == Action::FamilySpaceWrite && t.team_locked) return deny("the family space is locked: consent was withdrawn");
        return allow("family of this patient");
    case Action::FamilyScheduleShare:
        return deny("the care team shares schedule entries; families read them");
    default:
        return deny("family accounts use only the family space");
    }
}

} // namespace

bool Principal::manages(Id facility_id) const {
    return std::any_of(affiliations.begin(), affiliations.end(),
                       [&](const Affiliation& a) { return a.facility_id == facility_id && a.manager; });
}
bool Principal::belongs_to(Id facility_id) const {
    return std::any_of(affiliations.begin(), affiliations.end(),
                       [&](const Affiliation& a) { return a.facility_id == facility_id; });
}
bool Principal::manages_any() const {
    return std::any_of(affiliations.begin(), affiliations.end(), [](const Affiliation& a) { return a.manager; });
}

std::vector<Role> roles(const Principal& p) {
    if (p.family) return {Role::Family};
    std::vector<Role> out;
    if (p.secretariat) out.push_back(*p.secretariat);
    if (p.manages_any()) out.push_back(Role::FacilityManager);
    if (std::any_of(p.affiliations.begin(), p.affiliations.end(), [](const Affiliation& a) { return !a.manager; }))
        out.push_back(Role::FacilityUser);
    return out;
}

std::string_view to_string(Role role) { return label(role).code; }

const Label& label(Role role) {
    for (const auto& r : kRoles)
        if (r.role == role) return r.label;
    return kRoles.back().label;
}

std::optional<Role> role_from_string(std::string_view code) {
    for (const auto& r : kRoles)
        if (r.label.code == code) return r.role;
    return std::nullopt;
}

std::span<const Action> all_actions() { return kActions; }

std::string_view to_string(Action action) {
    switch (action) {
    case Action::MenuFacilityList: return "menu_facility_list";
    case Action::MenuStaffList: return "menu_staff_list";
    case Action::MenuPatientList: return "menu_patient_list";
    case Action::ExportStaffCsv: return "export_staff_csv";
    case Action::ExportPatientCsv: return "export_patient_csv";
    case Action::FacilityRegister: return "facility_register";
    case Action::FacilityEdit: return "facility_edit";
    case Action::FacilityDelete: return "facility_delete";
    case Action::FacilityRerequestRepresentative: return "facility_rerequest_representative";
    case Action::FacilityView: return "facility_view";
    case Action::StaffRegister: return "staff_register";
    case Action::StaffUnaffiliate: return "staff_unaffiliate";
    case Action::StaffResendInvitation: return "staff_resend_invitation";
    case Action::StaffView: return "staff_view";
    case Action::PatientRegister: return "patient_register";
    case Action::PatientViewMaster: return "patient_view_master";
    case Action::TeamLinkEdit: return "team_link_edit";
    case Action::TeamLinkView: return "team_link_view";
    case Action::FamilyAccountRegister: return "family_account_register";
    case Action::FamilyAccountResend: return "family_account_resend";
    case Action::AuditLogView: return "audit_log_view";
    case Action::OutboxView: return "outbox_view";
    case Action::FeeReport: return "fee_report";
    case Action::FacilitySecurityPolicyEdit: return "facility_security_policy_edit";
    case Action::OwnAccountManage: return "own_account_manage";
    case Action::TeamCreate: return "team_create";
    case Action::TeamMemberInvite: return "team_member_invite";
    case Action::TeamLeave: return "team_leave";
    case Action::ConsentRecord: return "consent_record";
    case Action::ConsentWithdraw: return "consent_withdraw";
    case Action::PatientRecordRead: return "patient_record_read";
    case Action::PatientRecordWrite: return "patient_record_write";
    case Action::PatientRecordCorrect: return "patient_record_correct";
    case Action::FamilySpaceRead: return "family_space_read";
    case Action::FamilySpaceWrite: return "family_space_write";
    case Action::FamilyScheduleShare: return "family_schedule_share";
    case Action::PatientEdit: return "patient_edit";
    case Action::FamilyAccountView: return "family_account_view";
    case Action::ConsentOverview: return "consent_overview";
    case Action::TeamView: return "team_view";
    case Action::TeamMemberRemove: return "team_member_remove";
    case Action::StaffDirectory: return "staff_directory";
    case Action::ConsentView: return "consent_view";
    case Action::FamilyHandover: return "family_handover";
    case Action::FeeEvidenceView: return "fee_evidence_view";
    case Action::SpecialRelationshipEdit: return "special_relationship_edit";
    }
    return "unknown";
}

Decision decide(const Principal& principal, Action action, const Target& target) {
    if (principal.account_id == 0) return deny("not signed in");
    return principal.family ? decide_family(principal, action, target) : decide_staff(principal, action, target);
}

} // namespace mimamori::perm
