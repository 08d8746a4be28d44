// Reading a consent record's body: scope, signer, method, the text's version and hash, and the
// signature or the paper form (services/consents.hpp).
#include <algorithm>
#include <cctype>

#include "mimamori/common/base64url.hpp"
#include "mimamori/common/consent.hpp"
#include "mimamori/common/file_types.hpp"
#include "mimamori/common/validation.hpp"
#include "services/consents.hpp"
#include "services/master_input.hpp"

namespace mimamori::services {
namespace {

Status read_scope(const Json& body, repositories::NewConsent& c) {
    auto it = body.find("scope");
    if (it == body.end() || !it->is_object())
        return Error::invalid("scope", "scope is required: {\"professional\": true, \"family\": true|false}");
    if (auto known = json::reject_unknown_keys(*it, {"professional", "family"}); !known)
        return prefixed(known.error(), "scope.");
    auto professional = json::get_bool(*it, "professional");
    if (!professional) return prefixed(professional.error(), "scope.");
    if (!*professional)
        return Error::invalid("scope.professional", "scope.professional must be true: a care team shares with consent to "
                                                    "professional sharing");
    auto family = json::get_optional_bool(*it, "family");
    if (!family) return prefixed(family.error(), "scope.");
    c.professional = true;
    c.family = family->value_or(false);
    return {};
}

Status read_signer(const Json& body, repositories::NewConsent& c) {
    auto it = body.find("signer");
    if (it == body.end() || !it->is_object())
        return Error::invalid("signer", "signer is required: {\"kind\": \"patient\"|\"proxy\", \"name\", \"relation\"}");
    if (auto known = json::reject_unknown_keys(*it, {"kind", "name", "relation"}); !known)
        return prefixed(known.error(), "signer.");
    auto kind = string_field(*it, "kind", "signer.");
    if (!kind) return kind.error();
    if (*kind != "patient" && *kind != "proxy") return Error::invalid("signer.kind", "signer.kind must be patient or proxy");
    auto name = string_field(*it, "name", "signer.");
    if (!name) return name.error();
    auto valid_name = validate::name("signer.name", *name, 100);
    if (!valid_name) return valid_name.error();
    auto relation = optional_string_field(*it, "relation");
    if (!relation) return prefixed(relation.error(), "signer.");
    auto valid_relation = validate::text("signer.relation", *relation, 50, false, *kind == "patient");
    if (!valid_relation)
        return Error::invalid("signer.relation", "signer.relation is required for a proxy: how they are related (長女, 夫 ...)");
    c.signer_kind = *kind;
    c.signer_name = *valid_name;
    c.proxy_relation = *kind == "proxy" ? *valid_relation : "";
    return {};
}

Status read_text(const Json& body, repositories::NewConsent& c) {
    auto version = string_field(body, "text_version", "");
    if (!version) return version.error();
    auto text = consent::text_of(*version);
    if (!text) return Error::invalid("text_version", "text_version names no published consent text");
    auto hash = string_field(body, "text_sha256", "");
    if (!hash) return hash.error();
    std::string lower = *hash;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    const std::string expected = consent::sha256_hex(*text);
    if (lower != expected)
        return Error::invalid("text_sha256", "text_sha256 does not match the consent text of this version: show the text "
                                             "of common/consent.hpp unchanged");
    c.text_version = *version;
    c.text = std::string(*text);
    c.text_sha256_hex = expected;
    return {};
}

// The bytes end the way their type ends (a PDF's %%EOF, a PNG's IEND chunk, a JPEG's EOI
// marker): an upload cut short is unreadable and refused.
bool whole_file(files::FileType type, std::string_view bytes) {
    auto tail = [&](std::size_t n) { return bytes.substr(bytes.size() > n ? bytes.size() - n : 0); };
    switch (type) {
    case files::FileType::Pdf: return tail(1024).find("%%EOF") != std::string_view::npos;
    case files::FileType::Png: return tail(64).find("IEND") != std::string_view::npos;
    case files::FileType::Jpeg: return tail(64 * 1024).find("\xFF\xD9") != std::string_view::npos;
    default: return false;
    }
}

Status read_document(const Json& body, repositories::NewConsent& c) {
    auto it = body.find("document");
    if (it == body.end() || !it->is_object())
        return Error::invalid("document", "document is required for a paper consent: {\"name\", \"media_type\", "
                                          "\"content_base64\"} of the signed form (PDF, JPEG or PNG)");
    if (auto known = json::reject_unknown_keys(*it, {"name", "media_type", "content_base64"}); !known)
        return prefixed(known.error(), "document.");
    auto name = string_field(*it, "name", "document.");
    if (!name) return name.error();
    auto media_type = optional_string_field(*it, "media_type");
    if (!media_type) return prefixed(media_type.error(), "document.");
    auto content = string_field(*it, "content_base64", "document.");
    if (!content) return content.error();
    if (content->size() / 4 * 3 > max_consent_document_bytes + 3)
        return Error::invalid("document.content_base64", "the signed form must be at most 10 MB");
    auto bytes = encoding::base64_decode(*content, "document.content_base64");
    if (!bytes) return Error::invalid("document.content_base64", "document.content_base64 must be the file in base64");
    if (bytes->size() > max_consent_document_bytes)
        return Error::invalid("document.content_base64", "the signed form must be at most 10 MB");

    static const auto accepted = files::AcceptList::parse("pdf,jpeg,png").value();
    const ByteView all(*bytes);
    const bool whole = all.size() <= files::sniff_bytes;
    auto checked = files::check_upload(*name, *media_type, all.subspan(0, std::min(all.size(), files::sniff_bytes)), whole,
                                       accepted);
    if (!checked) {
        const std::string& f = checked.error().field;
        const std::string field = f == "filename" ? "document.name" : f == "media_type" ? "document.media_type"
                                                                                         : "document.content_base64";
        return Error::invalid(field, "the signed form cannot be used: " + checked.error().message +
                                         " (a PDF, JPEG or PNG file, named for what it is)");
    }
    const std::string data = to_string(all);
    if (!whole_file(checked->type, data))
        return Error::invalid("document.content_base64", "the signed form is unreadable: the file is incomplete");
    c.document = data;
    c.document_media_type = checked->media_type;
    c.document_name = checked->file_name;
    return {};
}

} // namespace

Result<repositories::NewConsent> read_consent(const Json& body) {
    if (auto known = json::reject_unknown_keys(body, {"scope", "signer", "method", "text_version", "text_sha256",
                                                      "signature", "document"});
        !known)
        return known.error();
    repositories::NewConsent c;
    if (auto ok = read_scope(body, c); !ok) return ok.error();
    if (auto ok = read_signer(body, c); !ok) return ok.error();
    auto method = string_field(body, "method", "");
    if (!method) return method.error();
    if (*method != "e_signature" && *method != "paper")
        return Error::invalid("method", "method must be e_signature or paper");
    c.method = *method;
    if (auto ok = read_text(body, c); !ok) return ok.error();

    const bool e_signature = c.method == "e_signature";
    if (e_signature && body.contains("document"))
        return Error::invalid("document", "an e-consent has a drawn signature, not a document");
    if (!e_signature && body.contains("signature"))
        return Error::invalid("signature", "a paper consent has the signed form, not a drawn signature");
    if (e_signature) {
        auto signature = consent::read_signature(body.contains("signature") ? body.at("signature") : Json(nullptr));
        if (!signature) return signature.error();
        c.signature_strokes = consent::to_json(*signature).dump();
        return c;
    }
    if (auto ok = read_document(body, c); !ok) return ok.error();
    return c;
}

} // namespace mimamori::services
