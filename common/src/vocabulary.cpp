#include "mimamori/common/vocabulary.hpp"

#include <array>
#include <cassert>

namespace mimamori {
namespace {

constexpr std::array kProfessions = {
    ProfessionInfo{Profession::Doctor, {"doctor", "医師", "Doctor"}},
    ProfessionInfo{Profession::Dentist, {"dentist", "歯科医師", "Dentist"}},
    ProfessionInfo{Profession::Nurse, {"nurse", "看護師", "Nurse"}},
    ProfessionInfo{Profession::Pharmacist, {"pharmacist", "薬剤師", "Pharmacist"}},
    ProfessionInfo{Profession::PhysicalTherapist, {"physical_therapist", "理学療法士", "Physical therapist"}},
    ProfessionInfo{Profession::OccupationalTherapist, {"occupational_therapist", "作業療法士", "Occupational therapist"}},
    ProfessionInfo{Profession::SpeechTherapist, {"speech_therapist", "言語聴覚士", "Speech therapist"}},
    ProfessionInfo{Profession::Dietitian, {"dietitian", "管理栄養士", "Dietitian"}},
    ProfessionInfo{Profession::DentalHygienist, {"dental_hygienist", "歯科衛生士", "Dental hygienist"}},
    ProfessionInfo{Profession::CareManager, {"care_manager", "ケアマネジャー", "Care manager"}},
    ProfessionInfo{Profession::CareWorker, {"care_worker", "介護福祉士", "Care worker"}},
    ProfessionInfo{Profession::Helper, {"helper", "ホームヘルパー", "Home helper"}},
    ProfessionInfo{Profession::MedicalSocialWorker, {"msw", "医療ソーシャルワーカー", "Medical social worker"}},
    ProfessionInfo{Profession::WelfareCommissioner, {"welfare_commissioner", "民生委員", "Welfare commissioner"}},
    ProfessionInfo{Profession::Clerk, {"clerk", "事務職員", "Clerk"}},
    ProfessionInfo{Profession::Other, {"other", "その他", "Other"}},
};

constexpr std::array kFacilityTypes = {
    FacilityTypeInfo{FacilityType::HospitalAcute, {"hospital_acute", "病院（急性期）", "Hospital (acute)"}, FeeTier::Medical, false},
    FacilityTypeInfo{FacilityType::HospitalRecovery, {"hospital_recovery", "病院（回復期）", "Hospital (recovery)"}, FeeTier::Medical, false},
    FacilityTypeInfo{FacilityType::ClinicMedical, {"clinic", "診療所（医科）", "Clinic"}, FeeTier::Medical, false},
    FacilityTypeInfo{FacilityType::ClinicDental, {"dental_clinic", "診療所（歯科）", "Dental clinic"}, FeeTier::Medical, false},
    FacilityTypeInfo{FacilityType::Pharmacy, {"pharmacy", "調剤薬局", "Pharmacy"}, FeeTier::Medical, false},
    FacilityTypeInfo{FacilityType::GeriatricHealthFacility, {"roken", "介護老人保健施設（老健）", "Geriatric health facility"}, FeeTier::Medical, true},
    FacilityTypeInfo{FacilityType::SpecialNursingHome, {"tokuyo", "特別養護老人ホーム（特養）", "Special nursing home"}, FeeTier::OtherOffice, true},
    FacilityTypeInfo{FacilityType::ResidentialCare, {"residential_care", "居住系介護施設", "Residential care home"}, FeeTier::OtherOffice, true},
    FacilityTypeInfo{FacilityType::VisitingNurseStation, {"visiting_nurse", "訪問看護ステーション", "Visiting-nurse station"}, FeeTier::OtherOffice, false},
    FacilityTypeInfo{FacilityType::HomeCareSupportOffice, {"care_management", "居宅介護支援事業所", "Care-management office"}, FeeTier::OtherOffice, false},
    FacilityTypeInfo{FacilityType::CommunitySupportCenter, {"community_support", "地域包括支援センター", "Community general support center"}, FeeTier::OtherOffice, false},
    FacilityTypeInfo{FacilityType::HomeHelpOffice, {"home_help", "訪問介護事業所", "Home-help office"}, FeeTier::Free, false},
    FacilityTypeInfo{FacilityType::Other, {"other", "その他（支援学校・放課後デイ・民生委員等）", "Other"}, FeeTier::Free, false},
};

constexpr std::array kTeamRoles = {
    TeamRoleInfo{TeamRole::AttendingDoctor, {"attending_doctor", "主治医", "Attending doctor"}},
    TeamRoleInfo{TeamRole::HomeVisitDoctor, {"home_visit_doctor", "訪問医", "Home-visit doctor"}},
    TeamRoleInfo{TeamRole::Dentist, {"dentist", "歯科医師", "Dentist"}},
    TeamRoleInfo{TeamRole::VisitingNurse, {"visiting_nurse", "訪問看護", "Visiting nurse"}},
    TeamRoleInfo{TeamRole::Pharmacist, {"pharmacist", "薬剤師", "Pharmacist"}},
    TeamRoleInfo{TeamRole::CareManager, {"care_manager", "ケアマネジャー", "Care manager"}},
    TeamRoleInfo{TeamRole::Helper, {"helper", "ヘルパー", "Home helper"}},
    TeamRoleInfo{TeamRole::Therapist, {"therapist", "リハビリ職", "Therapist"}},
    TeamRoleInfo{TeamRole::Dietitian, {"dietitian", "管理栄養士", "Dietitian"}},
    TeamRoleInfo{TeamRole::HospitalLiaison, {"hospital_liaison", "病院連携", "Hospital liaison"}},
    TeamRoleInfo{TeamRole::NursingHomeStaff, {"nursing_home_staff", "施設職員", "Nursing-home staff"}},
    TeamRoleInfo{TeamRole::MedicalSocialWorker, {"msw", "医療ソーシャルワーカー", "Medical social worker"}},
    TeamRoleInfo{TeamRole::Other, {"other", "その他", "Other"}},
};

} // namespace

std::span<const ProfessionInfo> professions() { return kProfessions; }
std::span<const FacilityTypeInfo> facility_types() { return kFacilityTypes; }
std::span<const TeamRoleInfo> team_roles() { return kTeamRoles; }

const Label& label(TeamRole r) {
    for (const auto& info : kTeamRoles)
        if (info.value == r) return info.label;
    assert(false && "every TeamRole has a label");
    return kTeamRoles.back().label;
}

const Label& label(Profession p) {
    for (const auto& info : kProfessions)
        if (info.value == p) return info.label;
    assert(false && "every Profession has a label");
    return kProfessions.back().label;
}

const FacilityTypeInfo& info(FacilityType t) {
    for (const auto& i : kFacilityTypes)
        if (i.value == t) return i;
    assert(false && "every FacilityType has an entry");
    return kFacilityTypes.back();
}

std::optional<Profession> profession_from_code(std::string_view code) {
    for (const auto& info : kProfessions)
        if (info.label.code == code) return info.value;
    return std::nullopt;
}

std::optional<FacilityType> facility_type_from_code(std::string_view code) {
    for (const auto& i : kFacilityTypes)
        if (i.label.code == code) return i.value;
    return std::nullopt;
}

std::optional<TeamRole> team_role_from_code(std::string_view code) {
    for (const auto& info : kTeamRoles)
        if (info.label.code == code) return info.value;
    return std::nullopt;
}

} // namespace mimamori
