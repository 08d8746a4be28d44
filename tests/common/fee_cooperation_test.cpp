// 協力医療機関連携加算: which residents lack this month's record (fee_rules.hpp).
#include <gtest/gtest.h>

#include "fee_rules_test_support.hpp"

using namespace mimamori;
using namespace fee_test;
using fee::CooperationBasis;

namespace {

constexpr fee::Id home = 300;
constexpr fee::Id hospital = 400;
constexpr fee::Id staff = 5;
const YearMonth june{2024, 6};

fee::Record monthly(fee::Id memo_id, UnixSeconds t, bool with_policy = true, fee::Id facility = home) {
    auto r = record(memo_id, staff, Profession::Nurse, facility, MemoKind::MonthlyResidentRecord, t);
    if (with_policy) r.fields.emergency_policy = "協力病院へ搬送";
    return r;
}

fee::Record no_change(fee::Id memo_id, UnixSeconds t) {
    auto r = record(memo_id, staff, Profession::CareWorker, home, MemoKind::NoChange, t);
    r.fields.policy_changed = false;
    return r;
}

const fee::ResidentStatus& status_of(const fee::CooperationReport& report, fee::Id patient) {
    for (const auto& r : report.residents)
        if (r.patient_id == patient) return r;
    ADD_FAILURE() << "no resident " << patient;
    return report.residents.front();
}

std::vector<fee::Resident> residents() {
    auto retracted = monthly(70, at(2024, 6, 10));
    retracted.retracted = true;
    auto textless = monthly(80, at(2024, 6, 10));
    textless.has_text = false;
    return {
        {1, {monthly(10, at(2024, 5, 10)), monthly(11, at(2024, 6, 10)), monthly(12, at(2024, 6, 20))}},
        {2, {monthly(20, at(2024, 4, 10)), no_change(21, at(2024, 6, 5))}},
        {3, {no_change(30, at(2024, 6, 5))}},
        {4, {monthly(40, at(2024, 5, 1)), monthly(41, at(2024, 6, 10), /*with_policy=*/false)}},
        {5, {monthly(50, at(2024, 5, 31, 23, 59))}},
        {6, {monthly(60, at(2024, 6, 10), true, hospital)}},
        {7, {retracted}},
        {8, {monthly(90, at(2024, 7, 1, 0, 10)), no_change(91, at(2024, 7, 2))}},
        {9, {monthly(92, at(2024, 6, 30, 23, 59))}},
        {10, {textless}},
        {11, {no_change(93, at(2024, 6, 5)), monthly(94, at(2024, 6, 6, 10), false), monthly(95, at(2024, 6, 20, 10), true)}},
    };
}

} // namespace

TEST(FeeCooperation, ResidentsWithAndWithoutThisMonthsRecord) {
    const auto rs = residents();
    auto report = fee::evaluate_cooperation(home, FacilityType::SpecialNursingHome, june, rs);
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->facility_id, home);
    ASSERT_EQ(report->residents.size(), rs.size());

    const auto& recorded = status_of(*report, 1);
    EXPECT_EQ(recorded.basis, CooperationBasis::Recorded);
    EXPECT_EQ(recorded.memo_id, 12); // the month's latest
    EXPECT_EQ(recorded.at, at(2024, 6, 20));
    EXPECT_TRUE(recorded.met());

    const auto& unchanged = status_of(*report, 2);
    EXPECT_EQ(unchanged.basis, CooperationBasis::NoChange);
    EXPECT_EQ(unchanged.memo_id, 21);
    EXPECT_EQ(unchanged.baseline_memo_id, 20);

    EXPECT_EQ(status_of(*report, 3).finding->code, "no_baseline");
    EXPECT_EQ(status_of(*report, 3).finding->memo_id, 30);
    EXPECT_EQ(status_of(*report, 4).finding->code, "incomplete_record");
    EXPECT_EQ(status_of(*report, 5).finding->code, "no_record");  // May 31, 23:59 in Japan
    EXPECT_EQ(status_of(*report, 6).finding->code, "no_record");  // written by the hospital
    EXPECT_EQ(status_of(*report, 7).finding->code, "no_record");  // retracted
    EXPECT_EQ(status_of(*report, 8).finding->code, "no_record");  // July
    EXPECT_EQ(status_of(*report, 9).basis, CooperationBasis::Recorded); // June 30, 23:59 in Japan
    EXPECT_EQ(status_of(*report, 10).finding->code, "incomplete_record");
    // A 「変化なし」 needs a complete record before it; a later complete record is this month's record.
    EXPECT_EQ(status_of(*report, 11).basis, CooperationBasis::Recorded);
    EXPECT_EQ(status_of(*report, 11).memo_id, 95);

    EXPECT_EQ(report->lacking(), (std::vector<fee::Id>{3, 4, 5, 6, 7, 8, 10}));
    const auto& none = status_of(*report, 5);
    EXPECT_FALSE(none.met());
    EXPECT_NE(none.finding->ja.find("急変時の対応方針"), std::string::npos);
    EXPECT_FALSE(none.finding->en.empty());
}

TEST(FeeCooperation, EveryNursingHomeTypeAndNothingElse) {
    for (const auto& t : facility_types()) {
        auto r = fee::evaluate_cooperation(home, t.value, june, {});
        EXPECT_EQ(r.ok(), t.nursing_home) << t.label.code;
        if (!r.ok()) {
            EXPECT_EQ(r.error().field, "facility_type");
        }
    }
}

TEST(FeeCooperation, NoResidentsNothingLacking) {
    auto r = fee::evaluate_cooperation(home, FacilityType::GeriatricHealthFacility, june, {});
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->lacking().empty());
    EXPECT_EQ(fee::label(CooperationBasis::NoChange).code, "no_change");
}
