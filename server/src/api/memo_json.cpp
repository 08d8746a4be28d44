#include "api/memo_json.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "api/file_support.hpp"
#include "http/json_writer.hpp"
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

// Where a page's per-viewer booleans are (ViewerText): each written as "false" at an offset of
// the text, true for the listed accounts.
using Slots = std::vector<std::pair<std::size_t, std::vector<std::int64_t>>>;

void write_slot(http::JsonWriter& w, const std::string& out, Slots& slots, std::vector<std::int64_t> true_for) {
    slots.emplace_back(out.size(), std::move(true_for)); // right after a key: no separator comes first
    w.value(false);
}

// The members in json::dump's order (nlohmann's objects are sorted by key).
void write_acknowledgement(http::JsonWriter& w, const std::string& out, Slots& slots, const MemoRow& row,
                           const PageExtras& extras) {
    std::vector<Acknowledgement> acks;
    std::vector<std::int64_t> by_ids;
    w.begin_object().key("acknowledged_by").begin_array();
    for (const auto& a : row.acks) {
        acks.push_back({a.account_id, a.version, a.at});
        if (a.version != row.version) continue;
        w.begin_object().key("at").value(japan_iso8601(a.at)).key("id").value(a.account_id);
        w.key("name").value(a.name).end_object();
        by_ids.push_back(a.account_id);
    }
    w.end_array().key("acknowledged_by_me");
    write_slot(w, out, slots, std::move(by_ids));
    w.key("pending").begin_array();
    if (auto team = extras.teams.find(row.patient_id); team != extras.teams.end()) {
        std::vector<std::int64_t> recipients;
        for (const auto& m : team->second) recipients.push_back(m.id);
        for (auto id : pending_acknowledgements(services::memo_state(row), recipients, acks)) {
            auto m = std::find_if(team->second.begin(), team->second.end(), [&](const auto& p) { return p.id == id; });
            w.begin_object().key("id").value(id).key("name").value(m->name).end_object();
        }
    }
    w.end_array().key("version").value(row.version).end_object();
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

// The members write_memo() writes itself: a content key of one of these names is not copied.
bool written_by_writer(std::string_view key) {
    static constexpr std::string_view k_names[] = {"id", "patient_id", "attachments", "author", "created_at",
                                                   "updated_at", "version", "edited", "retraction", "mentions",
                                                   "read_by", "read_by_me", "acknowledgement", "record_gaps"};
    for (auto name : k_names)
        if (key == name) return true;
    return false;
}

void write_person(http::JsonWriter& w, std::int64_t id, const std::string& name) {
    w.begin_object().key("id").value(id).key("name").value(name).end_object();
}

void write_content_value(http::JsonWriter& w, const Json& v) {
    if (v.is_string()) w.value(v.get_ref<const std::string&>());
    else if (v.is_boolean()) w.value(v.get<bool>());
    else w.raw(v);
}

void write_memo(http::JsonWriter& w, const std::string& out, Slots& slots, const MemoRow& row, const PageExtras& extras) {
    w.begin_object();
    w.key("id").value(row.id).key("patient_id").value(row.patient_id);
    for (auto it = row.content.begin(); it != row.content.end(); ++it)
        if (!written_by_writer(it.key())) write_content_value(w.key(it.key()), *it);
    w.key("attachments").begin_array();
    if (auto ids = row.content.find("attachments"); ids != row.content.end())
        for (const auto& id : *ids)
            for (const auto& f : extras.files)
                if (f.owner_id == row.id && std::to_string(f.id) == id.get<std::string>()) w.raw(file_json(f));
    w.end_array();
    w.key("author").begin_object().key("id").value(row.author_id).key("name").value(row.author_name);
    w.key("profession").value(row.author_profession).key("facility_id");
    if (row.facility_id) w.value(*row.facility_id);
    else w.null();
    w.key("facility_name").value(row.facility_name).end_object();
    w.key("created_at").value(japan_iso8601(row.created_at));
    w.key("updated_at").value(japan_iso8601(row.updated_at));
    w.key("version").value(row.version).key("edited").value(row.version > 1);
    w.key("retraction");
    if (row.retraction) {
        w.begin_object().key("reason").value(row.retraction->reason).key("by");
        write_person(w, row.retraction->by, row.retraction->by_name);
        w.key("at").value(japan_iso8601(row.retraction->at)).end_object();
    } else {
        w.null();
    }
    w.key("mentions").begin_array();
    for (const auto& m : row.mentions)
        w.begin_object().key("id").value(m.id).key("name").value(m.name).key("login").value(m.login).end_object();
    w.end_array();
    std::vector<std::int64_t> readers{row.author_id}; // a writer has read their own memo
    w.key("read_by").begin_array();
    for (const auto& r : row.reads) {
        w.begin_object().key("id").value(r.account_id).key("name").value(r.name);
        w.key("at").value(japan_iso8601(r.at)).end_object();
        readers.push_back(r.account_id);
    }
    w.end_array();
    w.key("read_by_me");
    write_slot(w, out, slots, std::move(readers));
    w.key("acknowledgement");
    if (row.kind == "instruction") write_acknowledgement(w, out, slots, row, extras);
    else w.null();
    w.key("record_gaps").raw(record_gaps_json(row));
    w.end_object();
}

// The page's memos as a JSON array after `prefix`, for any viewer.
services::ViewerText memos_text(db::Tx& tx, const std::vector<MemoRow>& rows, std::string prefix) {
    auto extras = load_extras(tx, rows);
    std::string out = std::move(prefix);
    out.reserve(out.size() + 1024 * rows.size());
    Slots slots;
    http::JsonWriter w(out);
    w.begin_array();
    for (const auto& row : rows) write_memo(w, out, slots, row, extras);
    w.end_array();
    services::ViewerText text;
    text.slots.reserve(slots.size());
    for (auto& [at, ids] : slots) text.slots.push_back({at, std::move(ids)});
    text.text = std::move(out);
    text.count = rows.size();
    return text;
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
    return Json::parse(memos_text(tx, rows, "").render(viewer)); // one writer for pages and single memos
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

services::ViewerText memo_page_text(db::Tx& tx, const std::vector<MemoRow>& rows,
                                    const repositories::MemoFilter& filter) {
    const bool more = static_cast<int>(rows.size()) == filter.limit;
    auto text = memos_text(tx, rows, "{\"memos\":");
    auto& last = text.text; // after the last slot
    last += ",\"next_before\":";
    last += more && !rows.empty() ? std::to_string(rows.back().id) : "null";
    last += "}";
    return text;
}

std::string memo_page_json(db::Tx& tx, const std::vector<MemoRow>& rows, const repositories::MemoFilter& filter,
                           std::int64_t viewer) {
    return memo_page_text(tx, rows, filter).render(viewer);
}

std::string memo_filter_key(const repositories::MemoFilter& f) {
    std::string key = std::to_string(f.limit);
    auto add = [&](const std::string& part) {
        key += '\x1f';
        key += part;
    };
    add(f.before ? std::to_string(*f.before) : "");
    add(f.kind);
    add(f.profession);
    add(f.writer ? std::to_string(*f.writer) : "");
    add(f.from ? std::to_string(*f.from) : "");
    add(f.to ? std::to_string(*f.to) : "");
    for (const auto& t : f.terms) add(t);
    return key;
}

} // namespace mimamori::api
