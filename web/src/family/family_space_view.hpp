#pragma once
// The family space of one patient (家族の連絡帳, DESIGN.md §5), drawn for its family accounts on
// their home screen and for the care team at /patients/{id}/family-space. Everything secret
// happens here, in wasm memory: the member's keys are made or unlocked (family_vault.hpp), the
// space's epoch keys opened, memos encrypted before they leave and decrypted and verified after
// they arrive. A memo that fails is shown as "cannot be verified", never as text. Large text for
// elderly readers; one-tap reactions; key verification by safety code and QR code; a plain
// statement of what the server can and cannot see.
//
// The view is split by feature: family_space_view.cpp (loading, the space's upkeep),
// family_space_keys.cpp (set-up, unlock, recovery), family_space_timeline.cpp (composer,
// memos, reactions), family_space_members.cpp (members, key verification, help).

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "api/call.hpp"
#include "app_state.hpp"
#include "family/space_model.hpp"
#include "files/attachments.hpp"
#include "files/image_viewer.hpp"
#include "platform/browser_files.hpp"
#include "ui/form.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web::family {

class FamilySpaceView {
public:
    explicit FamilySpaceView(AppState& state) : m_state(state) {}
    ~FamilySpaceView();
    FamilySpaceView(const FamilySpaceView&) = delete;
    FamilySpaceView& operator=(const FamilySpaceView&) = delete;

    // The space of `patient_id`; `large_text` for family accounts.
    void draw(std::int64_t patient_id, bool large_text);
    // Route /patients/{id}/family-space: the same, for the care team, with a way back.
    void draw_for_team(std::int64_t patient_id);

private:
    enum class KeyStep { Check, SetUp, Unlock, Recover, LostAll, ShowCode };

    // family_space_view.cpp
    void reset(std::int64_t patient_id);
    void reload();
    void poll(const fc::MemberIdentity& me);
    void draw_space(const fc::MemberIdentity& me);

    // family_space_keys.cpp
    void draw_keys();
    void draw_set_up(bool replace);
    void draw_unlock();
    void draw_recover();
    void draw_code();
    void start_key_work();
    void finish_key_work();
    bool run_pending_key_work(); // true while Argon2id runs this frame

    // family_space_timeline.cpp
    void draw_composer(const fc::MemberIdentity& me);
    void draw_timeline(const fc::MemberIdentity& me);
    void draw_memo(const ShownMemo& memo, const fc::MemberIdentity& me);
    // family_space_timeline.cpp: photos and files (family_files.hpp), the shared schedule
    void draw_attachments(const ShownMemo& memo);
    void draw_photo_view();
    void close_photo_view();
    void draw_schedule();
    void draw_schedule_composer(const fc::MemberIdentity& me);
    bool may_share_schedule(const fc::MemberIdentity& me) const;

    // family_space_members.cpp
    void draw_members(const fc::MemberIdentity& me);
    void draw_help();

    AppState& m_state;
    std::int64_t m_patient = 0;
    int m_generation = -1;
    ui::Appearance m_appearance;

    // Keys.
    KeyStep m_key_step = KeyStep::Check;
    api::Call<Json> m_own_keys;
    std::string m_password;      // typed, wiped after use
    std::string m_recovery_code; // typed, wiped after use
    std::string m_shown_code;    // a new recovery code, shown once, wiped when acknowledged
    std::string m_key_problem;
    int m_pending_key_work = 0;  // frames to wait before Argon2id runs (so "working" shows first)
    api::Job<Json> m_key_job;
    std::optional<fc::MemberIdentity> m_new_identity; // made or recovered, kept until stored

    // The space.
    std::optional<SpaceModel> m_model;
    api::Call<Json> m_members, m_grants, m_memos, m_verifications;
    int m_loaded_stage = 0; // how many of the four answers the model has taken
    std::int64_t m_live_seq = -1; // the live updates read so far (AppState::live)
    bool m_shown_once = false; // the space was drawn with all four answers (since reset())
    api::Job<Json> m_upkeep;
    bool m_upkeep_tried = false; // one attempt per load: a refusal is not retried in a loop
    api::Job<Json> m_post;
    api::Job<api::Nothing> m_react;
    api::Job<Json> m_verify;
    api::Job<Json> m_share;
    std::string m_text;
    files::UploadQueue m_uploads; // photos and files, encrypted before they leave
    bool m_uploads_ready = false;
    // Thumbnails (decrypted with their memo) as textures, by "<memo id>/<index>".
    struct Thumb {
        Async<browser_files::Image> loading;
        browser_files::Image image;
        bool failed = false;
    };
    std::map<std::string, Thumb> m_thumbs;
    // The full view of a photo: its ciphertext fetched, decrypted and verified, then decoded.
    struct PhotoView {
        bool open = false;
        std::string name;
        Async<std::string> plain;
        Async<browser_files::Image> decoding;
        browser_files::Image image;
        files::ImageZoom zoom; // the files layer's full view: buttons, wheel, two fingers, a drag
        bool unverifiable = false;
        std::string problem;
    } m_photo;
    // A file being fetched and decrypted to be saved (documents, audio, video).
    struct Saving {
        std::string name, media_type;
        Async<std::string> plain;
    } m_saving;
    // Sharing a schedule entry (the team only).
    std::string m_sched_date, m_sched_time, m_sched_what;
    ui::FieldErrors m_sched_errors;
    api::Job<Json> m_sched_post;
    std::string m_problem;
    std::string m_notice;
    std::optional<std::int64_t> m_open_member; // whose safety code is shown
    static constexpr std::size_t kMemosPerPage = 30;
    std::size_t m_shown_memos = kMemosPerPage;
};

} // namespace mimamori::web::family
