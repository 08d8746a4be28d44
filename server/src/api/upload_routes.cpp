// Resumable uploads, tus 1.0 (https://tus.io/protocols/resumable-upload) with the creation,
// checksum and termination extensions, so standard tus clients upload too (issue 7):
//   OPTIONS /api/v1/uploads           what this server speaks (Tus-Version, Tus-Max-Size ...)
//   POST    /api/v1/uploads           creation: Upload-Length, Upload-Metadata (filename, patient
//                                     ...); 201 with Location
//   HEAD    /api/v1/uploads/{id}      Upload-Offset and Upload-Length (what arrived so far)
//   PATCH   /api/v1/uploads/{id}      the next bytes, streamed into storage (Upload-Offset must be
//                                     the stored one; Upload-Checksum optional: 460 when wrong)
//   DELETE  /api/v1/uploads/{id}      termination of an unfinished upload
//   GET     /api/v1/uploads/{id}      the finished file (as GET /api/v1/files/{id})
// The rules are in services/uploads.hpp; tus errors carry Tus-Resumable like every tus answer.
#include <charconv>

#include "api/file_support.hpp"
#include "api/master_routes.hpp"
#include "api/routes.hpp"
#include "files/upload_sink.hpp"
#include "http/auth.hpp"
#include "services/services.hpp"
#include "services/uploads.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

Response& with_tus(Response& r) {
    r.headers.set("Tus-Resumable", std::string(tus::version));
    return r;
}

Response tus_error(const Error& e, int status = 0) {
    Response r = status ? Response::error(status, e) : Response::error(e);
    return with_tus(r);
}

// Tus-Resumable on every request but OPTIONS: 412 with the versions this server speaks.
std::optional<Response> unsupported_version(const Request& request) {
    auto ok = tus::check_resumable(request.header("Tus-Resumable").value_or(""));
    if (ok) return std::nullopt;
    Response r = tus_error(ok.error(), 412);
    r.headers.set("Tus-Version", std::string(tus::version));
    return r;
}

std::string upload_url(std::int64_t id) { return "/api/v1/uploads/" + std::to_string(id); }

// The upload of the path; only its uploader continues, inspects or terminates an unfinished one.
Result<repositories::FileRow> own_upload(const Request& request, RequestContext& ctx) {
    auto id = http::path_id(request, "id");
    if (!id) return id.error();
    auto upload = services::find_file(ctx.tx(), *id);
    if (!upload || upload->kind == "preview") return Error::make(ErrorCode::NotFound, "no such upload");
    if (upload->uploaded_by != http::signed_in(ctx).account.id) {
        ctx.audit({.action = "file.upload", .target_type = "file", .target_id = std::to_string(*id),
                   .patient_id = upload->patient_id, .result = "denied",
                   .detail = {{"reason", "not the uploader"}}});
        return Error::make(ErrorCode::Forbidden, "only the uploader may continue or end an upload");
    }
    return *upload;
}

Result<Response> options(const Request&, RequestContext& ctx) {
    Response r;
    r.status = 204;
    with_tus(r);
    r.headers.set("Tus-Version", std::string(tus::version));
    r.headers.set("Tus-Extension", std::string(tus::extensions));
    r.headers.set("Tus-Max-Size", std::to_string(ctx.services().files->settings().max_upload_bytes));
    r.headers.set("Tus-Checksum-Algorithm", std::string(tus::checksum_algorithms));
    return r;
}

Result<Response> create(const Request& request, RequestContext& ctx) {
    if (auto refused = unsupported_version(request)) return *refused;
    if (request.header("Upload-Defer-Length"))
        return tus_error(Error::invalid("Upload-Length", "Upload-Length is required (deferred lengths are not supported)"));
    auto length = tus::parse_length(request.header("Upload-Length").value_or(""));
    if (!length) return tus_error(length.error());
    auto metadata = tus::parse_metadata(request.header("Upload-Metadata").value_or(""));
    if (!metadata) return tus_error(metadata.error());
    auto& store = *ctx.services().files;
    auto wanted = services::read_upload_request(*length, *metadata, store.settings());
    if (!wanted) return tus_error(wanted.error());
    if (auto ok = authorize_patient_files(ctx, wanted->patient_id, write_action(wanted->family),
                                    {"patient", std::to_string(wanted->patient_id)});
        !ok)
        return tus_error(ok.error());
    auto id = services::create_upload(ctx.tx(), *wanted, http::signed_in(ctx).account.id);
    ctx.audit({.action = "file.upload", .target_type = "file", .target_id = std::to_string(id),
               .patient_id = wanted->patient_id,
               .detail = {{"stage", "created"}, {"size", *length}, {"space", wanted->family ? "family" : "professional"},
                          {"name", wanted->name}}});
    Response r = Response::json(201, Json{{"upload", {{"id", id}, {"url", upload_url(id)}}}});
    r.headers.set("Location", upload_url(id));
    return with_tus(r);
}

Result<Response> head(const Request& request, RequestContext& ctx) {
    if (auto refused = unsupported_version(request)) return *refused;
    auto upload = own_upload(request, ctx);
    if (!upload) return tus_error(upload.error());
    Response r;
    r.status = 200;
    r.headers.set("Upload-Offset", std::to_string(upload->received));
    r.headers.set("Upload-Length", std::to_string(upload->size));
    r.headers.set("Cache-Control", "no-store");
    return with_tus(r);
}

// First call: the head of the PATCH (see Request::body_follows); second: its body is stored.
Result<Response> patch(const Request& request, RequestContext& ctx) {
    if (request.body_follows) {
        if (auto refused = unsupported_version(request)) return *refused;
        if (auto ok = tus::check_patch_content_type(request.header("Content-Type").value_or("")); !ok)
            return tus_error(ok.error());
        auto offset = tus::parse_offset(request.header("Upload-Offset").value_or(""));
        if (!offset) return tus_error(offset.error());
        std::optional<tus::Checksum> checksum;
        if (auto given = request.header("Upload-Checksum")) {
            auto parsed = tus::parse_checksum(*given);
            if (!parsed) return tus_error(parsed.error());
            checksum = std::move(*parsed);
        }
        std::optional<std::uint64_t> content_length;
        if (auto text = request.header("Content-Length")) {
            std::uint64_t n = 0;
            std::from_chars(text->data(), text->data() + text->size(), n);
            content_length = n;
        }
        auto upload = own_upload(request, ctx);
        if (!upload) return tus_error(upload.error());
        if (upload->patient_id)
            if (auto ok = authorize_patient_files(ctx, *upload->patient_id, write_action(upload->kind == "family"),
                                            {"file", std::to_string(upload->id)});
                !ok)
                return tus_error(ok.error());
        auto sink = services::begin_patch(ctx.tx(), ctx.database(), *upload, *offset, content_length, std::move(checksum));
        if (!sink) {
            Response r = tus_error(sink.error());
            r.headers.set("Upload-Offset", std::to_string(upload->received));
            return r;
        }
        return Response::read_body(std::move(*sink));
    }

    auto sink = std::dynamic_pointer_cast<files::UploadSink>(request.body_sink);
    if (!sink) return Error::make(ErrorCode::Internal, "the PATCH lost its sink");
    // Before the request's transaction is used: finish_patch runs transactions of its own.
    auto done = services::finish_patch(*ctx.services().files, *sink, ctx.unit_of_work());
    if (!done) {
        ctx.audit({.action = "file.upload", .target_type = "file", .target_id = std::to_string(sink->file_id()),
                   .patient_id = sink->patient_id(), .result = "failed", .detail = {{"stage", "refused"}, {"reason", done.error().message}}});
        return tus_error(done.error());
    }
    if (done->checksum_mismatch) {
        Response r = tus_error(Error{ErrorCode::InvalidInput,
                                     "the body does not match its Upload-Checksum: nothing of it was kept", "Upload-Checksum"},
                               tus::checksum_mismatch_status);
        r.headers.set("Upload-Offset", std::to_string(done->offset));
        return r;
    }
    if (done->completed) {
        const auto& f = *done->completed;
        ctx.audit({.action = "file.upload", .target_type = "file", .target_id = std::to_string(f.id),
                   .patient_id = f.patient_id,
                   .detail = {{"stage", "complete"}, {"size", f.size}, {"type", f.file_type.value_or("")}}});
    }
    Response r;
    r.status = 204;
    r.headers.set("Upload-Offset", std::to_string(done->offset));
    return with_tus(r);
}

Result<Response> terminate(const Request& request, RequestContext& ctx) {
    if (auto refused = unsupported_version(request)) return *refused;
    auto upload = own_upload(request, ctx);
    if (!upload) return tus_error(upload.error());
    if (auto ok = services::terminate_upload(ctx.tx(), *upload); !ok) return tus_error(ok.error());
    ctx.audit({.action = "file.upload", .target_type = "file", .target_id = std::to_string(upload->id),
               .patient_id = upload->patient_id, .detail = {{"stage", "terminated"}, {"received", upload->received}}});
    Response r = no_content();
    return with_tus(r);
}

} // namespace

// The finished file at its upload's URL, and at /api/v1/files/{id}.
Result<Response> download_file(const Request& request, RequestContext& ctx) {
    auto id = http::path_id(request, "id");
    if (!id) return id.error();
    auto file = services::find_file(ctx.tx(), *id);
    if (!file || !file->patient_id) return Error::make(ErrorCode::NotFound, "no such file");
    if (auto ok = authorize_patient_files(ctx, *file->patient_id, read_action(*file), {"file", std::to_string(*id)}); !ok)
        return ok.error();
    if (!file->complete) return Error::make(ErrorCode::Conflict, "the upload is not complete yet");
    return download_response(request, ctx, *file, "file.download");
}

void add_upload_routes(http::Router& router, const FileRouteLimits& limits) {
    router.add("OPTIONS", "/api/v1/uploads", options);
    router.add("POST", "/api/v1/uploads", create, k_signed_in);
    router.add("HEAD", "/api/v1/uploads/:id", head, k_signed_in);
    // The body's limit is the chunk limit; tus's Upload-Offset makes a repeat harmless (409), so an
    // Idempotency-Key adds nothing.
    router.add("PATCH", "/api/v1/uploads/:id", patch,
               {.requires_session = true, .never_store_answer = true, .max_body_bytes = limits.max_chunk_bytes,
                .streamed_body = true});
    router.add("DELETE", "/api/v1/uploads/:id", terminate, k_signed_in);
    router.add("GET", "/api/v1/uploads/:id", download_file, k_signed_in);
}

} // namespace mimamori::api
