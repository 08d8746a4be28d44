#include "api/memo_json.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "api/file_support.hpp"
#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/memo_history.hpp"
#include "mimamori/common/search_text.hpp"
#include "mimamori/common/vocabulary.hpp"
#include "services/memos.hpp"
#include "services/patient_access.hpp"

namespace mimamori::api {
namespace {

using repositories::MemoRow;

constexpr int k_default_page = 50;
constexpr int k_max_page = 100;

Json person(std::int64_t id, const std::string& name) { return {{"id", id}, {"name", name}}; }

// What a page needs besides its rows: its files and the teams of its instructions.
struct PageExtras {
    std::vector<repositories::FileRow> files;
    std::map<std::int64_t, std::vector<repositories::MemoPerson>> teams; // by patient
};

PageExtras load_extras(db::Tx& tx, const std::vector<MemoRow>& rows) {
    PageExtras extras;
    std::vector<std::int64_t> with_files;
    for (const auto& row : rows) {
        if (row.content.contains("attachments")) with_files.push_back(row.id);
        if (row.kind == "instruction" && !row.retraction && !extras.teams.contains(row.patient_id))
            extras.teams[row.patient_id] = repositories::patient_team_members(tx, row.patient_id, services::japan_today());
    }
    if (!with_files.empty()) extras.files = repositories::list_memo_files(tx, with_files);
    return extras;
}

Json acknowledgement_json(const MemoRow& row, std::int64_t viewer, const PageExtras& extras) {
    if (row.kind != "instruction") return nullptr;
    Json by = Json::array();
    std::vector<Acknowledgement> acks;
    bool mine = false;
    for (const auto& a : row.acks) {
        acks.push_back({a.account_id, a.version, a.at});
        if (a.version != row.version) continue;
        by.push_back({{"id", a.account_id}, {"name", a.name}, {"at", japan_iso8601(a.at)}});
        mine = mine || a.account_id == viewer;
    }
    Json pending = Json::array();
    if (auto team = extras.teams.find(row.patient_id); team != extras.teams.end()) {
        std::vector<std::int64_t> recipients;
        for (const auto& m : team->second) recipients.push_back(m.id);
        for (auto id : pending_acknowledgements(services::memo_state(row), recipients, acks)) {
            auto m = std::find_if(team->second.begin(), team->second.end(), [&](const auto& p) { return p.id == id; });
            pending.push_back(person(id, m->name));
        }
    }
    return {{"version", row.version}, {"acknowledged_by", std::move(by)}, {"pending", std::move(pending)},
            {"acknowledged_by_me", mine}};
}

// The fields a doctor's home-visit record still lacks for 在宅医療情報連携加算 (memo.hpp).
Json record_gaps_json(const MemoRow& row) {
    Json gaps = Json::array();
    if (row.author_profession != "doctor" || (row.kind != "visit_record" && row.kind != "no_change")) return gaps;
    auto draft = memo_from_json(row.content);
    if (!draft) return gaps;
    for (auto f : record_gaps(draft->kind, draft->fields)) gaps.push_back(std::string(label(f).code));
    return gaps;
}

Json one_memo(const MemoRow& row, std::int64_t viewer, const PageExtras& extras) {
    Json out = {{"id", row.id}, {"patient_id", row.patient_id}};
    for (auto it = row.content.begin(); it != row.content.end(); ++it)
        if (it.key() != "attachments") out[it.key()] = *it;
    Json files = Json::array();
    if (auto ids = row.content.find("attachments"); ids != row.content.end())
        for (const auto& id : *ids)
            for (const auto& f : extras.files)
                if (f.owner_id == row.id && std::to_string(f.id) == id.get<std::string>()) files.push_back(file_json(f));
    out["attachments"] = std::move(files);
    out["author"] = {{"id", row.author_id},
                     {"name", row.author_name},
                     {"profession", row.author_profession},
                     {"facility_id", row.facility_id ? Json(*row.facility_id) : Json(nullptr)},
                     {"facility_name", row.facility_name}};
    out["created_at"] = japan_iso8601(row.created_at);
    out["updated_at"] = japan_iso8601(row.updated_at);
    out["version"] = row.version;
    out["edited"] = row.version > 1;
    out["retraction"] = row.retraction ? Json{{"reason", row.retraction->reason},
                                              {"by", person(row.retraction->by, row.retraction->by_name)},
                                              {"at", japan_iso8601(row.retraction->at)}}
                                       : Json(nullptr);
    Json mentions = Json::array();
    for (const auto& m : row.mentions) mentions.push_back({{"id", m.id}, {"name", m.name}, {"login", m.login}});
    out["mentions"] = std::move(mentions);
    Json reads = Json::array();
    bool read_by_me = row.author_id == viewer;
    for (const auto& r : row.reads) {
        reads.push_back({{"id", r.account_id}, {"name", r.name}, {"at", japan_iso8601(r.at)}});
        read_by_me = read_by_me || r.account_id == viewer;
    }
    out["read_by"] = std::move(reads);
    out["read_by_me"] = read_by_me;
    out["acknowledgement"] = acknowledgement_json(row, viewer, extras);
    out["record_gaps"] = record_gaps_json(row);
    return out;
}

Result<std::optional<std::int64_t>> query_id(const http::Request& request, std::string_view name) {
    auto text = request.query_param(name);
    if (!text || text->empty()) return std::optional<std::int64_t>{};
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
    if (ec != std::errc{} || end != text->data() + text->size() || id <= 0)
        return Error::invalid(std::string(name), std::string(name) + " must be a positive whole number");
    return std::optional<std::int64_t>{id};
}

Result<std::optional<Date>> query_date(const http::Request& request, std::string_view name) {
    auto text = request.query_param(name);
    if (!text || text->empty()) return std::optional<Date>{};
    auto date = parse_date(*text, name);
    if (!date) return date.error();
    return std::optional<Date>{*date};
}

} // namespace

Json memos_json(db::Tx& tx, const std::vector<MemoRow>& rows, std::int64_t viewer) {
    auto extras = load_extras(tx, rows);
    Json out = Json::array();
    for (const auto& row : rows) out.push_back(one_memo(row, viewer, extras));
    return out;
}

Json memo_json(db::Tx& tx, const MemoRow& row, std::int64_t viewer) { return memos_json(tx, {row}, viewer)[0]; }

Json memo_detail_json(db::Tx& tx, const MemoRow& row, std::int64_t viewer) {
    Json out = memo_json(tx, row, viewer);
    Json versions = Json::array();
    for (const auto& v : repositories::memo_versions(tx, row.id))
        versions.push_back({{"number", v.number},
                            {"content", v.content},
                            {"editor", person(v.editor_id, v.editor_name)},
                            {"at", japan_iso8601(v.at)}});
    out["versions"] = std::move(versions);
    return out;
}

Result<repositories::MemoFilter> memo_filter(const http::Request& request) {
    repositories::MemoFilter f;
    f.limit = k_default_page;
    if (auto limit = query_id(request, "limit"); !limit) {
        return Error::invalid("limit", "limit must be 1.." + std::to_string(k_max_page));
    } else if (*limit) {
        if (**limit > k_max_page) return Error::invalid("limit", "limit must be 1.." + std::to_string(k_max_page));
        f.limit = static_cast<int>(**limit);
    }
    auto before = query_id(request, "before");
    if (!before) return before.error();
    f.before = *before;
    auto writer = query_id(request, "writer");
    if (!writer) return writer.error();
    f.writer = *writer;
    if (auto kind = request.query_param("kind"); kind && !kind->empty()) {
        if (!memo_kind_from_code(*kind)) return Error::invalid("kind", "unknown memo kind: " + std::string(*kind));
        f.kind = std::string(*kind);
    }
    if (auto profession = request.query_param("profession"); profession && !profession->empty()) {
        if (!profession_from_code(*profession))
            return Error::invalid("profession", "unknown profession: " + std::string(*profession));
        f.profession = std::string(*profession);
    }
    auto from = query_date(request, "from");
    if (!from) return from.error();
    auto to = query_date(request, "to");
    if (!to) return to.error();
    if (*from && *to && **to < **from) return Error::invalid("to", "to must not be before from");
    if (*from) f.from = japan_midnight(**from);
    if (*to) f.to = japan_midnight(to->value().add_days(1));
    if (auto q = request.query_param("q"); q && !q->empty()) {
        auto query = search::parse_query(*q, "q");
        if (!query) return query.error();
        f.terms = query->terms;
        f.bigrams = query->bigrams;
    }
    return f;
}

Json memo_page_json(db::Tx& tx, const std::vector<MemoRow>& rows, const repositories::MemoFilter& filter,
                    std::int64_t viewer) {
    const bool more = static_cast<int>(rows.size()) == filter.limit;
    return {{"memos", memos_json(tx, rows, viewer)},
            {"next_before", more && !rows.empty() ? Json(rows.back().id) : Json(nullptr)}};
}

} // namespace mimamori::api
