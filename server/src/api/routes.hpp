#pragma once
// The API's routes, one function per resource. Every route that add_api_routes() registers is
// described in server/api/openapi.json (a test compares the two).

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/router.hpp"

namespace mimamori::api {

// All product routes.
void add_api_routes(http::Router& router);

void add_health_routes(http::Router& router);      // GET /api/v1/health
void add_openapi_routes(http::Router& router);     // GET /api/v1/openapi.json
void add_client_error_routes(http::Router& router); // POST /api/v1/client-errors
void add_session_routes(http::Router& router);      // POST|DELETE /api/v1/session, DELETE /api/v1/sessions
void add_me_routes(http::Router& router);           // /api/v1/me, /me/password, /me/two-factor[/confirm]
void add_audit_routes(http::Router& router);        // GET /api/v1/audit
void add_facility_routes(http::Router& router);     // /api/v1/facilities[/{id}[/representative/reinvite|/security]]
void add_staff_routes(http::Router& router);        // GET /api/v1/staff, /api/v1/facilities/{id}/staff[/...]
void add_invitation_routes(http::Router& router);   // /api/v1/invitations/{token}[/accept]
void add_record_routes(http::Router& router);       // outbox, staff.csv, patients.csv, reports/fees.csv
void add_patient_routes(http::Router& router);      // /api/v1/patients[/{id}], /api/v1/my/patients
void add_team_routes(http::Router& router);         // /api/v1/teams[/...], /api/v1/team-links, /api/v1/directory
void add_consent_routes(http::Router& router);      // /api/v1/patients/{id}/consents, /api/v1/consents[/...]
void add_family_routes(http::Router& router);       // family accounts, handover, /api/v1/invitations/code
void add_family_key_routes(http::Router& router);   // /api/v1/me/keys[/wraps] (issue 6)
void add_family_space_routes(http::Router& router); // /api/v1/patients/{id}/family/... (issue 6)
void add_memo_routes(http::Router& router);         // /api/v1/patients/{id}/memos[/reads], /api/v1/memos/{id}[/...], /api/v1/my/{memos,mentions,unread}
void add_event_routes(http::Router& router);        // GET /api/v1/events (Server-Sent Events)
void add_fee_evidence_routes(http::Router& router); // /api/v1/facilities/{id}/fee-evidence/..., /special-relationships

// Files (issue 7), registered by the server with its limits: tus uploads at /api/v1/uploads[/{id}],
// GET /api/v1/files/{id}[/preview.pdf], GET /api/v1/patients/{id}/files.
struct FileRouteLimits {
    std::size_t max_chunk_bytes = 2ull << 30; // the largest PATCH body
};
void add_file_routes(http::Router& router, const FileRouteLimits& limits);
void add_upload_routes(http::Router& router, const FileRouteLimits& limits);

// Routes that exist only for tests, registered when MIMAMORI_TEST_ROUTES=1 (never by default):
//   GET|POST /api/v1/test/sleep?ms=N  answers after N ms (at most 10000); logs "test sleep started"
//   GET /api/v1/test/fail             throws, to show that no internal detail leaks
//   POST /api/v1/test/audit?status=N[&throw=1]  queues an "ok" access-log entry, then answers N
//                                     (or throws)
//   GET /api/v1/test/stream, GET /api/v1/test/events, PUT /api/v1/test/sink: streaming (see
//                                     test_stream_routes.cpp)
void add_test_routes(http::Router& router);
// The streaming test routes (test_stream_routes.cpp), registered by add_test_routes().
void add_test_stream_routes(http::Router& router);
// What the streaming test routes saw, for in-process tests.
struct TestStreamStats {
    std::atomic<std::uint64_t> pulls{0};          // BodyStream::pull() calls
    std::atomic<std::int64_t> live_streams{0};    // streams not yet destroyed
    std::atomic<std::uint64_t> sinks{0};          // sinks handed out
    std::atomic<std::uint64_t> abandoned_sinks{0};
};
TestStreamStats& test_stream_stats();

// The OpenAPI 3.0 document (embedded server/api/openapi.json).
std::string_view openapi_document();

} // namespace mimamori::api
