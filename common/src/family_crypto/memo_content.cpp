#include "mimamori/common/family_crypto/memo_content.hpp"

#include "json_fields.hpp"
#include "mimamori/common/base64url.hpp"
#include "mimamori/common/validation.hpp"

namespace mimamori::family_crypto {
namespace {

bool is_media_type(std::string_view s) {
    if (s.empty() || s.size() > 127) return false;
    std::size_t slashes = 0;
    for (const char c : s) {
        if (c == '/') ++slashes;
        else if (c <= ' ' || c >= 0x7f || c == '"' || c == '\\') return false;
    }
    return slashes == 1 && s.front() != '/' && s.back() != '/';
}

std::string indexed(std::string_view list, std::size_t i, std::string_view key) {
    return std::string(list) + "[" + std::to_string(i) + "]." + std::string(key);
}

Result<ReactionKind> reaction_kind(std::string_view s) {
    if (s == "seen") return ReactionKind::Seen;
    if (s == "thanks") return ReactionKind::Thanks;
    return Error::invalid("reaction.kind", "reaction.kind must be \"seen\" or \"thanks\"");
}

Status check_attachment(const MemoAttachment& a, std::size_t i) {
    if (auto st = check_client_id(a.file_id, indexed("attachments", i, "file_id")); !st) return st;
    auto name = validate::text(indexed("attachments", i, "name"), a.name, max_attachment_name_chars, false, false);
    if (!name) return name.error();
    if (*name != a.name) return Error::invalid(indexed("attachments", i, "name"), "the file name has surrounding spaces");
    if (!is_media_type(a.media_type))
        return Error::invalid(indexed("attachments", i, "media_type"), "media_type must look like \"image/jpeg\"");
    if (a.size > max_attachment_size) return Error::invalid(indexed("attachments", i, "size"), "the file is too large");
    if (a.thumbnail.empty() != a.thumbnail_type.empty())
        return Error::invalid(indexed("attachments", i, "thumbnail"), "a thumbnail needs its type and a type its thumbnail");
    if (a.thumbnail.size() > max_thumbnail_bytes)
        return Error::invalid(indexed("attachments", i, "thumbnail"), "the thumbnail is larger than 32 KiB");
    if (!a.thumbnail_type.empty() && a.thumbnail_type != "image/jpeg" && a.thumbnail_type != "image/webp" &&
        a.thumbnail_type != "image/png")
        return Error::invalid(indexed("attachments", i, "thumbnail_type"), "a thumbnail is JPEG, WebP or PNG");
    return {};
}

Status check_content(const FamilyMemoContent& c) {
    auto text = validate::text("text", c.text, max_memo_text_chars, true, true);
    if (!text) return text.error();
    if (c.text.empty() && c.attachments.empty() && !c.reaction && !c.schedule)
        return Error::invalid("text", "text is required");
    if (c.schedule)
        if (auto st = check_schedule_entry(*c.schedule); !st) return st;
    if (c.attachments.size() > max_memo_attachments)
        return Error::invalid("attachments", "a memo has at most " + std::to_string(max_memo_attachments) + " attachments");
    for (std::size_t i = 0; i < c.attachments.size(); ++i)
        if (auto st = check_attachment(c.attachments[i], i); !st) return st;
    if (c.reaction)
        if (auto st = check_client_id(c.reaction->memo_id, "reaction.memo_id"); !st) return st;
    return {};
}

void wipe_keys(Json& value) {
    const auto list = value.find("attachments");
    if (list == value.end() || !list->is_array()) return;
    for (Json& a : *list) {
        if (!a.is_object()) continue;
        if (const auto key = a.find("key"); key != a.end() && key->is_string()) wipe(key->get_ref<std::string&>());
    }
}

Result<MemoAttachment> attachment_from_json(const Json& a, std::size_t i) {
    if (!a.is_object()) return Error::invalid(indexed("attachments", i, ""), "an attachment must be a JSON object");
    const auto fail = [i](const Error& e) { return Error::invalid(indexed("attachments", i, e.field), e.message); };
    MemoAttachment out;
    auto file_id = json::get_string(a, "file_id");
    if (!file_id) return fail(file_id.error());
    auto name = json::get_string(a, "name");
    if (!name) return fail(name.error());
    auto media_type = json::get_string(a, "media_type");
    if (!media_type) return fail(media_type.error());
    auto size = json::get_int(a, "size");
    if (!size) return fail(size.error());
    if (*size < 0) return Error::invalid(indexed("attachments", i, "size"), "size must not be negative");
    out.file_id = std::move(file_id).value();
    out.name = std::move(name).value();
    out.media_type = std::move(media_type).value();
    out.size = static_cast<std::uint64_t>(*size);
    if (auto st = detail::get_exact(a, "key", out.key.writable()); !st) return fail(st.error());
    if (const Json& thumb = detail::member(a, "thumbnail"); !thumb.is_null()) {
        auto text = json::get_string(a, "thumbnail");
        if (!text) return fail(text.error());
        auto bytes = encoding::base64url_decode(*text);
        if (!bytes) return Error::invalid(indexed("attachments", i, "thumbnail"), "the thumbnail is not base64url");
        out.thumbnail.assign(bytes->begin(), bytes->end());
        auto type = json::get_string(a, "thumbnail_type");
        if (!type) return fail(type.error());
        out.thumbnail_type = std::move(type).value();
    }
    if (auto st = check_attachment(out, i); !st) return st.error();
    return out;
}

} // namespace

std::string_view to_string(ReactionKind kind) { return kind == ReactionKind::Thanks ? "thanks" : "seen"; }

Result<Bytes> encode_memo_content(const FamilyMemoContent& content) {
    if (auto st = check_content(content); !st) return st.error();
    Json value{{"version", format_version}, {"text", content.text}};
    if (!content.attachments.empty()) {
        Json list = Json::array();
        for (const MemoAttachment& a : content.attachments)
            list.push_back(Json{{"file_id", a.file_id},
                                {"name", a.name},
                                {"media_type", a.media_type},
                                {"size", a.size},
                                {"key", detail::b64(a.key.bytes())}});
        for (std::size_t i = 0; i < content.attachments.size(); ++i)
            if (const auto& a = content.attachments[i]; !a.thumbnail.empty()) {
                list[i]["thumbnail"] = encoding::base64url_encode(as_bytes(a.thumbnail));
                list[i]["thumbnail_type"] = a.thumbnail_type;
            }
        value["attachments"] = std::move(list);
    }
    if (content.reaction)
        value["reaction"] = Json{{"memo_id", content.reaction->memo_id}, {"kind", to_string(content.reaction->kind)}};
    if (content.schedule)
        value["schedule"] =
            Json{{"date", content.schedule->date}, {"time", content.schedule->time}, {"what", content.schedule->what}};
    std::string text = json::dump(value);
    wipe_keys(value);
    Bytes out(as_bytes(text).begin(), as_bytes(text).end());
    wipe(text);
    return out;
}

Result<FamilyMemoContent> decode_memo_content(ByteView plaintext) {
    auto parsed = json::parse_object(std::string_view(reinterpret_cast<const char*>(plaintext.data()), plaintext.size()));
    if (!parsed) return Error::invalid("content", "the memo's content is not a JSON object");
    Json& value = *parsed;
    // The file keys' text in the parsed tree is wiped however this function returns.
    const struct KeyWiper {
        Json& tree;
        ~KeyWiper() { wipe_keys(tree); }
    } key_wiper{value};
    auto version = json::get_int(value, "version");
    if (!version) return version.error();
    if (*version != format_version)
        return Error::invalid("version", "the memo was written by a newer app (content version " +
                                             std::to_string(*version) + ")");
    FamilyMemoContent content;
    auto text = json::get_string(value, "text");
    if (!text) return text.error();
    content.text = std::move(text).value();
    if (const Json& list = detail::member(value, "attachments"); !list.is_null()) {
        if (!list.is_array()) return Error::invalid("attachments", "attachments must be a list");
        if (list.size() > max_memo_attachments) return Error::invalid("attachments", "too many attachments");
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto a = attachment_from_json(list[i], i);
            if (!a) return a.error();
            content.attachments.push_back(std::move(a).value());
        }
    }
    if (const Json& r = detail::member(value, "reaction"); !r.is_null()) {
        if (!r.is_object()) return Error::invalid("reaction", "reaction must be a JSON object");
        auto memo_id = json::get_string(r, "memo_id");
        if (!memo_id) return Error::invalid("reaction.memo_id", memo_id.error().message);
        auto kind_name = json::get_string(r, "kind");
        if (!kind_name) return Error::invalid("reaction.kind", kind_name.error().message);
        auto kind = reaction_kind(*kind_name);
        if (!kind) return kind.error();
        content.reaction = MemoReaction{std::move(memo_id).value(), *kind};
    }
    if (const Json& e = detail::member(value, "schedule"); !e.is_null()) {
        if (!e.is_object()) return Error::invalid("schedule", "schedule must be a JSON object");
        ScheduleEntry entry;
        const std::initializer_list<std::pair<const char*, std::string*>> fields{
            {"date", &entry.date}, {"time", &entry.time}, {"what", &entry.what}};
        for (auto [key, field] : fields) {
            auto v = json::get_string(e, key);
            if (!v) return Error::invalid(std::string("schedule.") + key, v.error().message);
            *field = std::move(v).value();
        }
        content.schedule = std::move(entry);
    }
    if (auto st = check_content(content); !st) return st.error();
    return content;
}

Result<MemoEnvelope> seal_memo_content(const EpochKey& key, const MemberIdentity& author, std::string_view memo_id,
                                       std::int64_t time_ms, const FamilyMemoContent& content) {
    auto plaintext = encode_memo_content(content);
    if (!plaintext) return plaintext.error();
    auto envelope = seal_memo(key, author, memo_id, time_ms, *plaintext);
    wipe(*plaintext);
    return envelope;
}

} // namespace mimamori::family_crypto
