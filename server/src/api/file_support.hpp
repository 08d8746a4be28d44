#pragma once
// What the upload (tus) and file routes share: the permission of a patient's files, a file as
// JSON, and a file (or one byte range of it) as a streamed download.

#include <cstdint>
#include <string_view>

#include "http/auth.hpp"
#include "http/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/permissions.hpp"
#include "repositories/file_repository.hpp"

namespace mimamori::api {

// Decides `action` on patient `patient_id` for the signed-in account (403 and a "denied" entry in
// the access log otherwise, also for a patient that does not exist: ids cannot be probed).
Status authorize_patient_files(http::RequestContext& ctx, std::int64_t patient_id, perm::Action action,
                         const http::AuditTarget& what);

// Reading or writing a file of the professional record, or of the family space.
perm::Action read_action(const repositories::FileRow& file);
perm::Action write_action(bool family);

// {"id","space","name","media_type","file_type","size","sha256","uploaded_by":{"id","name"},
//  "created_at","url","preview","encrypted_metadata"}
Json file_json(const repositories::FileRow& file);

// The file as a download: 200 or 206 (one range; 416 for a range past the end) with its
// Content-Type, Content-Disposition (inline for what browsers show, with the UTF-8 name), ETag
// (its SHA-256), and a CSP that lets nothing in it run in our origin; the body streamed from the
// store, each chunk checked. Records `audit_action` in the access log with the range sent.
Result<http::Response> download_response(const http::Request& request, http::RequestContext& ctx,
                                         const repositories::FileRow& file, std::string_view audit_action);

} // namespace mimamori::api
