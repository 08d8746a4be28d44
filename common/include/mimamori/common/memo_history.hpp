#pragma once
// A memo's life after it is posted (issue 5): nothing is silently changed or deleted.
//   - An edit adds a new version with the whole new content; earlier versions stay and the
//     timeline shows them struck through. The kind never changes (retract and post anew).
//   - A retraction (取り消し) needs a reason and leaves the memo visible, marked as retracted with
//     who, when and why. A retracted memo cannot be edited or retracted again.
//   - An instruction is acknowledged per version: an edit asks the team to acknowledge again.
// The server keeps these rows in the database; this class holds the rules, so the server and the
// app decide the same way.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/memo.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori {

inline constexpr std::size_t max_retraction_reason_chars = 500;

// One version of a memo's content. Version 1 is the post.
struct MemoVersion {
    int number = 1;
    MemoDraft content;
    std::int64_t editor_id = 0; // account that wrote this version
    UnixSeconds at = 0;
};

struct MemoRetraction {
    std::string reason;
    std::int64_t by = 0;
    UnixSeconds at = 0;
};

// Checks a retraction reason: one line of 1..500 characters after trimming (「誤って別の患者に
// 投稿したため」). Returns it trimmed, or InvalidInput naming "reason".
Result<std::string> validate_retraction_reason(std::string_view reason);

// What acknowledgements depend on, as a timeline row holds it (without the versions).
struct MemoState {
    MemoKind kind = MemoKind::VisitRecord;
    std::int64_t author_id = 0;
    int version = 1; // the current version's number
    bool retracted = false;
};

class MemoHistory {
public:
    // A memo as posted: `first` must come from normalise()/memo_from_json().
    MemoHistory(MemoDraft first, std::int64_t author_id, UnixSeconds at);

    // Adds a version with `next` (normalised) as its content. Refused: Conflict when retracted;
    // InvalidInput ("kind") when the kind differs, or when nothing differs from the current version.
    Status edit(MemoDraft next, std::int64_t editor_id, UnixSeconds at);

    // Retracts the memo with a reason (validate_retraction_reason). Conflict when already retracted.
    Status retract(std::string_view reason, std::int64_t by, UnixSeconds at);

    const MemoVersion& current() const { return m_versions.back(); }
    std::span<const MemoVersion> versions() const { return m_versions; } // oldest first
    const std::optional<MemoRetraction>& retraction() const { return m_retraction; }
    bool retracted() const { return m_retraction.has_value(); }
    bool edited() const { return m_versions.size() > 1; }
    std::int64_t author_id() const { return m_versions.front().editor_id; }
    UnixSeconds posted_at() const { return m_versions.front().at; }
    MemoState state() const { return {current().content.kind, author_id(), current().number, retracted()}; }

private:
    std::vector<MemoVersion> m_versions;
    std::optional<MemoRetraction> m_retraction;
};

// An acknowledgement (確認しました) of one version of an instruction.
struct Acknowledgement {
    std::int64_t account_id = 0;
    int version = 1;
    UnixSeconds at = 0;
};

// Whether an account may acknowledge `history` now: only instructions, not retracted, not by
// their author, and only the current version. InvalidInput / Conflict with a message otherwise.
Status check_acknowledgement(const MemoHistory& history, std::int64_t account_id, int version);
Status check_acknowledgement(const MemoState& memo, std::int64_t account_id, int version);

// The recipients (team members the instruction is for) who have not acknowledged the current
// version, in the order given; the author is never pending.
std::vector<std::int64_t> pending_acknowledgements(const MemoHistory& history,
                                                   std::span<const std::int64_t> recipients,
                                                   std::span<const Acknowledgement> acknowledgements);
std::vector<std::int64_t> pending_acknowledgements(const MemoState& memo, std::span<const std::int64_t> recipients,
                                                   std::span<const Acknowledgement> acknowledgements);

} // namespace mimamori
