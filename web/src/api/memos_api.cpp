#include "api/memos_api.hpp"

#include <utility>

#include "api/json_reader.hpp"

namespace mimamori::web::api {
namespace {

// The keys of a memo answer that are not content fields.
constexpr std::string_view kEnvelopeKeys[] = {"id",          "patient_id", "attachments", "author",      "created_at",
                                              "updated_at",  "version",    "edited",      "retraction",  "mentions",
                                              "read_by",     "read_by_me", "acknowledgement", "record_gaps", "versions"};

bool is_envelope_key(std::string_view key) {
    for (std::string_view k : kEnvelopeKeys)
        if (k == key) return true;
    return false;
}

Result<Person> parse_person(const Json& j) {
    JsonReader r(j, "person");
    Person p{r.id("id"), r.opt_str("name"), r.opt_str("at")};
    return r.result(std::move(p));
}

std::vector<Person> read_people(JsonReader& owner, std::string_view key) {
    auto people = read_list<Person>(owner.array(key), parse_person);
    if (!people) {
        owner.fail(people.error());
        return {};
    }
    return std::move(people).value();
}

Result<MemoFile> parse_file(const Json& j) {
    JsonReader r(j, "attachment");
    MemoFile f{r.id("id"), r.opt_str("name"), r.opt_str("media_type"), r.opt_str("preview"),
               r.integer("size"), r.opt_str("url"), j};
    return r.result(std::move(f));
}

Result<MemoVersion> parse_version(const Json& j) {
    JsonReader r(j, "memo version");
    MemoVersion v;
    v.number = static_cast<int>(r.integer("number"));
    if (const Json* content = r.object("content")) v.content = *content;
    if (const Json* editor = r.object("editor")) {
        auto p = parse_person(*editor);
        if (p) v.editor = *p;
    }
    v.editor.at = r.opt_str("at");
    return r.result(std::move(v));
}

Result<Memo> parse_memo(const Json& j) {
    JsonReader r(j, "memo");
    Memo m;
    m.id = r.id("id");
    m.patient_id = r.id("patient_id");
    m.kind = r.str("kind");
    m.text = r.opt_str("text");
    m.content = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!is_envelope_key(it.key()) && !it->is_null()) m.content[it.key()] = *it;
    if (auto files = read_list<MemoFile>(r.array("attachments"), parse_file)) {
        m.attachments = std::move(files).value();
    } else {
        r.fail(files.error());
    }
    if (const Json* author = r.object("author")) {
        JsonReader a(*author, "memo.author");
        m.author_id = a.id("id");
        m.author_name = a.opt_str("name");
        m.author_profession = a.opt_str("profession");
        m.facility_name = a.opt_str("facility_name");
        if (a.error()) r.fail(*a.error());
    }
    m.created_at = r.opt_str("created_at");
    m.updated_at = r.opt_str("updated_at");
    m.version = static_cast<int>(r.integer("version"));
    m.edited = r.flag("edited");
    if (const Json* retraction = r.object("retraction")) {
        JsonReader x(*retraction, "memo.retraction");
        m.retracted = true;
        m.retraction_reason = x.opt_str("reason");
        if (const Json* by = x.object("by")) {
            if (auto p = parse_person(*by)) m.retracted_by = *p;
        }
        m.retracted_by.at = x.opt_str("at");
    }
    for (const Json& mention : r.array("mentions")) {
        JsonReader x(mention, "memo.mention");
        m.mentions.push_back({x.id("id"), x.opt_str("name"), {}});
        m.mention_logins.push_back(x.opt_str("login"));
        if (x.error()) r.fail(*x.error());
    }
    m.read_by = read_people(r, "read_by");
    m.read_by_me = r.flag("read_by_me");
    if (const Json* ack = r.object("acknowledgement")) {
        JsonReader x(*ack, "memo.acknowledgement");
        Acknowledgement a;
        a.version = static_cast<int>(x.integer("version"));
        a.acknowledged_by = read_people(x, "acknowledged_by");
        a.pending = read_people(x, "pending");
        a.acknowledged_by_me = x.flag("acknowledged_by_me");
        if (x.error()) r.fail(*x.error());
        m.acknowledgement = std::move(a);
    }
    m.record_gaps = r.strings("record_gaps");
    if (auto versions = read_list<MemoVersion>(r.array("versions"), parse_version)) {
        m.versions = std::move(versions).value();
    } else {
        r.fail(versions.error());
    }
    return r.result(std::move(m));
}

Result<Memo> parse_memo_answer(const Json& j) {
    const auto it = j.find("memo");
    if (it == j.end() || !it->is_object()) return Error::invalid("memo", "\"memo\" should be an object");
    return parse_memo(*it);
}

Result<MemoPage> parse_page(const Json& j) {
    auto memos = read_list_answer<Memo>(j, "memos", parse_memo);
    if (!memos) return memos.error();
    JsonReader r(j, "memo page");
    MemoPage page{std::move(memos).value(), r.opt_id("next_before")};
    return r.result(std::move(page));
}

std::string memo_path(perm::Id id) { return "memos/" + std::to_string(id); }

} // namespace

Result<MemoDraft> Memo::draft() const {
    Json body = content;
    body["kind"] = kind;
    return memo_from_json(body);
}

std::string memo_query_string(const MemoQuery& query) {
    std::string path;
    if (query.limit != 50) add_query(path, "limit", std::to_string(query.limit));
    if (query.before) add_query(path, "before", std::to_string(*query.before));
    add_query(path, "kind", query.kind);
    add_query(path, "profession", query.profession);
    if (query.writer) add_query(path, "writer", std::to_string(*query.writer));
    add_query(path, "from", query.from);
    add_query(path, "to", query.to);
    add_query(path, "q", query.q);
    return path;
}

Call<MemoPage> list_memos(std::optional<perm::Id> patient_id, const MemoQuery& query) {
    std::string path = patient_id ? "patients/" + std::to_string(*patient_id) + "/memos" : std::string("my/memos");
    path += memo_query_string(query);
    return call<MemoPage>({"GET", std::move(path)}, parse_page);
}

Call<MemoPage> list_mentions(std::optional<perm::Id> before) {
    std::string path = "my/mentions";
    if (before) add_query(path, "before", std::to_string(*before));
    return call<MemoPage>({"GET", std::move(path)}, parse_page);
}

Call<Memo> fetch_memo(perm::Id memo_id) { return call<Memo>({"GET", memo_path(memo_id)}, parse_memo_answer); }

Call<Memo> post_memo(perm::Id patient_id, const MemoDraft& draft) {
    return call<Memo>({"POST", "patients/" + std::to_string(patient_id) + "/memos", to_json(draft)}, parse_memo_answer);
}

Call<Memo> edit_memo(perm::Id memo_id, const MemoDraft& draft) {
    return call<Memo>({"PUT", memo_path(memo_id), to_json(draft)}, parse_memo_answer);
}

Call<Memo> retract_memo(perm::Id memo_id, const std::string& reason) {
    return call<Memo>({"POST", memo_path(memo_id) + "/retraction", Json{{"reason", reason}}}, parse_memo_answer);
}

Call<Memo> acknowledge_memo(perm::Id memo_id, int version) {
    return call<Memo>({"POST", memo_path(memo_id) + "/acknowledgements", Json{{"version", version}}}, parse_memo_answer);
}

Call<std::vector<perm::Id>> record_reads(perm::Id patient_id, const std::vector<perm::Id>& memo_ids) {
    return call<std::vector<perm::Id>>(
        {"POST", "patients/" + std::to_string(patient_id) + "/memos/reads", Json{{"memo_ids", memo_ids}}},
        [](const Json& j) -> Result<std::vector<perm::Id>> {
            std::vector<perm::Id> out;
            JsonReader r(j, "reads");
            for (const Json& id : r.array("recorded"))
                if (id.is_number_integer()) out.push_back(id.get<perm::Id>());
            return r.result(std::move(out));
        });
}

Call<TimelinePatient> fetch_timeline_patient(perm::Id patient_id) {
    return call<TimelinePatient>({"GET", "patients/" + std::to_string(patient_id)}, [](const Json& j) -> Result<TimelinePatient> {
        TimelinePatient out;
        // The patient's fields are the answer's own (GET /patients/{id}: the record plus "team").
        JsonReader patient(j, "patient");
        out.name = patient.opt_str("name");
        const auto team = j.find("team");
        if (team == j.end() || !team->is_object()) return out;
        JsonReader t(*team, "team");
        out.locked = t.flag("locked");
        for (const Json& m : t.array("members")) {
            JsonReader r(m, "team.member");
            TeamPerson person{r.id("account_id"), r.opt_str("name"), r.opt_str("profession"), r.opt_str("login"),
                              r.flag("active")};
            if (r.error()) return *r.error();
            out.members.push_back(std::move(person));
        }
        return t.result(std::move(out));
    });
}

Call<UnreadCounts> fetch_unread() {
    return call<UnreadCounts>({"GET", "my/unread"}, [](const Json& j) -> Result<UnreadCounts> {
        JsonReader r(j, "unread");
        UnreadCounts u;
        u.total = r.integer("total");
        for (const Json& p : r.array("patients")) {
            JsonReader x(p, "unread.patient");
            u.patients.emplace_back(x.id("patient_id"), x.integer("unread"));
            if (x.error()) r.fail(*x.error());
        }
        return r.result(std::move(u));
    });
}

} // namespace mimamori::web::api
