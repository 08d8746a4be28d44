#include "mimamori/common/memo_history.hpp"

#include <algorithm>

#include "mimamori/common/validation.hpp"

namespace mimamori {

Result<std::string> validate_retraction_reason(std::string_view reason) {
    return validate::text("reason", reason, max_retraction_reason_chars, /*multiline=*/false, /*allow_empty=*/false);
}

MemoHistory::MemoHistory(MemoDraft first, std::int64_t author_id, UnixSeconds at) {
    m_versions.push_back(MemoVersion{1, std::move(first), author_id, at});
}

Status MemoHistory::edit(MemoDraft next, std::int64_t editor_id, UnixSeconds at) {
    if (retracted()) return Error::make(ErrorCode::Conflict, "a retracted memo cannot be edited");
    const MemoDraft& now = current().content;
    if (next.kind != now.kind)
        return Error::invalid("kind", "kind cannot change in an edit (" + std::string(label(now.kind).code) + " to " +
                                          std::string(label(next.kind).code) + "): retract the memo and post a new one");
    if (next == now) return Error::invalid("text", "the edit changes nothing");
    const int number = current().number + 1;
    m_versions.push_back(MemoVersion{number, std::move(next), editor_id, at});
    return {};
}

Status MemoHistory::retract(std::string_view reason, std::int64_t by, UnixSeconds at) {
    if (retracted()) return Error::make(ErrorCode::Conflict, "the memo is already retracted");
    auto checked = validate_retraction_reason(reason);
    if (!checked) return checked.error();
    m_retraction = MemoRetraction{std::move(*checked), by, at};
    return {};
}

Status check_acknowledgement(const MemoHistory& history, std::int64_t account_id, int version) {
    return check_acknowledgement(history.state(), account_id, version);
}

Status check_acknowledgement(const MemoState& memo, std::int64_t account_id, int version) {
    if (!info(memo.kind).needs_acknowledgement) return Error::invalid("memo", "only instructions are acknowledged");
    if (memo.retracted) return Error::make(ErrorCode::Conflict, "a retracted instruction cannot be acknowledged");
    if (account_id == memo.author_id) return Error::invalid("memo", "the author of an instruction does not acknowledge it");
    if (version != memo.version)
        return Error::make(ErrorCode::Conflict, "the instruction has changed: read version " +
                                                    std::to_string(memo.version) + " and acknowledge it");
    return {};
}

std::vector<std::int64_t> pending_acknowledgements(const MemoHistory& history,
                                                   std::span<const std::int64_t> recipients,
                                                   std::span<const Acknowledgement> acknowledgements) {
    return pending_acknowledgements(history.state(), recipients, acknowledgements);
}

std::vector<std::int64_t> pending_acknowledgements(const MemoState& memo, std::span<const std::int64_t> recipients,
                                                   std::span<const Acknowledgement> acknowledgements) {
    std::vector<std::int64_t> pending;
    if (!info(memo.kind).needs_acknowledgement || memo.retracted) return pending;
    const int version = memo.version;
    for (std::int64_t id : recipients) {
        if (id == memo.author_id || std::find(pending.begin(), pending.end(), id) != pending.end()) continue;
        const bool acknowledged = std::any_of(acknowledgements.begin(), acknowledgements.end(), [&](const auto& a) {
            return a.account_id == id && a.version == version;
        });
        if (!acknowledged) pending.push_back(id);
    }
    return pending;
}

} // namespace mimamori
