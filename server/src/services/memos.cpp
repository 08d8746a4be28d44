#include "services/memos.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>
#include <stdexcept>

#include "mimamori/common/search_text.hpp"
#include "repositories/event_repository.hpp"
#include "repositories/file_repository.hpp"
#include "services/patient_access.hpp"

namespace mimamori::services {
namespace {

using repositories::MemoRow;

UnixSeconds now_seconds() { return static_cast<UnixSeconds>(std::time(nullptr)); }

std::string code_of(MemoKind kind) { return std::string(label(kind).code); }

// The accounts the draft mentions: every one must be a current member of the patient's team.
Result<std::vector<std::int64_t>> resolve_mentions(db::Tx& tx, std::int64_t patient_id, const MemoDraft& draft,
                                                   const Date& today) {
    std::vector<std::int64_t> ids;
    if (draft.mentions.empty()) return ids;
    auto members = repositories::team_members_by_login(tx, patient_id, draft.mentions, today);
    for (const auto& login : draft.mentions) {
        auto it = std::find_if(members.begin(), members.end(), [&](const auto& m) {
            std::string lower = m.login;
            std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
            return lower == login;
        });
        if (it == members.end())
            return Error::invalid("text", "@" + login + " is not a member of this patient's care team");
        ids.push_back(it->id);
    }
    return ids;
}

// The file ids of the draft's attachments: finished professional files of this patient that the
// writer uploaded and that belong to nothing else yet (or already to this memo, in an edit).
Result<std::vector<std::int64_t>> check_attachments(db::Tx& tx, const MemoDraft& draft, std::int64_t patient_id,
                                                    std::int64_t writer_id, std::int64_t memo_id) {
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < draft.attachments.size(); ++i) {
        const std::string field = "attachments[" + std::to_string(i) + "]";
        const std::string& text = draft.attachments[i];
        std::int64_t id = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
        auto file = ec == std::errc{} && end == text.data() + text.size() && id > 0 ? repositories::find_file(tx, id)
                                                                                     : std::nullopt;
        const bool usable = file && file->kind == "professional" && file->complete && file->patient_id == patient_id &&
                            ((file->owner_kind == "patient" && file->uploaded_by == writer_id) ||
                             (memo_id != 0 && file->owner_kind == "memo" && file->owner_id == memo_id));
        if (!usable)
            return Error::invalid(field, "upload " + text + " is not a finished upload of yours for this patient");
        ids.push_back(id);
    }
    return ids;
}

void attach(db::Tx& tx, const std::vector<std::int64_t>& files, std::int64_t memo_id) {
    for (auto id : files) repositories::attach_to_memo(tx, id, memo_id); // a file of this memo already stays
}

repositories::NewEvent memo_event(std::string type, std::int64_t memo_id, std::int64_t patient_id, Json extra = {}) {
    Json data = {{"type", type}, {"memo_id", memo_id}, {"patient_id", patient_id}};
    if (extra.is_object())
        for (auto it = extra.begin(); it != extra.end(); ++it) data[it.key()] = *it;
    return {std::move(type), patient_id, std::nullopt, std::move(data)};
}

void mention_events(std::vector<repositories::NewEvent>& events, std::int64_t memo_id, std::int64_t patient_id,
                    const std::vector<std::int64_t>& accounts, std::int64_t writer_id) {
    for (auto account : accounts) {
        if (account == writer_id) continue;
        auto e = memo_event("memo.mentioned", memo_id, patient_id, {{"account_id", account}});
        e.account_id = account;
        events.push_back(std::move(e));
    }
}

MemoDraft stored_draft(const Json& content) {
    auto draft = memo_from_json(content);
    if (!draft) throw std::runtime_error("a stored memo version does not read back: " + draft.error().message);
    return *draft;
}

Result<MemoRow> reload(db::Tx& tx, std::int64_t id) {
    auto row = repositories::find_memo(tx, id);
    if (!row) return Error::make(ErrorCode::NotFound, "no such memo");
    return *row;
}

Result<MemoRow> locked(db::Tx& tx, std::int64_t memo_id) {
    if (!repositories::lock_memo(tx, memo_id)) return Error::make(ErrorCode::NotFound, "no such memo");
    return reload(tx, memo_id);
}

} // namespace

std::string searchable_text(const MemoDraft& d) {
    std::string all = d.text;
    for (const auto* field : {&d.fields.policy_change_summary, &d.fields.care_points, &d.fields.acp_wishes,
                              &d.fields.emergency_policy})
        if (*field) all += "\n" + **field;
    return search::normalise(all);
}

std::vector<std::int64_t> readable_patients(db::Tx& tx, const perm::Principal& viewer) {
    std::vector<std::int64_t> out;
    if (viewer.family) return out;
    for (const auto& r : repositories::my_patients(tx, viewer.account_id, japan_today()))
        if (perm::decide(viewer, perm::Action::PatientRecordRead, patient_target(viewer, r.patient.id, facts_of(r.patient, true))))
            out.push_back(r.patient.id);
    return out;
}

std::vector<std::int64_t> unread_for(db::Tx& tx, const perm::Principal& viewer,
                                     const std::vector<repositories::MyPatientRow>& patients) {
    std::vector<std::int64_t> out(patients.size(), 0);
    if (viewer.family) return out;
    std::vector<std::int64_t> ids;
    for (const auto& r : patients)
        if (perm::decide(viewer, perm::Action::PatientRecordRead, patient_target(viewer, r.patient.id, facts_of(r.patient, true))))
            ids.push_back(r.patient.id);
    auto counts = repositories::unread_counts(tx, viewer.account_id, ids);
    for (std::size_t i = 0; i < patients.size(); ++i)
        for (const auto& c : counts)
            if (c.patient_id == patients[i].patient.id) out[i] = c.unread;
    return out;
}

MemoState memo_state(const MemoRow& memo) {
    return {memo_kind_from_code(memo.kind).value_or(MemoKind::VisitRecord), memo.author_id, memo.version,
            memo.retraction.has_value()};
}

MemoHistory load_history(db::Tx& tx, const MemoRow& memo) {
    auto versions = repositories::memo_versions(tx, memo.id);
    if (versions.empty()) throw std::runtime_error("memo " + std::to_string(memo.id) + " has no versions");
    MemoHistory history(stored_draft(versions.front().content), versions.front().editor_id, versions.front().at);
    for (std::size_t i = 1; i < versions.size(); ++i)
        if (auto s = history.edit(stored_draft(versions[i].content), versions[i].editor_id, versions[i].at); !s)
            throw std::runtime_error("memo " + std::to_string(memo.id) + " has an impossible version: " + s.error().message);
    if (memo.retraction) (void)history.retract(memo.retraction->reason, memo.retraction->by, memo.retraction->at);
    return history;
}

Result<MemoRow> post_memo(db::Tx& tx, const SignedIn& who, std::int64_t patient_id, const Json& body) {
    const Date today = japan_today();
    auto draft = memo_from_json(body, {.today = today});
    if (!draft) return draft.error();
    auto mentioned = resolve_mentions(tx, patient_id, *draft, today);
    if (!mentioned) return mentioned.error();
    auto files = check_attachments(tx, *draft, patient_id, who.account.id, 0);
    if (!files) return files.error();

    repositories::NewMemo memo;
    memo.patient_id = patient_id;
    memo.kind = code_of(draft->kind);
    memo.author_id = who.account.id;
    memo.author_profession = who.account.profession.value_or("other");
    memo.facility_id = repositories::member_facility(tx, patient_id, who.account.id, today);
    memo.content = to_json(*draft);
    memo.search_text = searchable_text(*draft);
    memo.bigrams = search::bigrams(memo.search_text);
    auto [id, at] = repositories::insert_memo(tx, memo);
    attach(tx, *files, id);
    auto newly = repositories::insert_mentions(tx, id, 1, *mentioned);

    std::vector<repositories::NewEvent> events{
        memo_event("memo.created", id, patient_id, {{"kind", memo.kind}, {"author_id", who.account.id}})};
    mention_events(events, id, patient_id, newly, who.account.id);
    repositories::insert_events(tx, events);
    return reload(tx, id);
}

Result<MemoRow> edit_memo(db::Tx& tx, const SignedIn& who, std::int64_t memo_id, const Json& body) {
    auto memo = locked(tx, memo_id);
    if (!memo) return memo.error();
    const Date today = japan_today();
    auto next = memo_from_json(body, {.today = today});
    if (!next) return next.error();
    auto history = load_history(tx, *memo);
    if (auto s = history.edit(*next, who.account.id, now_seconds()); !s) return s.error();
    auto mentioned = resolve_mentions(tx, memo->patient_id, *next, today);
    if (!mentioned) return mentioned.error();
    auto files = check_attachments(tx, *next, memo->patient_id, who.account.id, memo_id);
    if (!files) return files.error();

    const int number = history.current().number;
    const std::string text = searchable_text(*next);
    repositories::insert_version(tx, memo_id, number, to_json(*next), who.account.id, text, search::bigrams(text));
    attach(tx, *files, memo_id);
    auto newly = repositories::insert_mentions(tx, memo_id, number, *mentioned);
    std::vector<repositories::NewEvent> events{memo_event("memo.edited", memo_id, memo->patient_id, {{"version", number}})};
    mention_events(events, memo_id, memo->patient_id, newly, who.account.id);
    repositories::insert_events(tx, events);
    return reload(tx, memo_id);
}

Result<MemoRow> retract_memo(db::Tx& tx, const SignedIn& who, std::int64_t memo_id, const Json& body) {
    if (auto s = json::reject_unknown_keys(body, {"reason"}); !s) return s.error();
    auto reason = json::get_string(body, "reason");
    if (!reason) return reason.error();
    auto memo = locked(tx, memo_id);
    if (!memo) return memo.error();
    auto history = load_history(tx, *memo);
    if (auto s = history.retract(*reason, who.account.id, now_seconds()); !s) return s.error();
    repositories::retract_memo(tx, memo_id, who.account.id, history.retraction()->reason);
    repositories::insert_events(tx, {memo_event("memo.retracted", memo_id, memo->patient_id)});
    return reload(tx, memo_id);
}

Result<std::vector<std::int64_t>> record_reads(db::Tx& tx, const SignedIn& who, std::int64_t patient_id, const Json& body) {
    if (auto s = json::reject_unknown_keys(body, {"memo_ids"}); !s) return s.error();
    auto it = body.find("memo_ids");
    if (it == body.end() || !it->is_array() || it->empty())
        return Error::invalid("memo_ids", "memo_ids must be a non-empty array of memo ids");
    if (it->size() > max_read_receipts)
        return Error::invalid("memo_ids", "at most " + std::to_string(max_read_receipts) + " memos at once");
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json& v = (*it)[i];
        if (!v.is_number_integer() || v.get<std::int64_t>() <= 0)
            return Error::invalid("memo_ids[" + std::to_string(i) + "]", "must be a memo id");
        ids.push_back(v.get<std::int64_t>());
    }
    auto found = repositories::memos_of_patient(tx, patient_id, ids);
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (std::none_of(found.begin(), found.end(), [&](const auto& m) { return m.id == ids[i]; }))
            return Error{ErrorCode::NotFound, "memo " + std::to_string(ids[i]) + " is not on this patient's timeline",
                         "memo_ids[" + std::to_string(i) + "]"};
    auto newly = repositories::insert_reads(tx, patient_id, who.account.id, ids);
    std::vector<repositories::NewEvent> events;
    for (auto id : newly) events.push_back(memo_event("memo.read", id, patient_id, {{"account_id", who.account.id}}));
    repositories::insert_events(tx, events);
    return newly;
}

Result<MemoRow> acknowledge(db::Tx& tx, const SignedIn& who, std::int64_t memo_id, const Json& body) {
    if (auto s = json::reject_unknown_keys(body, {"version"}); !s) return s.error();
    auto version = json::get_int(body, "version");
    if (!version) return version.error();
    if (*version < 1 || *version > 1000000) return Error::invalid("version", "version must be a version number");
    auto memo = locked(tx, memo_id);
    if (!memo) return memo.error();
    if (auto s = check_acknowledgement(memo_state(*memo), who.account.id, static_cast<int>(*version)); !s)
        return s.error();
    if (repositories::insert_acknowledgement(tx, memo_id, static_cast<int>(*version), who.account.id))
        repositories::insert_events(tx, {memo_event("memo.acknowledged", memo_id, memo->patient_id,
                                                    {{"account_id", who.account.id}, {"version", *version}})});
    return reload(tx, memo_id);
}

} // namespace mimamori::services
