#include <gtest/gtest.h>

#include <set>
#include <string>

#include "mimamori/common/vocabulary.hpp"

using namespace mimamori;

TEST(Vocabulary, ProfessionCodesAreUniqueAndRoundTrip) {
    std::set<std::string> codes;
    for (const auto& p : professions()) {
        EXPECT_TRUE(codes.insert(std::string(p.label.code)).second) << p.label.code;
        EXPECT_EQ(profession_from_code(p.label.code), p.value);
        EXPECT_FALSE(p.label.ja.empty());
        EXPECT_FALSE(p.label.en.empty());
        EXPECT_EQ(label(p.value).code, p.label.code);
    }
    EXPECT_EQ(label(Profession::Nurse).in(Lang::Ja), "看護師");
    EXPECT_EQ(label(Profession::Nurse).in(Lang::En), "Nurse");
    EXPECT_FALSE(profession_from_code("wizard").has_value());
}

TEST(Vocabulary, FacilityTypesCoverTheSeedFeeTable) {
    std::set<std::string> codes;
    for (const auto& t : facility_types()) {
        EXPECT_TRUE(codes.insert(std::string(t.label.code)).second) << t.label.code;
        EXPECT_EQ(facility_type_from_code(t.label.code), t.value);
    }
    EXPECT_EQ(info(FacilityType::ClinicMedical).fee_tier, FeeTier::Medical);
    EXPECT_EQ(info(FacilityType::Pharmacy).fee_tier, FeeTier::Medical);
    EXPECT_EQ(info(FacilityType::GeriatricHealthFacility).fee_tier, FeeTier::Medical);
    EXPECT_EQ(info(FacilityType::VisitingNurseStation).fee_tier, FeeTier::OtherOffice);
    EXPECT_EQ(info(FacilityType::HomeCareSupportOffice).fee_tier, FeeTier::OtherOffice);
    EXPECT_EQ(info(FacilityType::HomeHelpOffice).fee_tier, FeeTier::Free);
    EXPECT_TRUE(info(FacilityType::SpecialNursingHome).nursing_home);
    EXPECT_FALSE(info(FacilityType::ClinicMedical).nursing_home);
    EXPECT_EQ(label(FacilityType::VisitingNurseStation).ja, "訪問看護ステーション");
}

// The contract's team roles (issue 4): codes unique, each with both labels.
TEST(Vocabulary, TeamRoleCodesAreUniqueAndRoundTrip) {
    std::set<std::string> codes;
    for (const auto& r : team_roles()) {
        EXPECT_TRUE(codes.insert(std::string(r.label.code)).second) << r.label.code;
        EXPECT_EQ(team_role_from_code(r.label.code), r.value);
        EXPECT_FALSE(r.label.ja.empty());
        EXPECT_FALSE(r.label.en.empty());
        EXPECT_EQ(label(r.value).code, r.label.code);
    }
    EXPECT_EQ(codes.size(), 13u);
    EXPECT_EQ(label(TeamRole::AttendingDoctor).ja, "主治医");
    EXPECT_EQ(label(TeamRole::VisitingNurse).ja, "訪問看護");
    EXPECT_FALSE(team_role_from_code("surgeon").has_value());
}
