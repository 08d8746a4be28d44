// A patient's files on the patient screen: GET /api/v1/patients/{id}/files, loaded when first
// drawn for a patient and again after reload_patient_files().

#include "files/patient_files.hpp"

#include "imgui.h"

#include "api/call.hpp"
#include "files/attachments.hpp"
#include "files/files_text.hpp"
#include "platform/clock.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web::files {
namespace {

struct State {
    std::int64_t patient_id = 0;
    api::Call<std::vector<StoredFile>> list;
    UploadQueue uploads;           // files added here, without a memo
    std::size_t uploads_seen = 0;  // finished uploads already in the list
};
State g_state;

api::Call<std::vector<StoredFile>> fetch(std::int64_t patient_id) {
    return api::call<std::vector<StoredFile>>(
        api::Request("GET", "patients/" + std::to_string(patient_id) + "/files"),
        [](const Json& answer) -> Result<std::vector<StoredFile>> {
            const auto it = answer.find("files");
            if (it == answer.end()) return Error::invalid("files", "\"files\" should be a list");
            return read_stored_files(*it);
        });
}

} // namespace

void reload_patient_files() { g_state.list.reset(); }

void draw_patient_files(std::int64_t patient_id, bool can_upload) {
    if (g_state.patient_id != patient_id) {
        g_state.uploads.clear();
        g_state.list.reset();
        g_state.uploads_seen = 0;
        g_state.patient_id = patient_id;
    }
    if (g_state.list.not_started()) g_state.list = fetch(patient_id);
    // Someone who may see the patient but not the record's files (403) gets no files area.
    if (g_state.list.failed() && g_state.list.error().http_status == 403) return;
    ImGui::PushID("patient-files");
    ui::heading(tr(T::FilesHeading));
    if (can_upload) draw_attach_button(g_state.uploads, patient_id);
    draw_progress(g_state.uploads);
    if (const auto done = g_state.uploads.finished_upload_ids().size(); done != g_state.uploads_seen) {
        g_state.uploads_seen = done;
        reload_patient_files();
    }
    if (g_state.list.in_flight()) {
        ui::text_muted(tr(T::Loading));
    } else if (g_state.list.failed()) {
        ui::error_text(std::string(tr(T::LoadFailed)) + ": " + g_state.list.error().message);
        if (ui::secondary_button(tr(T::Reload), "files-reload")) reload_patient_files();
    } else if (g_state.list.value().empty()) {
        ui::text_muted(tr(T::NoFiles));
    } else {
        for (const StoredFile& f : g_state.list.value()) {
            ImGui::PushID(static_cast<int>(f.id));
            draw_attachment_strip({f}, "patient-files");
            ImGui::SameLine();
            ImGui::BeginGroup();
            ui::text(f.name);
            ui::text_muted(format_size(static_cast<std::uint64_t>(f.size)) + "  " + clock::local_time(f.created_at) + "  " +
                           tr(T::By) + ": " + f.uploaded_by_name);
            ImGui::EndGroup();
            ImGui::PopID();
        }
    }
    ImGui::PopID();
}

} // namespace mimamori::web::files
