#pragma once
// The domain's first words: professions of the people in a care team, the types of facility in
// the region, and the roles a member takes in a care team, each with a stable code (API,
// database, CSV) and Japanese and English labels.

#include <optional>
#include <span>
#include <string_view>

namespace mimamori {

enum class Lang { Ja, En };

// A stable code plus its two labels.
struct Label {
    std::string_view code;
    std::string_view ja;
    std::string_view en;
    std::string_view in(Lang lang) const { return lang == Lang::Ja ? ja : en; }
};

// The professions of the people who look after a patient at home (seed: 多職種).
enum class Profession {
    Doctor,
    Dentist,
    Nurse,
    Pharmacist,
    PhysicalTherapist,
    OccupationalTherapist,
    SpeechTherapist,
    Dietitian,
    DentalHygienist,
    CareManager,
    CareWorker,
    Helper,
    MedicalSocialWorker,
    WelfareCommissioner,
    Clerk,
    Other,
};

// How a facility's annual fee is set (seed fee table, R7.2): medical institutions, pharmacies and
// 老健 pay the higher tier; visiting-nurse stations, care-management offices and the like the
// lower; home-help offices and the others are free.
enum class FeeTier { Medical, OtherOffice, Free };

enum class FacilityType {
    HospitalAcute,
    HospitalRecovery,
    ClinicMedical,
    ClinicDental,
    Pharmacy,
    GeriatricHealthFacility, // 介護老人保健施設 (老健)
    SpecialNursingHome,      // 特別養護老人ホーム (特養)
    ResidentialCare,         // グループホーム, 有料老人ホーム, サ高住 ...
    VisitingNurseStation,
    HomeCareSupportOffice,   // 居宅介護支援事業所
    CommunitySupportCenter,  // 地域包括支援センター
    HomeHelpOffice,          // 訪問介護事業所
    Other,                   // 支援学校, 放課後デイサービス, 民生委員 ...
};

struct ProfessionInfo {
    Profession value;
    Label label;
};

struct FacilityTypeInfo {
    FacilityType value;
    Label label;
    FeeTier fee_tier;
    bool nursing_home; // residents get the monthly record of 協力医療機関連携加算
};

// What a member does in one patient's care team (issue 4). Not a profession: a nurse may be the
// team's 訪問看護 in one team and its 病院連携 in another.
enum class TeamRole {
    AttendingDoctor,  // 主治医
    HomeVisitDoctor,  // 訪問医
    Dentist,
    VisitingNurse,
    Pharmacist,
    CareManager,
    Helper,
    Therapist,        // PT, OT, ST
    Dietitian,
    HospitalLiaison,  // the hospital's 地域連携室 during an admission
    NursingHomeStaff,
    MedicalSocialWorker,
    Other,
};

struct TeamRoleInfo {
    TeamRole value;
    Label label;
};

std::span<const ProfessionInfo> professions();
std::span<const FacilityTypeInfo> facility_types();
std::span<const TeamRoleInfo> team_roles();

const Label& label(Profession p);
const FacilityTypeInfo& info(FacilityType t);
inline const Label& label(FacilityType t) { return info(t).label; }
const Label& label(TeamRole r);

std::optional<Profession> profession_from_code(std::string_view code);
std::optional<FacilityType> facility_type_from_code(std::string_view code);
std::optional<TeamRole> team_role_from_code(std::string_view code);

} // namespace mimamori
