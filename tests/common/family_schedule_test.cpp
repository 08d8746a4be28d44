// Schedule entries shared with the family (issue 6 point 5): validation of what a staff member
// types, normal form in a memo, upcoming entries in date order, and who may share them.
#include <gtest/gtest.h>

#include "family_test_support.hpp"
#include "mimamori/common/family_crypto/memo_content.hpp"
#include "mimamori/common/family_crypto/schedule.hpp"
#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/permissions.hpp"

namespace fc = mimamori::family_crypto;
using mimamori::ErrorCode;

namespace {

std::string field_of(const mimamori::Result<fc::ScheduleEntry>& r) { return r.ok() ? "(ok)" : r.error().field; }

// 2026-12-01 09:00 in Japan.
const std::int64_t dec1_9am = mimamori::japan_midnight(mimamori::Date{2026, 12, 1}) + 9 * 3600;

} // namespace

TEST(FamilySchedule, ATypedEntryIsNormalised) {
    auto e = fc::make_schedule_entry("2026-12-03", "9:05", "  訪問看護 ");
    ASSERT_TRUE(e.ok()) << e.error().message;
    EXPECT_EQ(e->date, "2026-12-03");
    EXPECT_EQ(e->time, "09:05");
    EXPECT_EQ(e->what, "訪問看護");
    EXPECT_TRUE(fc::check_schedule_entry(*e).ok());
}

TEST(FamilySchedule, BadDatesTimesAndTextsAreRefusedByField) {
    EXPECT_EQ(field_of(fc::make_schedule_entry("2026-02-30", "10:00", "訪問看護")), "schedule.date");
    EXPECT_EQ(field_of(fc::make_schedule_entry("12/3", "10:00", "訪問看護")), "schedule.date");
    EXPECT_EQ(field_of(fc::make_schedule_entry("", "10:00", "訪問看護")), "schedule.date");
    for (const char* t : {"24:00", "10:60", "10", "10:0", ":30", "1000", "10:00pm", "-1:00", "100:00", ""})
        EXPECT_EQ(field_of(fc::make_schedule_entry("2026-12-03", t, "訪問看護")), "schedule.time") << t;
    EXPECT_EQ(field_of(fc::make_schedule_entry("2026-12-03", "10:00", "")), "schedule.what");
    EXPECT_EQ(field_of(fc::make_schedule_entry("2026-12-03", "10:00", "   ")), "schedule.what");
    EXPECT_EQ(field_of(fc::make_schedule_entry("2026-12-03", "10:00", "訪問\n看護")), "schedule.what");
    EXPECT_EQ(field_of(fc::make_schedule_entry("2026-12-03", "10:00", std::string(61, 'a'))), "schedule.what");
    EXPECT_TRUE(fc::make_schedule_entry("2026-12-03", "10:00", std::string(60, 'a')).ok());
    EXPECT_EQ(field_of(fc::make_schedule_entry("2026-12-03", "10:00", "\xe8\xa8")), "schedule.what"); // cut UTF-8
    // In a memo an entry must already be in normal form.
    EXPECT_FALSE(fc::check_schedule_entry({"2026-12-03", "9:05", "訪問看護"}).ok());
    EXPECT_FALSE(fc::check_schedule_entry({"2026-12-03", "09:05", " 訪問看護"}).ok());
}

TEST(FamilySchedule, UpcomingEntriesInDateOrderAndPastOnesDropOff) {
    const std::vector<fc::ScheduleEntry> entries{
        {"2026-12-03", "10:00", "訪問看護"},
        {"2026-11-30", "14:00", "往診"},         // past
        {"2026-12-01", "08:30", "訪問介護"},     // started 30 minutes ago: still listed
        {"2026-12-01", "07:00", "服薬確認"},     // two hours ago: gone
        {"2026-12-02", "09:00", "訪問リハビリ"},
        {"2026-12-02", "9:00", "not normal"},    // not in normal form: never shown
    };
    const auto list = fc::upcoming(entries, dec1_9am);
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].what, "訪問介護");
    EXPECT_EQ(list[1].what, "訪問リハビリ");
    EXPECT_EQ(list[2].what, "訪問看護");
    EXPECT_EQ(fc::schedule_start(entries[0]), mimamori::japan_midnight(mimamori::Date{2026, 12, 3}) + 10 * 3600);
    EXPECT_TRUE(fc::upcoming(entries, dec1_9am + 3 * 86400).empty());
}

TEST(FamilySchedule, ItTravelsInAMemoAndOnlyTheTeamSharesIt) {
    fc::FamilyMemoContent c;
    c.schedule = fc::make_schedule_entry("2026-12-03", "10:00", "訪問看護").value();
    auto bytes = fc::encode_memo_content(c);
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    auto back = fc::decode_memo_content(*bytes);
    ASSERT_TRUE(back.ok()) << back.error().message;
    ASSERT_TRUE(back->schedule.has_value());
    EXPECT_EQ(*back->schedule, *c.schedule);
    EXPECT_TRUE(back->text.empty());
    // A malformed entry inside a memo is refused as a whole.
    const std::string bad = R"({"version":1,"text":"","schedule":{"date":"2026-12-03","time":"25:00","what":"x"}})";
    EXPECT_EQ(fc::decode_memo_content(mimamori::as_bytes(bad)).error().field, "schedule.time");
    const std::string missing = R"({"version":1,"text":"","schedule":{"date":"2026-12-03","what":"x"}})";
    EXPECT_FALSE(fc::decode_memo_content(mimamori::as_bytes(missing)).ok());
    fc::FamilyMemoContent wrong;
    wrong.schedule = fc::ScheduleEntry{"2026-12-03", "10:00", ""};
    EXPECT_FALSE(fc::encode_memo_content(wrong).ok());

    EXPECT_TRUE(fc::schedule_author_allowed("staff"));
    EXPECT_FALSE(fc::schedule_author_allowed("family"));
    EXPECT_FALSE(fc::schedule_author_allowed(""));
}

TEST(FamilySchedule, PermissionTheTeamYesTheFamilyNo) {
    using namespace mimamori::perm;
    Target t;
    t.patient_id = 1;
    t.team_member = true;
    t.consent_recorded = true;
    t.family_scope = true;
    Principal nurse;
    nurse.account_id = 10;
    nurse.affiliations.push_back({5, false});
    nurse.profession = mimamori::Profession::Nurse;
    EXPECT_TRUE(decide(nurse, Action::FamilyScheduleShare, t));
    Principal family;
    family.account_id = 11;
    family.family = true;
    family.family_patient_id = 1;
    EXPECT_TRUE(decide(family, Action::FamilySpaceWrite, t));
    EXPECT_FALSE(decide(family, Action::FamilyScheduleShare, t));
    t.team_locked = true;
    EXPECT_FALSE(decide(nurse, Action::FamilyScheduleShare, t));
    t.team_locked = false;
    t.team_member = false;
    EXPECT_FALSE(decide(nurse, Action::FamilyScheduleShare, t));
}
