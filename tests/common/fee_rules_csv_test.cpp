// The fee-rule evidence as CSV (fee_rules_csv.hpp), read back with the project's CSV parser.
#include <gtest/gtest.h>

#include "fee_rules_test_support.hpp"
#include "mimamori/common/csv.hpp"
#include "mimamori/common/fee_rules_csv.hpp"

using namespace mimamori;
using namespace fee_test;

namespace {

std::vector<csv::Row> read(const std::string& text) {
    csv::ParseOptions options;
    options.restore_guarded_fields = true;
    auto rows = csv::parse(text, options);
    EXPECT_TRUE(rows.ok()) << (rows.ok() ? "" : rows.error().message);
    return rows.ok() ? *rows : std::vector<csv::Row>{};
}

fee::HomeCareEvaluation june(bool good) {
    fee::PatientMonth p;
    p.patient_id = 7;
    p.month = YearMonth{2024, 6};
    p.consent_recorded = true;
    auto v = record(10, 1, Profession::Doctor, 100, MemoKind::VisitRecord, at(2024, 6, 30, 14));
    v.fields.policy_changed = false;
    if (good) v.fields.next_visit_date = Date{2024, 7, 14};
    v.fields.care_points = "体位変換";
    p.records = {v, record(20, 2, Profession::Nurse, 200, MemoKind::VisitRecord, at(2024, 6, 20))};
    p.reads = {{20, 1, at(2024, 6, 29, 9)}};
    return fee::evaluate_home_care(fee::Clinic{100, {}, {200, 201, 202, 203, 204}}, p);
}

// The rows of `rows` whose column `col` is `value`.
std::vector<csv::Row> where(const std::vector<csv::Row>& rows, std::size_t col, std::string_view value) {
    std::vector<csv::Row> out;
    for (const auto& r : rows)
        if (r.at(col) == value) out.push_back(r);
    return out;
}

} // namespace

TEST(FeeRulesCsv, HomeCareEvidence) {
    const std::vector<fee::HomeCareEvaluation> evaluations{june(true), june(false)};
    fee::Names names;
    names.patients[7] = "山田 太郎";
    names.facilities[200] = "みまもり訪問看護ステーション";
    const auto rows = read(fee::home_care_csv(evaluations, Lang::En, names));
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0], (csv::Row{"patient_id", "patient_name", "month", "claimable", "condition", "condition_label",
                                 "status", "code", "detail", "visit_memo_id", "visit_at", "evidence_memo_id",
                                 "evidence_facility_id", "evidence_facility_name", "evidence_written_at",
                                 "evidence_read_at"}));
    // The good month: consent, one visit, its complete record (with the applicable item), one
    // obtained record, five institutions.
    const auto good = where(rows, 3, "yes");
    ASSERT_EQ(good.size(), 1u + 1u + 1u + 1u + 5u);
    EXPECT_EQ(good[0][1], "山田 太郎");
    EXPECT_EQ(good[0][2], "2024-06");
    const auto obtained = where(good, 4, "obtained_records");
    ASSERT_EQ(obtained.size(), 1u);
    EXPECT_EQ(obtained[0][9], "10");
    EXPECT_EQ(obtained[0][10], "2024-06-30T14:00:00+09:00");
    EXPECT_EQ(obtained[0][11], "20");
    EXPECT_EQ(obtained[0][12], "200");
    EXPECT_EQ(obtained[0][13], "みまもり訪問看護ステーション");
    EXPECT_EQ(obtained[0][14], "2024-06-20T10:00:00+09:00");
    EXPECT_EQ(obtained[0][15], "2024-06-29T09:00:00+09:00");
    const auto items = where(good, 4, "record_items");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0][7], "complete");
    EXPECT_EQ(items[0][8], "Points of care to share");
    EXPECT_EQ(where(good, 4, "linked_institutions").size(), 5u);
    // The other: the missing item is a row with its code and message, the condition unmet.
    const auto bad = where(rows, 3, "no");
    const auto missing = where(bad, 7, "missing_next_visit_date");
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_EQ(missing[0][6], "unmet");
    EXPECT_EQ(missing[0][9], "10");
    EXPECT_NE(missing[0][8].find("lacks"), std::string::npos);
    EXPECT_EQ(rows.size(), 1 + good.size() + bad.size());
}

TEST(FeeRulesCsv, JapaneseHeaderAndMessages) {
    const std::vector<fee::HomeCareEvaluation> evaluations{june(false)};
    const std::string text = fee::home_care_csv(evaluations, Lang::Ja);
    EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF"); // Excel needs the BOM for UTF-8
    const auto rows = read(text);
    EXPECT_EQ(rows.at(0).at(0), "患者ID");
    const auto missing = where(rows, 7, "missing_next_visit_date");
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_EQ(missing[0][5], "記録すべき項目");
    EXPECT_NE(missing[0][8].find("次回訪問予定日"), std::string::npos);
    EXPECT_EQ(missing[0][1], ""); // no name given
}

TEST(FeeRulesCsv, CooperationReport) {
    const std::vector<fee::Resident> residents{
        {1, {[] {
             auto r = record(11, 5, Profession::Nurse, 300, MemoKind::MonthlyResidentRecord, at(2024, 6, 10));
             r.fields.emergency_policy = "搬送";
             return r;
         }()}},
        {2, {}},
    };
    auto report = fee::evaluate_cooperation(300, FacilityType::SpecialNursingHome, YearMonth{2024, 6}, residents);
    ASSERT_TRUE(report.ok());
    fee::Names names;
    names.facilities[300] = "特養みまもり";
    names.patients[2] = "=HYPERLINK(\"x\")"; // a formula in a name is written guarded, read back intact
    const auto rows = read(fee::cooperation_csv(*report, Lang::Ja, names));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].at(0), "事業所ID");
    EXPECT_EQ(rows[1], (csv::Row{"300", "特養みまもり", "2024-06", "1", "", "met", "recorded", "月次記録あり", "11",
                                 "2024-06-10T10:00:00+09:00", "", "", ""}));
    EXPECT_EQ(rows[2][4], "=HYPERLINK(\"x\")");
    EXPECT_EQ(rows[2][5], "unmet");
    EXPECT_EQ(rows[2][6], "none");
    EXPECT_EQ(rows[2][11], "no_record");
    EXPECT_NE(rows[2][12].find("記録がありません"), std::string::npos);
}
