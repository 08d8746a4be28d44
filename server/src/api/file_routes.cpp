// Stored files (issue 7):
//   GET /api/v1/files/{id}              the file (also at its upload's URL): ranges, its type and
//                                       name, ETag = SHA-256 (api/file_support.hpp)
//   GET /api/v1/files/{id}/preview.pdf  the PDF preview of an Office file, made by LibreOffice when
//                                       the server has it: 202 while converting, 404 without it
//   GET /api/v1/patients/{id}/files[?space=family]  the files of a patient's record (or family space)
#include "api/file_support.hpp"
#include "api/master_routes.hpp"
#include "api/routes.hpp"
#include "files/previews.hpp"
#include "http/auth.hpp"
#include "repositories/file_repository.hpp"
#include "services/services.hpp"
#include "services/uploads.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

Result<Response> download_file(const Request& request, RequestContext& ctx); // upload_routes.cpp

namespace {

Result<Response> preview(const Request& request, RequestContext& ctx) {
    auto id = http::path_id(request, "id");
    if (!id) return id.error();
    auto file = services::find_file(ctx.tx(), *id);
    if (!file || !file->patient_id || file->kind == "preview") return Error::make(ErrorCode::NotFound, "no such file");
    if (auto ok = authorize_patient_files(ctx, *file->patient_id, read_action(*file), {"file", std::to_string(*id)}); !ok)
        return ok.error();
    auto type = file->file_type ? files::file_type_from_code(*file->file_type) : std::nullopt;
    if (!file->complete || !type || !files::has_office_preview(*type))
        return Error::make(ErrorCode::NotFound, "only Word, Excel and PowerPoint files have a PDF preview");
    auto& previews = ctx.services().files->previews();
    if (!previews.available())
        return Error::make(ErrorCode::NotFound,
                           "no PDF preview: LibreOffice is not installed on this server (download the file instead)");
    auto state = repositories::find_preview(ctx.tx(), *id);
    if (state && state->state == "ready" && state->preview_id) {
        auto pdf = services::find_file(ctx.tx(), *state->preview_id);
        if (pdf && pdf->complete) return download_response(request, ctx, *pdf, "file.preview");
    }
    if (state && state->state == "failed")
        return Error::make(ErrorCode::Unprocessable, "this document could not be converted to PDF: " + state->message);
    previews.request(*id); // claimed and converted on the preview thread
    Response r = Response::json(202, Json{{"status", "converting"}});
    r.headers.set("Retry-After", "2");
    return r;
}

Result<Response> patient_files(const Request& request, RequestContext& ctx) {
    auto id = http::path_id(request, "id");
    if (!id) return id.error();
    auto space = request.query_param("space").value_or("professional");
    if (space != "professional" && space != "family")
        return Error::invalid("space", "space must be professional or family");
    bool family = space == "family";
    if (auto ok = authorize_patient_files(ctx, *id, family ? perm::Action::FamilySpaceRead : perm::Action::PatientRecordRead,
                                    {"patient", std::to_string(*id)});
        !ok)
        return ok.error();
    Json list = Json::array();
    for (const auto& f : services::patient_files(ctx.tx(), *id, family)) list.push_back(file_json(f));
    ctx.audit({.action = "file.list", .target_type = "patient", .target_id = std::to_string(*id), .patient_id = *id,
               .detail = {{"space", std::string(space)}, {"count", static_cast<std::int64_t>(list.size())}}});
    return Response::json(200, Json{{"files", std::move(list)}});
}

} // namespace

void add_file_routes(http::Router& router, const FileRouteLimits& limits) {
    add_upload_routes(router, limits);
    router.add("GET", "/api/v1/files/:id", download_file, k_signed_in);
    router.add("GET", "/api/v1/files/:id/preview.pdf", preview, k_signed_in);
    router.add("GET", "/api/v1/patients/:id/files", patient_files, k_signed_in);
}

} // namespace mimamori::api
