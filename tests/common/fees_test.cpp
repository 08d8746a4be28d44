// The seed's fee table (R7.2) cell by cell, the annual fee, and the months a fee report charges.
#include <gtest/gtest.h>

#include "mimamori/common/fees.hpp"

using namespace mimamori;
using fees::Plan;

TEST(Fees, MonthlyFeeIsTheSeedTable) {
    EXPECT_EQ(fees::monthly_fee_yen(FeeTier::Medical, Plan::NetworkAndSns), 3000);
    EXPECT_EQ(fees::monthly_fee_yen(FeeTier::Medical, Plan::NetworkOnly), 3000);
    EXPECT_EQ(fees::monthly_fee_yen(FeeTier::Medical, Plan::SnsOnly), 1000);
    EXPECT_EQ(fees::monthly_fee_yen(FeeTier::OtherOffice, Plan::NetworkAndSns), 1000);
    EXPECT_EQ(fees::monthly_fee_yen(FeeTier::OtherOffice, Plan::NetworkOnly), 1000);
    EXPECT_EQ(fees::monthly_fee_yen(FeeTier::OtherOffice, Plan::SnsOnly), 500);
    for (Plan plan : fees::all_plans()) EXPECT_EQ(fees::monthly_fee_yen(FeeTier::Free, plan), 0);
}

TEST(Fees, ByFacilityTypeThroughItsTier) {
    EXPECT_EQ(fees::monthly_fee_yen(FacilityType::ClinicDental, Plan::NetworkAndSns), 3000);
    EXPECT_EQ(fees::monthly_fee_yen(FacilityType::GeriatricHealthFacility, Plan::SnsOnly), 1000);
    EXPECT_EQ(fees::monthly_fee_yen(FacilityType::VisitingNurseStation, Plan::SnsOnly), 500);
    EXPECT_EQ(fees::monthly_fee_yen(FacilityType::HomeHelpOffice, Plan::NetworkAndSns), 0);
    // 年一括払い: twelve months at once.
    EXPECT_EQ(fees::annual_fee_yen(FacilityType::Pharmacy, Plan::NetworkAndSns), 36000);
    EXPECT_EQ(fees::annual_fee_yen(FacilityType::HomeCareSupportOffice, Plan::SnsOnly), 6000);
    EXPECT_EQ(fees::annual_fee_yen(FacilityType::Other, Plan::SnsOnly), 0);
    for (const auto& type : facility_types())
        for (Plan plan : fees::all_plans())
            EXPECT_EQ(fees::annual_fee_yen(type.value, plan), 12 * fees::monthly_fee_yen(type.value, plan));
}

TEST(Fees, PlanCodesRoundTrip) {
    for (Plan plan : fees::all_plans()) {
        EXPECT_EQ(fees::plan_from_code(fees::to_string(plan)), plan);
        EXPECT_FALSE(fees::label(plan).ja.empty());
    }
    EXPECT_EQ(fees::to_string(Plan::NetworkAndSns), "network_and_sns");
    EXPECT_EQ(fees::to_string(Plan::NetworkOnly), "network_only");
    EXPECT_EQ(fees::to_string(Plan::SnsOnly), "sns_only");
    EXPECT_FALSE(fees::plan_from_code("premium").has_value());
    EXPECT_FALSE(fees::plan_from_code("").has_value());
    EXPECT_EQ(fees::label(FeeTier::OtherOffice).code, "other_office");
}

TEST(Fees, MonthsUnderContract) {
    const Date april{2024, 4, 1};
    EXPECT_EQ(fees::months_under_contract(2024, april, std::nullopt), 9);  // April..December
    EXPECT_EQ(fees::months_under_contract(2025, april, std::nullopt), 12);
    EXPECT_EQ(fees::months_under_contract(2023, april, std::nullopt), 0);  // not yet
    // A month with one day of contract counts, at either end.
    EXPECT_EQ(fees::months_under_contract(2024, Date{2024, 1, 31}, Date{2024, 3, 1}), 3);
    EXPECT_EQ(fees::months_under_contract(2024, Date{2023, 6, 1}, Date{2024, 6, 30}), 6);
    EXPECT_EQ(fees::months_under_contract(2024, Date{2024, 6, 15}, Date{2024, 6, 15}), 1);
    EXPECT_EQ(fees::months_under_contract(2025, Date{2023, 6, 1}, Date{2024, 6, 30}), 0);  // ended
    EXPECT_EQ(fees::months_under_contract(2024, Date{2024, 6, 1}, Date{2024, 5, 31}), 0); // end before start
    EXPECT_EQ(fees::fee_for_year(FacilityType::ClinicMedical, Plan::NetworkAndSns, 2024, april, std::nullopt), 27000);
    EXPECT_EQ(fees::fee_for_year(FacilityType::HomeHelpOffice, Plan::SnsOnly, 2024, april, std::nullopt), 0);
}
