#include "api/file_support.hpp"

#include <memory>

#include "files/download_stream.hpp"
#include "mimamori/common/base64url.hpp"
#include "mimamori/common/content_disposition.hpp"
#include "mimamori/common/encoding.hpp"
#include "mimamori/common/file_types.hpp"
#include "mimamori/common/http_range.hpp"
#include "mimamori/common/japan_time.hpp"
#include "services/files.hpp"
#include "services/file_access.hpp"
#include "services/services.hpp"

namespace mimamori::api {
namespace {

// Nothing in a stored file may run in our origin, whatever a browser makes of it: no scripts, no
// plugins, no requests, and a sandbox that gives it a unique origin if it is opened as a page.
// Only the app (same origin) may frame it. img-src/media-src/style-src let the browser's own
// viewer document of an image or a video show it.
constexpr std::string_view k_file_csp = "default-src 'none'; img-src 'self'; media-src 'self'; "
                                        "style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";
// PDFs without the sandbox: Chrome's PDF viewer refuses to open in a sandboxed document. Its
// scripts run inside the viewer, never in our page.
constexpr std::string_view k_pdf_csp = "default-src 'none'; frame-ancestors 'self'";

std::optional<files::FileType> type_of(const repositories::FileRow& file) {
    return file.file_type ? files::file_type_from_code(*file.file_type) : std::nullopt;
}

std::string_view preview_name(const repositories::FileRow& file) {
    auto type = type_of(file);
    if (!type) return "none";
    switch (files::info(*type).preview) {
    case files::Preview::Image: return "image";
    case files::Preview::Video: return "video";
    case files::Preview::Audio: return "audio";
    case files::Preview::Pdf: return "pdf";
    case files::Preview::None: break;
    }
    switch (*type) {
    case files::FileType::Docx: case files::FileType::Xlsx: case files::FileType::Pptx:
    case files::FileType::Doc: case files::FileType::Xls: case files::FileType::Ppt:
        return "office"; // GET .../preview.pdf, when the server has LibreOffice
    default:
        return "none";
    }
}

} // namespace

Status authorize_patient_files(http::RequestContext& ctx, std::int64_t patient_id, perm::Action action,
                         const http::AuditTarget& what) {
    const auto& who = http::signed_in(ctx);
    auto target = services::file_patient_target(ctx.tx(), patient_id, who.principal);
    perm::Target none;
    none.patient_id = patient_id;
    return http::authorize(ctx, action, target ? *target : none, what);
}

perm::Action read_action(const repositories::FileRow& file) {
    return file.kind == "family" ? perm::Action::FamilySpaceRead : perm::Action::PatientRecordRead;
}

perm::Action write_action(bool family) {
    return family ? perm::Action::FamilySpaceWrite : perm::Action::PatientRecordWrite;
}

Json file_json(const repositories::FileRow& f) {
    return {{"id", f.id},
            {"space", f.kind == "family" ? "family" : "professional"},
            {"name", f.name},
            {"media_type", f.media_type},
            {"file_type", f.file_type ? Json(*f.file_type) : Json(nullptr)},
            {"size", f.size},
            {"sha256", f.sha256 ? Json(encoding::hex_encode(as_bytes(*f.sha256))) : Json(nullptr)},
            {"uploaded_by", {{"id", f.uploaded_by ? Json(*f.uploaded_by) : Json(nullptr)}, {"name", f.uploader_name}}},
            {"created_at", japan_iso8601(f.created_at)},
            {"url", "/api/v1/files/" + std::to_string(f.id)},
            {"preview", preview_name(f)},
            {"encrypted_metadata",
             f.encrypted_metadata ? Json(encoding::base64_encode(as_bytes(*f.encrypted_metadata))) : Json(nullptr)}};
}

Result<http::Response> download_response(const http::Request& request, http::RequestContext& ctx,
                                         const repositories::FileRow& file, std::string_view audit_action) {
    const std::string etag = "\"" + encoding::hex_encode(as_bytes(file.sha256.value_or(""))) + "\"";
    std::string_view range_header = request.header("Range").value_or("");
    // A range of another version of the file would splice two files: If-Range must name this one.
    if (auto if_range = request.header("If-Range"); if_range && *if_range != etag) range_header = {};
    auto decision = http::decide_range(range_header, file.size);
    if (decision.outcome == http::RangeOutcome::Unsatisfiable) {
        auto r = http::Response::error(Error::make(ErrorCode::RangeNotSatisfiable, "the range is past the end of the file"));
        r.headers.set("Content-Range", http::unsatisfied_content_range(file.size));
        return r;
    }
    const auto& range = decision.range;
    bool partial = decision.outcome == http::RangeOutcome::Partial;
    auto& store = *ctx.services().files;
    auto starts = repositories::chunk_starts(ctx.tx(), file.id, range.first, range.last);
    auto r = http::Response::streamed(partial ? 206 : 200,
                                      {std::make_shared<files::DownloadStream>(store.reader(), file.id, range.first,
                                                                               range.last, std::move(starts)),
                                       range.length(), false});
    r.headers.set("Content-Type", file.media_type);
    auto type = type_of(file);
    bool shown = type && files::info(*type).preview != files::Preview::None;
    std::string name = file.kind == "family" ? "file-" + std::to_string(file.id) + ".bin" : file.name;
    r.headers.set("Content-Disposition",
                  http::content_disposition(shown ? http::Disposition::Inline : http::Disposition::Attachment, name));
    r.headers.set("ETag", etag);
    r.headers.set("Accept-Ranges", "bytes");
    if (partial) r.headers.set("Content-Range", http::content_range(range, file.size));
    bool pdf = type == files::FileType::Pdf;
    r.headers.set("Content-Security-Policy", std::string(pdf ? k_pdf_csp : k_file_csp));
    r.headers.set("X-Frame-Options", "SAMEORIGIN");
    r.headers.set("X-Content-Type-Options", "nosniff");
    r.headers.set("Cross-Origin-Resource-Policy", "same-origin");
    ctx.audit({.action = std::string(audit_action),
               .target_type = "file",
               .target_id = std::to_string(file.id),
               .patient_id = file.patient_id,
               .detail = {{"bytes", range.length()},
                          {"range", partial ? http::content_range(range, file.size) : std::string()}}});
    return r;
}

} // namespace mimamori::api
