// The professional memo's kinds, fields and JSON (memo.hpp).
#include <gtest/gtest.h>

#include "mimamori/common/memo.hpp"

using namespace mimamori;

namespace {

MemoDraft parse_ok(std::string_view body, const MemoParseOptions& options = {}) {
    auto r = parse_memo(body, options);
    EXPECT_TRUE(r.ok()) << body << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : MemoDraft{};
}

// The error for a bad body: InvalidInput naming `field`; returns the message.
std::string parse_error(std::string_view body, std::string_view field, const MemoParseOptions& options = {}) {
    auto r = parse_memo(body, options);
    EXPECT_FALSE(r.ok()) << body;
    if (r.ok()) return {};
    EXPECT_EQ(r.error().code, ErrorCode::InvalidInput) << body;
    EXPECT_EQ(r.error().field, field) << body << ": " << r.error().message;
    return r.error().message;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

} // namespace

TEST(Memo, KindsAndFieldsHaveCodesAndLabels) {
    ASSERT_EQ(memo_kinds().size(), 6u);
    for (const auto& k : memo_kinds()) {
        EXPECT_EQ(memo_kind_from_code(k.label.code), k.value);
        EXPECT_FALSE(k.label.ja.empty());
        EXPECT_FALSE(k.label.en.empty());
        EXPECT_EQ(&info(k.value), &k);
    }
    EXPECT_EQ(label(MemoKind::NoChange).ja, "変化なし");
    EXPECT_EQ(label(MemoField::NextVisitDate).code, "next_visit_date");
    EXPECT_FALSE(memo_kind_from_code("visit"));
    EXPECT_TRUE(info(MemoKind::Instruction).needs_acknowledgement);
    EXPECT_FALSE(info(MemoKind::VisitRecord).needs_acknowledgement);
}

TEST(Memo, FieldTableAsDocumented) {
    EXPECT_EQ(field_rule(MemoKind::VisitRecord, MemoField::NextVisitDate), FieldRule::Optional);
    EXPECT_EQ(field_rule(MemoKind::VisitRecord, MemoField::PolicyChangeSummary), FieldRule::WhenPolicyChanged);
    EXPECT_EQ(field_rule(MemoKind::VisitRecord, MemoField::EmergencyPolicy), FieldRule::Optional);
    for (const auto& f : memo_fields()) EXPECT_EQ(field_rule(MemoKind::Instruction, f.value), FieldRule::Refused);
    EXPECT_EQ(field_rule(MemoKind::NoChange, MemoField::PolicyChanged), FieldRule::AlwaysFalse);
    EXPECT_EQ(field_rule(MemoKind::NoChange, MemoField::CarePoints), FieldRule::Refused);
    EXPECT_EQ(field_rule(MemoKind::AcpWishes, MemoField::AcpWishes), FieldRule::Required);
    EXPECT_EQ(field_rule(MemoKind::EmergencyPolicy, MemoField::EmergencyPolicy), FieldRule::Required);
    EXPECT_EQ(field_rule(MemoKind::MonthlyResidentRecord, MemoField::EmergencyPolicy), FieldRule::Required);
    EXPECT_EQ(field_rule(MemoKind::MonthlyResidentRecord, MemoField::NextVisitDate), FieldRule::Refused);
    EXPECT_EQ(info(MemoKind::MonthlyResidentRecord).text, FieldRule::Required);
    EXPECT_EQ(info(MemoKind::NoChange).text, FieldRule::Optional);
}

TEST(Memo, SmallestValidPost) {
    const MemoDraft d = parse_ok(R"({"kind":"visit_record","text":"仙骨部に褥瘡あり"})");
    EXPECT_EQ(d.kind, MemoKind::VisitRecord);
    EXPECT_EQ(d.text, "仙骨部に褥瘡あり");
    EXPECT_EQ(d.fields, MemoFields{});
    EXPECT_TRUE(d.attachments.empty());
    EXPECT_TRUE(d.mentions.empty());
}

TEST(Memo, DoctorsVisitRecordWithEveryField) {
    const MemoDraft d = parse_ok(R"({"kind":"visit_record","text":"  訪問診療。@Nurse_Sato 褥瘡処置を継続\n",
        "next_visit_date":"2024-06-17","policy_changed":true,"policy_change_summary":"利尿薬を減量",
        "care_points":"体位変換は2時間ごと @helper01","acp_wishes":"自宅で最期を迎えたい","emergency_policy":"救急搬送はしない",
        "attachments":["up_1","up-2"]})");
    EXPECT_EQ(d.text, "訪問診療。@Nurse_Sato 褥瘡処置を継続"); // trimmed
    EXPECT_EQ(d.fields.next_visit_date, (Date{2024, 6, 17}));
    EXPECT_EQ(d.fields.policy_changed, true);
    EXPECT_EQ(d.fields.policy_change_summary, "利尿薬を減量");
    EXPECT_EQ(d.fields.care_points, "体位変換は2時間ごと @helper01");
    EXPECT_EQ(d.fields.acp_wishes, "自宅で最期を迎えたい");
    EXPECT_EQ(d.fields.emergency_policy, "救急搬送はしない");
    EXPECT_EQ(d.attachments, (std::vector<std::string>{"up_1", "up-2"}));
    EXPECT_EQ(d.mentions, (std::vector<std::string>{"nurse_sato", "helper01"}));
    EXPECT_TRUE(record_gaps(d.kind, d.fields).empty());
}

TEST(Memo, OneTapNoChange) {
    const MemoDraft d = parse_ok(R"({"kind":"no_change"})");
    EXPECT_EQ(d.text, "変化なし");
    EXPECT_EQ(d.fields.policy_changed, false);
    EXPECT_EQ(parse_ok(R"({"kind":"no_change","text":"  "})").text, "変化なし");
    EXPECT_EQ(parse_ok(R"({"kind":"no_change","text":"著変なし"})").text, "著変なし");
    const MemoDraft with_date = parse_ok(R"({"kind":"no_change","next_visit_date":"2024-07-01","policy_changed":false})");
    EXPECT_EQ(with_date.fields.next_visit_date, (Date{2024, 7, 1}));
    EXPECT_TRUE(record_gaps(with_date.kind, with_date.fields).empty());
    EXPECT_EQ(record_gaps(d.kind, d.fields), (std::vector<MemoField>{MemoField::NextVisitDate}));
}

TEST(Memo, OtherKinds) {
    EXPECT_EQ(parse_ok(R"({"kind":"acp_wishes","acp_wishes":"延命治療は望まない"})").text, "");
    EXPECT_EQ(parse_ok(R"({"kind":"emergency_policy","emergency_policy":"主治医に連絡","text":"家族と合意"})").text, "家族と合意");
    const MemoDraft monthly =
        parse_ok(R"({"kind":"monthly_resident_record","text":"血圧安定。内服変更なし","emergency_policy":"協力病院へ搬送"})");
    EXPECT_EQ(monthly.fields.emergency_policy, "協力病院へ搬送");
    EXPECT_TRUE(record_gaps(monthly.kind, monthly.fields).empty());
    EXPECT_EQ(parse_ok(R"({"kind":"instruction","text":"@nurse_a 明日採血をお願いします"})").mentions,
              (std::vector<std::string>{"nurse_a"}));
}

TEST(Memo, NullCountsAsAbsent) {
    const MemoDraft d = parse_ok(R"({"kind":"instruction","text":"x","next_visit_date":null,"care_points":null,"attachments":null})");
    EXPECT_EQ(d.fields, MemoFields{});
}

TEST(Memo, BadBodiesNameTheField) {
    EXPECT_EQ(parse_memo("not json").error().code, ErrorCode::InvalidInput);
    EXPECT_FALSE(parse_memo("[1]").ok());
    parse_error(R"({"text":"x"})", "kind");
    EXPECT_TRUE(contains(parse_error(R"({"kind":"visit","text":"x"})", "kind"), "visit_record, instruction"));
    parse_error(R"({"kind":7,"text":"x"})", "kind");
    // Empty and oversized memos.
    EXPECT_TRUE(contains(parse_error(R"({"kind":"visit_record","text":""})", "text"), "required"));
    parse_error(R"({"kind":"visit_record","text":" 　\n"})", "text");
    parse_error(R"({"kind":"visit_record"})", "text");
    parse_error(R"({"kind":"instruction","text":""})", "text");
    parse_error(R"({"kind":"monthly_resident_record","emergency_policy":"x"})", "text");
    const std::string big = std::string(R"({"kind":"visit_record","text":")") + std::string(10001, 'a') + "\"}";
    EXPECT_TRUE(contains(parse_error(big, "text"), "10000"));
    EXPECT_TRUE(parse_memo(std::string(R"({"kind":"visit_record","text":")") + std::string(10000, 'a') + "\"}").ok());
    // Japanese is counted in characters, not bytes.
    std::string japanese;
    for (int i = 0; i < 10000; ++i) japanese += "褥";
    EXPECT_TRUE(parse_memo(R"({"kind":"visit_record","text":")" + japanese + "\"}").ok());
    parse_error(R"({"kind":"visit_record","text":"a\u0007b"})", "text");
    parse_error(R"({"kind":"visit_record","text":"a\u202Eb"})", "text");
    parse_error(R"({"kind":"visit_record","text":5})", "text");
    // Unknown fields, and the derived mentions.
    EXPECT_TRUE(contains(parse_error(R"({"kind":"visit_record","text":"x","nextVisitDate":"2024-06-17"})", "nextVisitDate"),
                         "unknown field"));
    parse_error(R"({"kind":"visit_record","text":"x","mentions":["a"]})", "mentions");
}

TEST(Memo, BadDates) {
    for (std::string_view date : {"2024-02-30", "2024-13-01", "2024/06/17", "17-06-2024", "", "2024-6-1"})
        parse_error(R"({"kind":"visit_record","text":"x","next_visit_date":")" + std::string(date) + "\"}", "next_visit_date");
    parse_error(R"({"kind":"visit_record","text":"x","next_visit_date":20240617})", "next_visit_date");
    EXPECT_TRUE(parse_memo(R"({"kind":"visit_record","text":"x","next_visit_date":"2024-02-29"})").ok());
    // With today's date: a month back (a record written late) to a year ahead.
    const MemoParseOptions today{Date{2024, 6, 3}};
    EXPECT_TRUE(parse_memo(R"({"kind":"visit_record","text":"x","next_visit_date":"2024-05-04"})", today).ok());
    EXPECT_TRUE(parse_memo(R"({"kind":"visit_record","text":"x","next_visit_date":"2025-06-04"})", today).ok());
    EXPECT_TRUE(contains(parse_error(R"({"kind":"visit_record","text":"x","next_visit_date":"2024-05-03"})",
                                     "next_visit_date", today),
                         "2024-05-04"));
    parse_error(R"({"kind":"visit_record","text":"x","next_visit_date":"2025-06-05"})", "next_visit_date", today);
    parse_error(R"({"kind":"visit_record","text":"x","next_visit_date":"2224-06-05"})", "next_visit_date");
}

TEST(Memo, StructuredFieldOnTheWrongKind) {
    EXPECT_TRUE(contains(parse_error(R"({"kind":"instruction","text":"x","next_visit_date":"2024-06-17"})", "next_visit_date"),
                         "not allowed on a memo of kind instruction"));
    parse_error(R"({"kind":"instruction","text":"x","care_points":"y"})", "care_points");
    parse_error(R"({"kind":"no_change","care_points":"y"})", "care_points");
    parse_error(R"({"kind":"acp_wishes","acp_wishes":"y","emergency_policy":"z"})", "emergency_policy");
    parse_error(R"({"kind":"emergency_policy","emergency_policy":"y","policy_changed":false})", "policy_changed");
    parse_error(R"({"kind":"monthly_resident_record","text":"x","emergency_policy":"y","next_visit_date":"2024-06-17"})",
                "next_visit_date");
    // Required fields of a kind.
    EXPECT_TRUE(contains(parse_error(R"({"kind":"acp_wishes","text":"x"})", "acp_wishes"), "required"));
    parse_error(R"({"kind":"emergency_policy","text":"x"})", "emergency_policy");
    parse_error(R"({"kind":"monthly_resident_record","text":"x"})", "emergency_policy");
}

TEST(Memo, PolicyChangeAndItsSummary) {
    EXPECT_TRUE(contains(parse_error(R"({"kind":"visit_record","text":"x","policy_changed":true})", "policy_change_summary"),
                         "required when policy_changed is true"));
    parse_error(R"({"kind":"visit_record","text":"x","policy_changed":false,"policy_change_summary":"y"})",
                "policy_change_summary");
    parse_error(R"({"kind":"visit_record","text":"x","policy_change_summary":"y"})", "policy_change_summary");
    parse_error(R"({"kind":"visit_record","text":"x","policy_changed":"yes"})", "policy_changed");
    parse_error(R"({"kind":"no_change","policy_changed":true})", "policy_changed");
    EXPECT_TRUE(parse_memo(R"({"kind":"visit_record","text":"x","policy_changed":false})").ok());
}

TEST(Memo, PresentStructuredTextsMustNotBeEmpty) {
    EXPECT_TRUE(contains(parse_error(R"({"kind":"visit_record","text":"x","care_points":" "})", "care_points"), "not be empty"));
    parse_error(R"({"kind":"visit_record","text":"x","policy_changed":true,"policy_change_summary":""})", "policy_change_summary");
    parse_error(R"({"kind":"visit_record","text":"x","acp_wishes":7})", "acp_wishes");
    parse_error(R"({"kind":"visit_record","text":"x","care_points":")" + std::string(4001, 'a') + "\"}", "care_points");
    EXPECT_TRUE(parse_memo(R"({"kind":"visit_record","text":"x","care_points":")" + std::string(4000, 'a') + "\"}").ok());
}

TEST(Memo, Attachments) {
    parse_error(R"({"kind":"visit_record","text":"x","attachments":"up1"})", "attachments");
    parse_error(R"({"kind":"visit_record","text":"x","attachments":["ok", 5]})", "attachments[1]");
    parse_error(R"({"kind":"visit_record","text":"x","attachments":["ok", "../etc"]})", "attachments[1]");
    parse_error(R"({"kind":"visit_record","text":"x","attachments":[""]})", "attachments[0]");
    EXPECT_TRUE(contains(parse_error(R"({"kind":"visit_record","text":"x","attachments":["a","b","a"]})", "attachments[2]"),
                         "repeats"));
    std::string many = R"({"kind":"visit_record","text":"x","attachments":[)";
    for (int i = 0; i < 21; ++i) many += (i ? ",\"a" : "\"a") + std::to_string(i) + "\"";
    parse_error(many + "]}", "attachments");
}

TEST(Memo, JsonRoundTrip) {
    for (std::string_view body : {
             R"({"kind":"visit_record","text":"褥瘡 @dr.a","next_visit_date":"2024-06-17","policy_changed":true,"policy_change_summary":"減量","care_points":"c","acp_wishes":"a","emergency_policy":"e","attachments":["u1"]})",
             R"({"kind":"no_change"})",
             R"({"kind":"acp_wishes","acp_wishes":"w"})",
             R"({"kind":"monthly_resident_record","text":"t","emergency_policy":"e","care_points":"c"})",
         }) {
        const MemoDraft d = parse_ok(body);
        const Json j = to_json(d);
        EXPECT_FALSE(j.contains("mentions"));
        auto back = memo_from_json(j);
        ASSERT_TRUE(back.ok()) << json::dump(j);
        EXPECT_EQ(*back, d) << json::dump(j);
    }
    const Json j = to_json(parse_ok(R"({"kind":"no_change"})"));
    EXPECT_EQ(json::dump(j), R"({"kind":"no_change","policy_changed":false,"text":"変化なし"})");
}

TEST(Memo, NormaliseChecksDraftsBuiltInCode) {
    MemoDraft d;
    d.kind = MemoKind::Instruction;
    d.text = "\n 明日採血 \n";
    d.fields.care_points = "x";
    EXPECT_EQ(normalise(d).error().field, "care_points");
    d.fields.care_points.reset();
    auto ok = normalise(d);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->text, "明日採血");
    d.mentions = {"stale"};
    EXPECT_TRUE(normalise(d)->mentions.empty()); // derived again from the text
}

TEST(Memo, RecordGapsForTheFeeRule) {
    MemoFields f;
    EXPECT_EQ(record_gaps(MemoKind::VisitRecord, f), (std::vector<MemoField>{MemoField::NextVisitDate, MemoField::PolicyChanged}));
    f.policy_changed = true;
    f.next_visit_date = Date{2024, 6, 17};
    EXPECT_EQ(record_gaps(MemoKind::VisitRecord, f), (std::vector<MemoField>{MemoField::PolicyChangeSummary}));
    EXPECT_TRUE(record_gaps(MemoKind::Instruction, MemoFields{}).empty());
}
