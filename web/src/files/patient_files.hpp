#pragma once
// A patient's files (GET /api/v1/patients/{id}/files, newest first), for the patient screen: an
// "attach files" button with the uploads' progress (files added to the record without a memo), one
// row per file with its thumbnail or kind, name, size, who uploaded it and when, and the same
// open / play / download actions as a memo's attachments. Loads when first drawn for a patient;
// reloads after `reload_patient_files()` (e.g. when an upload finished).

#include <cstdint>

namespace mimamori::web::files {

// `can_upload`: the person may add to the record (not while the team is locked by a withdrawn
// consent); without it the list is shown without the "attach files" button.
void draw_patient_files(std::int64_t patient_id, bool can_upload = true);

// The next draw_patient_files() asks the server again.
void reload_patient_files();

} // namespace mimamori::web::files
