// Edits keep every version; retraction needs a reason; instructions are acknowledged per version.
#include <gtest/gtest.h>

#include "mimamori/common/memo_history.hpp"

using namespace mimamori;

namespace {

MemoDraft draft(std::string_view body) {
    auto r = parse_memo(body);
    EXPECT_TRUE(r.ok()) << body;
    return r.ok() ? *r : MemoDraft{};
}

} // namespace

TEST(MemoHistory, AnEditAddsAVersionAndKeepsTheOld) {
    MemoHistory h(draft(R"({"kind":"visit_record","text":"褥瘡あり"})"), 10, 1000);
    EXPECT_FALSE(h.edited());
    EXPECT_EQ(h.current().number, 1);
    ASSERT_TRUE(h.edit(draft(R"({"kind":"visit_record","text":"仙骨部に褥瘡あり"})"), 10, 2000).ok());
    ASSERT_TRUE(h.edit(draft(R"({"kind":"visit_record","text":"仙骨部に褥瘡あり","next_visit_date":"2024-06-17","policy_changed":false})"), 10, 3000).ok());
    ASSERT_EQ(h.versions().size(), 3u);
    EXPECT_TRUE(h.edited());
    EXPECT_EQ(h.versions()[0].content.text, "褥瘡あり");
    EXPECT_EQ(h.versions()[0].at, 1000);
    EXPECT_EQ(h.versions()[1].number, 2);
    EXPECT_EQ(h.current().number, 3);
    EXPECT_EQ(h.current().at, 3000);
    EXPECT_EQ(h.author_id(), 10);
    EXPECT_EQ(h.posted_at(), 1000);
}

TEST(MemoHistory, EditsThatAreRefused) {
    MemoHistory h(draft(R"({"kind":"visit_record","text":"a"})"), 10, 1000);
    auto same = h.edit(draft(R"({"kind":"visit_record","text":" a "})"), 10, 2000);
    ASSERT_FALSE(same.ok());
    EXPECT_EQ(same.error().code, ErrorCode::InvalidInput);
    auto kind = h.edit(draft(R"({"kind":"instruction","text":"a"})"), 10, 2000);
    ASSERT_FALSE(kind.ok());
    EXPECT_EQ(kind.error().field, "kind");
    EXPECT_EQ(h.versions().size(), 1u);
}

TEST(MemoHistory, RetractionNeedsAReasonAndLeavesATrace) {
    MemoHistory h(draft(R"({"kind":"visit_record","text":"a"})"), 10, 1000);
    for (std::string_view bad : {"", "  　", "line\nbreak"}) {
        auto r = h.retract(bad, 10, 2000);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().field, "reason");
    }
    EXPECT_FALSE(h.retract(std::string(501, 'x'), 10, 2000).ok());
    EXPECT_FALSE(h.retracted());
    ASSERT_TRUE(h.retract(" 別の患者に投稿したため ", 10, 2000).ok());
    ASSERT_TRUE(h.retracted());
    EXPECT_EQ(h.retraction()->reason, "別の患者に投稿したため");
    EXPECT_EQ(h.retraction()->by, 10);
    EXPECT_EQ(h.retraction()->at, 2000);
    EXPECT_EQ(h.versions().size(), 1u); // the content stays, marked as retracted
    EXPECT_EQ(h.retract("again", 10, 3000).error().code, ErrorCode::Conflict);
    EXPECT_EQ(h.edit(draft(R"({"kind":"visit_record","text":"b"})"), 10, 3000).error().code, ErrorCode::Conflict);
    EXPECT_TRUE(validate_retraction_reason(std::string(500, 'x')).ok());
}

TEST(MemoHistory, InstructionsAreAcknowledgedPerVersion) {
    MemoHistory h(draft(R"({"kind":"instruction","text":"明日採血"})"), 1, 1000);
    const std::vector<std::int64_t> team{1, 2, 3, 4, 2};
    std::vector<Acknowledgement> acks{{2, 1, 1100}, {9, 1, 1100}};
    EXPECT_EQ(pending_acknowledgements(h, team, acks), (std::vector<std::int64_t>{3, 4}));
    EXPECT_TRUE(check_acknowledgement(h, 3, 1).ok());
    EXPECT_EQ(check_acknowledgement(h, 1, 1).error().code, ErrorCode::InvalidInput); // the author
    ASSERT_TRUE(h.edit(draft(R"({"kind":"instruction","text":"明後日採血"})"), 1, 2000).ok());
    // The edit asks everyone again; an acknowledgement of version 1 is stale.
    EXPECT_EQ(pending_acknowledgements(h, team, acks), (std::vector<std::int64_t>{2, 3, 4}));
    EXPECT_EQ(check_acknowledgement(h, 3, 1).error().code, ErrorCode::Conflict);
    EXPECT_TRUE(check_acknowledgement(h, 3, 2).ok());
    acks.push_back({3, 2, 2100});
    EXPECT_EQ(pending_acknowledgements(h, team, acks), (std::vector<std::int64_t>{2, 4}));
    ASSERT_TRUE(h.retract("誤り", 1, 3000).ok());
    EXPECT_TRUE(pending_acknowledgements(h, team, acks).empty());
    EXPECT_EQ(check_acknowledgement(h, 4, 2).error().code, ErrorCode::Conflict);
}

TEST(MemoHistory, OnlyInstructionsAreAcknowledged) {
    MemoHistory h(draft(R"({"kind":"visit_record","text":"a"})"), 1, 1000);
    EXPECT_FALSE(check_acknowledgement(h, 2, 1).ok());
    const std::vector<std::int64_t> team{1, 2};
    EXPECT_TRUE(pending_acknowledgements(h, team, {}).empty());
}

// A timeline row knows only the memo's state (kind, author, current version, retraction): the
// same answers as from the whole history.
TEST(MemoHistory, TheStateOfARowDecidesLikeTheHistory) {
    MemoHistory h(draft(R"({"kind":"instruction","text":"明日採血"})"), 1, 1000);
    ASSERT_TRUE(h.edit(draft(R"({"kind":"instruction","text":"明後日採血"})"), 1, 2000).ok());
    const MemoState row{MemoKind::Instruction, 1, 2, false};
    EXPECT_EQ(h.state().version, 2);
    EXPECT_EQ(h.state().author_id, 1);
    const std::vector<std::int64_t> team{1, 2, 3};
    const std::vector<Acknowledgement> acks{{2, 1, 1100}, {3, 2, 2100}};
    EXPECT_EQ(pending_acknowledgements(row, team, acks), pending_acknowledgements(h, team, acks));
    EXPECT_EQ(pending_acknowledgements(row, team, acks), (std::vector<std::int64_t>{2}));
    EXPECT_TRUE(check_acknowledgement(row, 2, 2).ok());
    EXPECT_EQ(check_acknowledgement(row, 2, 1).error().code, ErrorCode::Conflict);
    EXPECT_EQ(check_acknowledgement(row, 1, 2).error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(check_acknowledgement(MemoState{MemoKind::Instruction, 1, 2, true}, 2, 2).error().code, ErrorCode::Conflict);
    EXPECT_EQ(check_acknowledgement(MemoState{MemoKind::NoChange, 1, 1, false}, 2, 1).error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(pending_acknowledgements(MemoState{MemoKind::Instruction, 1, 2, true}, team, acks).empty());
}
