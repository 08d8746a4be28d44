// 在宅医療情報連携加算 on constructed months (fee_rules.hpp): each condition met and unmet, and the
// edge days of the 90-day window.
#include <gtest/gtest.h>

#include <algorithm>

#include "fee_rules_test_support.hpp"

using namespace mimamori;
using namespace fee_test;
using fee::HomeCareCondition;

namespace {

constexpr fee::Id clinic_id = 100;
constexpr fee::Id special_id = 101; // in a special relationship with the clinic
constexpr fee::Id nurse_station = 200;
constexpr fee::Id doctor = 1;
constexpr fee::Id nurse = 2;
constexpr fee::Id special_nurse = 3;
constexpr fee::Id clinic_nurse = 4;

const fee::Clinic clinic{clinic_id, {special_id}, {200, 201, 202, 203, 204}};

fee::Record visit(fee::Id memo_id, UnixSeconds t, bool complete = true) {
    auto r = record(memo_id, doctor, Profession::Doctor, clinic_id, MemoKind::VisitRecord, t);
    if (complete) {
        r.fields.next_visit_date = japan_date(t).add_days(14);
        r.fields.policy_changed = false;
    }
    return r;
}

fee::Record nurse_record(fee::Id memo_id, UnixSeconds t, fee::Id writer = nurse, fee::Id facility = nurse_station) {
    return record(memo_id, writer, Profession::Nurse, facility, MemoKind::VisitRecord, t);
}

// A June in which every condition holds: a visit on the 30th at 14:00 after reading the nurse's
// record of the 20th.
fee::PatientMonth good_june() {
    fee::PatientMonth p;
    p.patient_id = 7;
    p.month = YearMonth{2024, 6};
    p.consent_recorded = true;
    p.records = {visit(10, at(2024, 6, 30, 14)), nurse_record(20, at(2024, 6, 20))};
    p.reads = {{20, doctor, at(2024, 6, 29, 9)}};
    return p;
}

std::vector<std::string> codes(const fee::ConditionResult& c) {
    std::vector<std::string> out;
    for (const auto& f : c.findings) out.push_back(f.code);
    return out;
}

bool only_unmet(const fee::HomeCareEvaluation& e, std::initializer_list<HomeCareCondition> unmet) {
    for (const auto& c : e.conditions) {
        const bool expected_unmet = std::find(unmet.begin(), unmet.end(), c.condition) != unmet.end();
        if (c.met == expected_unmet) return false;
        if (c.met != c.findings.empty()) return false; // findings exactly when unmet
    }
    return e.met == (unmet.size() == 0);
}

// The obtained-records condition for a visit on 2024-06-30 14:00 and one record of another
// institution written at `written`, read at `read`.
bool obtained(UnixSeconds written, UnixSeconds read) {
    fee::PatientMonth p = good_june();
    p.records = {visit(10, at(2024, 6, 30, 14)), nurse_record(20, written)};
    p.reads = {{20, doctor, read}};
    return fee::evaluate_home_care(clinic, p).condition(HomeCareCondition::ObtainedRecords).met;
}

} // namespace

TEST(FeeHomeCare, EveryConditionMet) {
    const auto e = fee::evaluate_home_care(clinic, good_june());
    EXPECT_TRUE(only_unmet(e, {}));
    EXPECT_EQ(e.patient_id, 7);
    EXPECT_EQ(e.month, (YearMonth{2024, 6}));
    ASSERT_EQ(e.conditions.size(), 5u);
    ASSERT_EQ(e.visits.size(), 1u);
    const auto& v = e.visits[0];
    EXPECT_EQ(v.memo_id, 10);
    EXPECT_EQ(v.doctor_id, doctor);
    EXPECT_TRUE(v.missing_items.empty());
    ASSERT_EQ(v.obtained.size(), 1u);
    EXPECT_EQ(v.obtained[0].memo_id, 20);
    EXPECT_EQ(v.obtained[0].facility_id, nurse_station);
    EXPECT_EQ(v.obtained[0].read_at, at(2024, 6, 29, 9));
    EXPECT_EQ(v.unread_in_window, 0u);
    EXPECT_EQ(e.linked_institutions, (std::vector<fee::Id>{200, 201, 202, 203, 204}));
    EXPECT_EQ(fee::label(HomeCareCondition::ObtainedRecords).code, "obtained_records");
}

TEST(FeeHomeCare, ConsentMissing) {
    auto p = good_june();
    p.consent_recorded = false;
    const auto e = fee::evaluate_home_care(clinic, p);
    EXPECT_TRUE(only_unmet(e, {HomeCareCondition::Consent}));
    EXPECT_EQ(codes(e.condition(HomeCareCondition::Consent)), (std::vector<std::string>{"consent_missing"}));
}

TEST(FeeHomeCare, OnlyTheClinicDoctorsVisitRecordsInTheMonthAreVisits) {
    auto p = good_june();
    auto retracted = visit(11, at(2024, 6, 10));
    retracted.retracted = true;
    auto instruction = visit(12, at(2024, 6, 11));
    instruction.kind = MemoKind::Instruction;
    auto other_doctor = visit(13, at(2024, 6, 12));
    other_doctor.facility_id = special_id;
    p.records = {
        nurse_record(20, at(2024, 6, 20)),          // a nurse's visit record
        visit(14, at(2024, 5, 31, 23, 59)),         // May, Japan time
        visit(15, at(2024, 7, 1, 0, 0)),            // July
        retracted, instruction, other_doctor,
    };
    const auto e = fee::evaluate_home_care(clinic, p);
    EXPECT_TRUE(e.visits.empty());
    EXPECT_TRUE(only_unmet(e, {HomeCareCondition::Visits, HomeCareCondition::RecordItems, HomeCareCondition::ObtainedRecords}));
    EXPECT_EQ(codes(e.condition(HomeCareCondition::Visits)), (std::vector<std::string>{"no_visit"}));
    EXPECT_EQ(codes(e.condition(HomeCareCondition::RecordItems)), (std::vector<std::string>{"no_visit"}));

    // The last minute of June in Japan is June: 2024-06-30T14:59Z.
    p.records.push_back(visit(16, at(2024, 6, 30, 23, 59)));
    p.reads = {{20, doctor, at(2024, 6, 21)}};
    const auto late = fee::evaluate_home_care(clinic, p);
    ASSERT_EQ(late.visits.size(), 1u);
    EXPECT_EQ(late.visits[0].memo_id, 16);
    EXPECT_TRUE(late.met);
}

TEST(FeeHomeCare, NoChangeByTheDoctorIsAVisitWithThePolicyUnchanged) {
    auto p = good_june();
    auto stable = record(10, doctor, Profession::Doctor, clinic_id, MemoKind::NoChange, at(2024, 6, 30, 14));
    stable.fields.next_visit_date = Date{2024, 7, 14};
    p.records[0] = stable;
    const auto e = fee::evaluate_home_care(clinic, p);
    EXPECT_TRUE(e.met);
    EXPECT_EQ(e.visits.at(0).kind, MemoKind::NoChange);
}

TEST(FeeHomeCare, RecordItemsMissing) {
    auto p = good_june();
    auto bare = visit(11, at(2024, 6, 3), /*complete=*/false);
    auto changed = visit(12, at(2024, 6, 17));
    changed.fields.policy_changed = true; // and no summary (an old record, say)
    auto with_extras = visit(13, at(2024, 6, 24));
    with_extras.fields.care_points = "体位変換";
    with_extras.fields.acp_wishes = "自宅で";
    p.records.insert(p.records.end(), {bare, changed, with_extras});
    const auto e = fee::evaluate_home_care(clinic, p);
    const auto& items = e.condition(HomeCareCondition::RecordItems);
    EXPECT_FALSE(items.met);
    EXPECT_EQ(codes(items), (std::vector<std::string>{"missing_next_visit_date", "missing_policy_changed",
                                                      "missing_policy_change_summary"}));
    EXPECT_EQ(items.findings[0].memo_id, 11);
    EXPECT_EQ(items.findings[2].memo_id, 12);
    EXPECT_NE(items.findings[0].ja.find("次回訪問予定日"), std::string::npos);
    EXPECT_NE(items.findings[0].ja.find("2024-06-03 10:00"), std::string::npos);
    EXPECT_NE(items.findings[0].en.find("Next visit date"), std::string::npos);
    ASSERT_EQ(e.visits.size(), 4u); // in time order
    EXPECT_EQ(e.visits[2].memo_id, 13);
    EXPECT_TRUE(e.visits[2].has_care_points);
    EXPECT_TRUE(e.visits[2].has_acp_wishes);
    EXPECT_TRUE(e.visits[2].missing_items.empty());
}

TEST(FeeHomeCare, NinetyDayWindowEdges) {
    // Visit 2024-06-30; 90 days before is 2024-04-01.
    EXPECT_TRUE(obtained(at(2024, 4, 2, 12), at(2024, 6, 29)));   // 89 days
    EXPECT_TRUE(obtained(at(2024, 4, 1, 0, 0), at(2024, 6, 29))); // 90 days, its first minute
    EXPECT_TRUE(obtained(at(2024, 4, 1, 23, 59), at(2024, 6, 29)));
    EXPECT_FALSE(obtained(at(2024, 3, 31, 23, 59), at(2024, 6, 29))); // 91 days
    EXPECT_FALSE(obtained(at(2024, 3, 31, 12), at(2024, 4, 1)));
    // Read by the visit at the latest: at the visit's minute counts, a minute later does not.
    EXPECT_TRUE(obtained(at(2024, 6, 30, 9), at(2024, 6, 30, 14)));
    EXPECT_FALSE(obtained(at(2024, 6, 30, 9), at(2024, 6, 30, 14, 1)));
    // Written after the visit (and read later) is for the next visit.
    EXPECT_FALSE(obtained(at(2024, 6, 30, 15), at(2024, 6, 30, 16)));
    // A read receipt older than the record is not believed.
    EXPECT_FALSE(obtained(at(2024, 6, 20), at(2024, 6, 19)));
}

TEST(FeeHomeCare, OnlyOtherInstitutionsRecordsReadByTheVisitingDoctor) {
    auto p = good_june();
    p.records = {visit(10, at(2024, 6, 30, 14)),
                 nurse_record(20, at(2024, 6, 20), clinic_nurse, clinic_id),    // the clinic's own nurse
                 nurse_record(21, at(2024, 6, 20), special_nurse, special_id),  // special relationship
                 nurse_record(22, at(2024, 6, 20)),                            // read by someone else
                 nurse_record(23, at(2024, 6, 21))};                           // not read at all
    auto retracted = nurse_record(24, at(2024, 6, 22));
    retracted.retracted = true;
    p.records.push_back(retracted);
    p.reads = {{20, doctor, at(2024, 6, 25)}, {21, doctor, at(2024, 6, 25)}, {22, clinic_nurse, at(2024, 6, 25)},
               {24, doctor, at(2024, 6, 25)}};
    const auto e = fee::evaluate_home_care(clinic, p);
    EXPECT_TRUE(only_unmet(e, {HomeCareCondition::ObtainedRecords}));
    const auto& c = e.condition(HomeCareCondition::ObtainedRecords);
    ASSERT_EQ(codes(c), (std::vector<std::string>{"no_obtained_record"}));
    EXPECT_EQ(c.findings[0].memo_id, 10);
    EXPECT_EQ(e.visits[0].unread_in_window, 2u); // 22 and 23 could have been read
    EXPECT_NE(c.findings[0].ja.find("未読の該当記録が2件"), std::string::npos);
    EXPECT_NE(c.findings[0].en.find("2 such record(s) unread"), std::string::npos);
}

TEST(FeeHomeCare, EachVisitNeedsItsOwnObtainedRecord) {
    auto p = good_june();
    p.records.push_back(visit(11, at(2024, 6, 5))); // before the nurse's record of the 20th
    auto e = fee::evaluate_home_care(clinic, p);
    const auto& c = e.condition(HomeCareCondition::ObtainedRecords);
    EXPECT_FALSE(c.met);
    ASSERT_EQ(c.findings.size(), 1u);
    EXPECT_EQ(c.findings[0].memo_id, 11);
    // A record from March, read in April, covers the visit of June 5 too (within 90 days).
    p.records.push_back(nurse_record(30, at(2024, 3, 20)));
    p.reads.push_back({30, doctor, at(2024, 4, 2)});
    e = fee::evaluate_home_care(clinic, p);
    EXPECT_TRUE(e.met);
    EXPECT_EQ(e.visits[0].obtained.size(), 1u);
    EXPECT_EQ(e.visits[1].obtained.size(), 1u); // March 20 is more than 90 days before June 30
    EXPECT_EQ(e.visits[1].obtained[0].memo_id, 20);
}

TEST(FeeHomeCare, LinkedInstitutionsOutsideSpecialRelationships) {
    const fee::Clinic few{clinic_id, {special_id}, {200, 201, 202, 203, 200, special_id, clinic_id}};
    const auto e = fee::evaluate_home_care(few, good_june());
    EXPECT_TRUE(only_unmet(e, {HomeCareCondition::LinkedInstitutions}));
    EXPECT_EQ(e.linked_institutions, (std::vector<fee::Id>{200, 201, 202, 203}));
    const auto& c = e.condition(HomeCareCondition::LinkedInstitutions);
    EXPECT_EQ(codes(c), (std::vector<std::string>{"too_few_linked_institutions"}));
    EXPECT_NE(c.findings[0].ja.find("4か所"), std::string::npos);
    EXPECT_NE(c.findings[0].en.find("at least 5"), std::string::npos);
    const fee::Clinic five{clinic_id, {special_id}, {200, 201, 202, 203, 204, special_id}};
    EXPECT_TRUE(fee::evaluate_home_care(five, good_june()).met);
}

TEST(FeeHomeCare, EveryConditionUnmetAtOnce) {
    fee::PatientMonth p;
    p.patient_id = 8;
    p.month = YearMonth{2024, 6};
    const auto e = fee::evaluate_home_care(fee::Clinic{clinic_id, {}, {}}, p);
    EXPECT_TRUE(only_unmet(e, {HomeCareCondition::Consent, HomeCareCondition::Visits, HomeCareCondition::RecordItems,
                               HomeCareCondition::ObtainedRecords, HomeCareCondition::LinkedInstitutions}));
}
